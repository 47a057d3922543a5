/**
 * The statement fragments that read the ledger and the pagu history as of a
 * cut, shared by the weekly report card and the weekly series, so that both
 * date an entry and count absorption the same way.
 */

/** How an entry moves what a line has used (committed + realised): a reservation and an addendum (signed) add, a release takes away. */
export const used = (column: string) => `CASE WHEN kind IN ('reserve', 'amend') THEN ${column} WHEN kind = 'release' THEN -${column} ELSE 0 END`;

/** How an entry moves what a line holds committed: a payment moves its amount from committed to realised. */
export const COMMITTED = `CASE WHEN kind IN ('reserve', 'amend') THEN amount_idr ELSE -amount_idr END`;

/**
 * The CTEs `dated` and `entries`: the ledger entries of the fiscal year
 * `fiscalYear` (a parameter) with the instant each counts from (`at`) and
 * whether it is an order's last payment (`last_payment`). A realisation
 * counts from the start of its SP2D date in Jakarta, however late it was
 * processed (and its reservation no later than that, so an order is never
 * paid before it is committed); entries without that date (recorded before
 * it was kept) count from when they were recorded. Addenda (`amend`, signed)
 * count from when they were recorded. `where` narrows the entries (e.g. to a
 * set of satkers); every entry of an order is of one satker.
 */
export const datedEntries = (fiscalYear: string, where = 'true') => `
  dated AS (
    SELECT e.*, CASE WHEN e.realised_on IS NULL THEN e.recorded_at ELSE (e.realised_on::timestamp AT TIME ZONE 'UTC') - interval '7 hours' END AS dated_at
      FROM ledger_entries e WHERE e.fiscal_year = ${fiscalYear} AND ${where}),
  entries AS (
    SELECT d.*, CASE d.kind WHEN 'reserve' THEN least(d.dated_at, min(d.dated_at) FILTER (WHERE d.kind = 'realise') OVER (PARTITION BY d.order_id))
                            ELSE d.dated_at END AS at,
           d.kind = 'realise' AND d.dated_at = max(d.dated_at) FILTER (WHERE d.kind = 'realise') OVER (PARTITION BY d.order_id) AS last_payment
      FROM dated d)`;

/** The pagu and blokir of budget line `l` (an alias in scope) as of `cut`: its latest revision before it. */
export const paguAt = (cut: string) => `
  SELECT r.pagu_idr, r.blokir_idr FROM pagu_revisions r
   WHERE (r.fiscal_year, r.satker_code, r.account_code) = (l.fiscal_year, l.satker_code, l.account_code) AND r.revised_at < ${cut}
   ORDER BY r.revised_at DESC, r.id DESC LIMIT 1`;
