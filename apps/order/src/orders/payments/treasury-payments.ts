/** One SP2D (the treasury's payment order) as the treasury reports it. */
export interface Sp2dRecord {
  sp2dNumber: string;
  /** The SP2D date, YYYY-MM-DD. */
  sp2dDate: string;
  /** Whole rupiah, as a decimal string. */
  amountIdr: string;
  /** The purchase-order number (nomor surat pesanan) the SP2D pays. */
  purchaseOrderNumber: string;
}

/** One entry of the treasury's list: a record, or why its line could not be read. */
export type Sp2dEntry = { line: number; record: Sp2dRecord } | { line: number; sp2dNumber: string | null; malformed: string };

/**
 * Where SP2D records come from. Today an uploaded export of the treasury
 * system (SAKTI) read by CsvTreasuryPayments; a live SAKTI link can replace
 * it behind the same interface, its `batch` naming what to fetch instead of
 * carrying the file.
 */
export abstract class TreasuryPayments {
  abstract read(batch: string): Promise<Sp2dEntry[]>;
}
