// Money arrives and leaves as whole-rupiah decimal strings; arithmetic is BigInt only.
const rupiahFormat = new Intl.NumberFormat('id-ID', { style: 'currency', currency: 'IDR', minimumFractionDigits: 0, maximumFractionDigits: 0 });

const WHOLE = /^-?(0|[1-9][0-9]*)$/;

export const toRupiah = (value) => {
  const text = String(value ?? '').trim();
  if (!WHOLE.test(text)) throw new RangeError(`not a whole rupiah amount: "${text}"`);
  return BigInt(text);
};

/** "125000000" → "Rp 125.000.000"; missing amounts show as a dash. */
export function formatRupiah(value) {
  if (value === undefined || value === null || value === '') return '–';
  return rupiahFormat.format(toRupiah(value));
}

/**
 * What a person typed ("Rp 1.500.000", "1,500,000", "1500000") as a decimal
 * string, or null when it is not a whole, non-negative amount.
 */
export function parseRupiahInput(text) {
  const cleaned = String(text ?? '')
    .replace(/rp/i, '')
    .replace(/\s/g, '');
  if (!cleaned || /[.,][0-9]{1,2}$/.test(cleaned)) return null;
  const digits = cleaned.replace(/[.,]/g, '');
  if (!/^[0-9]+$/.test(digits)) return null;
  return BigInt(digits).toString();
}

export const times = (priceIdr, quantity) => (toRupiah(priceIdr) * BigInt(quantity)).toString();

export const sum = (values) => values.reduce((total, value) => total + toRupiah(value ?? '0'), 0n).toString();

export const minus = (a, b) => (toRupiah(a) - toRupiah(b)).toString();

export const compare = (a, b) => {
  const difference = toRupiah(a) - toRupiah(b);
  return difference > 0n ? 1 : difference < 0n ? -1 : 0;
};

/** part ÷ whole × 100 with two decimals, from integers (a display number, not money). */
export function percentOf(part, whole) {
  const w = toRupiah(whole ?? '0');
  if (w <= 0n) return 0;
  return Number((toRupiah(part ?? '0') * 10000n) / w) / 100;
}

/** Mean of percentages weighted by amounts, without floating-point money. */
export function weightedPercent(rows) {
  let weight = 0n;
  let total = 0n;
  for (const { percent, amount } of rows) {
    const a = toRupiah(amount ?? '0');
    weight += a;
    total += BigInt(Math.round(Number(percent ?? 0) * 100)) * a;
  }
  return weight > 0n ? Number(total / weight) / 100 : 0;
}
