// Money arrives and leaves as whole-rupiah decimal strings; arithmetic is BigInt only.
import { locale } from './i18n.js';

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

/** Below this, a compact figure would say no less than the exact one ("Rp 385.000"). */
const COMPACT_FROM = 1_000_000n;

/**
 * "15281830000" → "Rp 15,3 M" (or "Rp 15.3bn" in English): a figure read at a glance, rounded to one
 * decimal, held together by no-break spaces. Show the exact figure beside it (`money()` in widgets.js).
 */
export function formatRupiahCompact(value) {
  if (value === undefined || value === null || value === '') return '–';
  const idr = toRupiah(value);
  if (idr < COMPACT_FROM && idr > -COMPACT_FROM) return formatRupiah(value).replace(/\s/g, '\u00a0');
  // a display figure, rounded anyway: a Number is exact enough here, and never used for arithmetic
  return new Intl.NumberFormat(locale(), { style: 'currency', currency: 'IDR', currencyDisplay: 'narrowSymbol', notation: 'compact', maximumFractionDigits: 1 })
    .format(Number(idr))
    .replace(/\s/g, '\u00a0');
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
