/** Whole-rupiah arithmetic on bigint; amounts travel as decimal strings. */
export const rupiah = (value: string | bigint): bigint => (typeof value === 'bigint' ? value : BigInt(value));

export const sumRupiah = (values: Iterable<string | bigint>): bigint => {
  let total = 0n;
  for (const value of values) total += rupiah(value);
  return total;
};

/** part ÷ whole as a percentage with two decimals, computed in integers. */
export function percent(part: bigint, whole: bigint): number {
  if (whole <= 0n) return 0;
  const basisPoints = (part * 10_000n) / whole;
  return Number(basisPoints) / 100;
}
