import type { EntityManager } from 'typeorm';
import { sql, sqlOne } from '#serapan/database';
import { ScopeError } from '#serapan/service';

/**
 * The authoritative satker → K/L registry (table `satkers`, docs/domain.md
 * rule 15): a satker belongs to exactly one K/L, whatever a token claims.
 */

/** The registered K/L of each of these satkers, in one statement; unregistered satkers are absent. */
export async function registeredKlOf(manager: EntityManager, satkers: readonly { satkerCode: string }[]): Promise<Map<string, string>> {
  const codes = [...new Set(satkers.map((s) => s.satkerCode))];
  const rows = await sql<{ code: string; klCode: string }>(manager, `SELECT code, kl_code AS "klCode" FROM satkers WHERE code = ANY($1::bpchar[])`, [codes]);
  return new Map(rows.map((r) => [r.code, r.klCode]));
}

/** Refuses a satker registered to a K/L other than `klCode`; an unregistered one passes. */
export async function assertSatkerOf(manager: EntityManager, satkerCode: string, klCode: string): Promise<void> {
  const registered = await sqlOne<{ klCode: string }>(manager, `SELECT kl_code AS "klCode" FROM satkers WHERE code = $1`, [satkerCode]);
  if (registered && registered.klCode !== klCode)
    throw new SatkerOfOtherKlError(`satker ${satkerCode} is registered to K/L ${registered.klCode}, not ${klCode}`);
}

/**
 * Registers an unknown satker under `klCode`; refuses one registered to
 * another K/L. Returns true when it was registered now.
 */
export async function registerSatker(manager: EntityManager, satkerCode: string, klCode: string): Promise<boolean> {
  const inserted = await sqlOne<{ code: string }>(manager, `INSERT INTO satkers (code, kl_code) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING RETURNING code`, [
    satkerCode,
    klCode,
  ]);
  if (!inserted) await assertSatkerOf(manager, satkerCode, klCode);
  return inserted !== undefined;
}

/** Raised when a satker is named under a K/L it is not registered to. */
export class SatkerOfOtherKlError extends ScopeError {}
