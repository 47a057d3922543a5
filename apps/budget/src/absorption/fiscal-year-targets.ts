import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseQuarterTargets, QuarterTargets, targetOn } from './quarterly-targets.js';

/** The account groups e-purchasing spends from: 52 goods, 53 capital. */
export const ACCOUNT_GROUPS = ['52', '53'] as const;
export type AccountGroup = (typeof ACCOUNT_GROUPS)[number];

/** One fiscal year's targets (apps/budget/targets/<year>.json; docs/domain.md rule 16). */
export interface FiscalYearTargets {
  fiscalYear: number;
  /** Floor of the UMK share of spend, %. */
  umkMinSharePct: number;
  /** The PDN commitment: floor of the domestic share of spend, %. */
  pdnMinSharePct: number;
  /** Cumulative absorption at the end of each quarter, per account group. */
  quarterlyAbsorptionPct: Record<AccountGroup, QuarterTargets>;
}

/** The folder of target files shipped with the project. */
export const DEFAULT_TARGETS_DIR = fileURLToPath(new URL('../../../../../apps/budget/targets/', import.meta.url));

/** The injection token of the service's Targets. */
export const TARGETS = Symbol('TARGETS');

/** Every fiscal year's targets, and the rule for a year without a file. */
export class Targets {
  private readonly years: FiscalYearTargets[];

  constructor(years: readonly FiscalYearTargets[]) {
    if (years.length === 0) throw new Error('no fiscal year targets were given');
    this.years = [...years].sort((a, b) => a.fiscalYear - b.fiscalYear);
  }

  /** The year's targets: its own, else the latest earlier year's, else the earliest year's. */
  of(fiscalYear: number): FiscalYearTargets {
    return [...this.years].reverse().find((t) => t.fiscalYear <= fiscalYear) ?? this.years[0];
  }

  /**
   * The absorption expected on `day` for lines of `fiscalYear`: each account
   * group's quarterly target, weighted by the group's available pagu (pagu −
   * blokir) when a set of lines spans both groups; the goods series when none
   * is available.
   */
  absorptionTargetOn(fiscalYear: number, day: Date, availableByGroup: Partial<Record<AccountGroup, bigint>>): number {
    const series = this.of(fiscalYear).quarterlyAbsorptionPct;
    const total = ACCOUNT_GROUPS.reduce((sum, g) => sum + (availableByGroup[g] ?? 0n), 0n);
    if (total <= 0n) {
      const only = ACCOUNT_GROUPS.find((g) => availableByGroup[g] !== undefined) ?? '52';
      return targetOn(series[only], fiscalYear, day);
    }
    const weighted = ACCOUNT_GROUPS.reduce((sum, g) => {
      const share = Number(((availableByGroup[g] ?? 0n) * 1_000_000n) / total) / 1_000_000;
      return sum + share * targetOn(series[g], fiscalYear, day);
    }, 0);
    return Math.round(weighted * 100) / 100;
  }
}

/** Reads and checks one year's file; errors name the file and the field. */
export function parseTargetsFile(file: string, text: string): FiscalYearTargets {
  const fail = (what: string): never => {
    throw new Error(`targets file ${file}: ${what}`);
  };
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    return fail(`not valid JSON (${(error as Error).message})`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return fail('must be a JSON object');
  const year = Number(/(\d{4})\.json$/.exec(file)?.[1]);
  if (data.fiscalYear !== year) fail(`fiscalYear must be ${year}, as the file name says, got ${JSON.stringify(data.fiscalYear)}`);
  const percentage = (name: string): number => {
    const v = data[name];
    return typeof v === 'number' && v >= 0 && v <= 100 ? v : fail(`${name} must be a percentage between 0 and 100, got ${JSON.stringify(v)}`);
  };
  const quarterly = data.quarterlyAbsorptionPct as Record<string, unknown> | undefined;
  if (typeof quarterly !== 'object' || quarterly === null) return fail('quarterlyAbsorptionPct must give the series of account groups 52 and 53');
  const series = Object.fromEntries(
    ACCOUNT_GROUPS.map((g) => {
      try {
        return [g, parseQuarterTargets(quarterly[g])];
      } catch (error) {
        return fail(`quarterlyAbsorptionPct.${g}: ${(error as Error).message}`);
      }
    }),
  ) as Record<AccountGroup, QuarterTargets>;
  return { fiscalYear: year, umkMinSharePct: percentage('umkMinSharePct'), pdnMinSharePct: percentage('pdnMinSharePct'), quarterlyAbsorptionPct: series };
}

/** Reads every `<year>.json` in `dir`; throws naming the folder or the bad file. */
export function loadTargets(dir: string): Targets {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => /^\d{4}\.json$/.test(name));
  } catch (error) {
    throw new Error(`targets folder ${dir} cannot be read: ${(error as Error).message}`, { cause: error });
  }
  if (names.length === 0) throw new Error(`targets folder ${dir} has no <year>.json file`);
  return new Targets(names.map((name) => parseTargetsFile(join(dir, name), readFileSync(join(dir, name), 'utf8'))));
}

/**
 * The account groups a set of lines spans, each with its pagu − blokir (a
 * decimal string; null when the set has no line of that group). A group
 * whose pagu is all blocked still counts, so it is judged on its own series.
 */
export function availableByGroup(available52: string | null, available53: string | null): Partial<Record<AccountGroup, bigint>> {
  const groups: Partial<Record<AccountGroup, bigint>> = {};
  if (available52 !== null) groups['52'] = BigInt(available52);
  if (available53 !== null) groups['53'] = BigInt(available53);
  return groups;
}
