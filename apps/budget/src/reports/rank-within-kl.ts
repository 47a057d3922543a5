/** A satker's place by absorption among the satkers of its K/L. */
export interface KlRank {
  /** 1 for the highest absorption; equal absorption shares a rank. */
  rankInKl: number;
  satkersInKl: number;
}

/** Each item's rank by absorption within its K/L, in the order of `items`. */
export function ranksWithinKl(items: readonly { klCode: string; absorptionPct: number }[]): KlRank[] {
  const ranks: KlRank[] = items.map(() => ({ rankInKl: 0, satkersInKl: 0 }));
  const byKl = new Map<string, number[]>();
  items.forEach((item, i) => byKl.set(item.klCode, [...(byKl.get(item.klCode) ?? []), i]));
  for (const group of byKl.values()) {
    const sorted = [...group].sort((a, b) => items[b].absorptionPct - items[a].absorptionPct);
    sorted.forEach((index, i) => {
      const previous = sorted[i - 1];
      ranks[index] = {
        rankInKl: i > 0 && items[previous].absorptionPct === items[index].absorptionPct ? ranks[previous].rankInKl : i + 1,
        satkersInKl: group.length,
      };
    });
  }
  return ranks;
}
