import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '#serapan/auth';
import { sql } from '#serapan/database';
import { DomainError, satkerScopeOf } from '#serapan/service';
import { OrderLifecycleService } from '../lifecycle/order-lifecycle.service.js';
import { orderColumns, OrderRow } from '../order.sql.js';
import { TermRow, termsOf } from '../terms/order-terms.sql.js';
import { Sp2dImportLineDto, Sp2dImportReportDto } from './dto/sp2d-import-report.dto.js';
import { Sp2dRecord, TreasuryPayments } from './treasury-payments.js';

/**
 * The orders with these purchase-order numbers inside a caller's satker scope
 * ($2 its satker, $3 its K/L; null for no bound).
 */
const ORDERS_BY_NUMBER = `
  SELECT ${orderColumns()} FROM orders
   WHERE purchase_order_number = ANY($1::text[])
     AND ($2::bpchar IS NULL OR satker_code = $2::bpchar) AND ($3::bpchar IS NULL OR kl_code = $3::bpchar)`;

/**
 * Pays orders from the treasury's SP2D list. Each record pays a term of the
 * order with its purchase-order number: the received term whose amount due
 * (its value less its penalty) is the record's amount, through the same step
 * as POST /pay (same access, state and date rules, same event). A record that
 * cannot pay is reported and changes nothing, and one whose SP2D already paid
 * a term of the order is reported as such, so importing a file again changes
 * nothing. The same purchase-order number and SP2D on an earlier line of the
 * file is a duplicate and changes nothing (one order's terms are paid by
 * different SP2Ds).
 */
@Injectable()
export class Sp2dImportService {
  constructor(
    private readonly db: DataSource,
    private readonly treasury: TreasuryPayments,
    private readonly lifecycle: OrderLifecycleService,
  ) {}

  async import(principal: Principal, batch: string): Promise<Sp2dImportReportDto> {
    const entries = await this.treasury.read(batch);
    const records = entries.flatMap((e) => ('record' in e ? [e.record] : []));
    const scope = satkerScopeOf(principal);
    const orders = await sql<OrderRow>(this.db, ORDERS_BY_NUMBER, [
      [...new Set(records.map((r) => r.purchaseOrderNumber))],
      scope.satkerCode ?? null,
      scope.klCode ?? null,
    ]);
    const byNumber = new Map(orders.map((o) => [o.purchaseOrderNumber!, o]));
    const terms = await termsOf(
      this.db,
      orders.map((o) => o.id),
    );
    const firstLineOf = new Map<string, number>();
    const lines: Sp2dImportLineDto[] = [];
    for (const entry of entries) {
      if ('malformed' in entry) {
        lines.push({ line: entry.line, sp2dNumber: entry.sp2dNumber, purchaseOrderNumber: null, orderId: null, outcome: 'malformed', reason: entry.malformed });
        continue;
      }
      const { sp2dNumber, purchaseOrderNumber } = entry.record;
      const key = `${purchaseOrderNumber} ${sp2dNumber}`;
      const earlier = firstLineOf.get(key);
      if (earlier !== undefined) {
        const reason = `purchase_order_number ${purchaseOrderNumber} with sp2d_number ${sp2dNumber} is already on line ${earlier} of this file`;
        lines.push({ line: entry.line, sp2dNumber, purchaseOrderNumber, orderId: byNumber.get(purchaseOrderNumber)?.id ?? null, outcome: 'duplicate', reason });
        continue;
      }
      firstLineOf.set(key, entry.line);
      const order = byNumber.get(purchaseOrderNumber);
      lines.push({
        line: entry.line,
        ...(await this.payOne(
          principal,
          entry.record,
          order,
          terms.filter((t) => t.orderId === order?.id),
        )),
      });
    }
    const count = (outcome: Sp2dImportLineDto['outcome']) => lines.filter((l) => l.outcome === outcome).length;
    return {
      counts: {
        paid: count('paid'),
        alreadyPaid: count('already-paid'),
        notFound: count('not-found'),
        refused: count('refused'),
        malformed: count('malformed'),
        duplicate: count('duplicate'),
      },
      lines,
    };
  }

  private async payOne(principal: Principal, record: Sp2dRecord, order: OrderRow | undefined, terms: TermRow[]): Promise<Omit<Sp2dImportLineDto, 'line'>> {
    const { sp2dNumber, purchaseOrderNumber } = record;
    const outcome = (o: Sp2dImportLineDto['outcome'], reason: string | null = null) => ({
      sp2dNumber,
      purchaseOrderNumber,
      orderId: o === 'not-found' ? null : (order?.id ?? null),
      outcome: o,
      reason,
    });
    if (!order) return outcome('not-found', `no order with purchase-order number ${purchaseOrderNumber} in your scope`);
    const paidBy = terms.find((t) => t.sp2dNumber === sp2dNumber);
    if (paidBy) return outcome('already-paid', `term ${paidBy.termNo} was paid by this SP2D on ${paidBy.paidOn}`);
    const due = (t: TermRow) => (BigInt(t.valueIdr) - BigInt(t.penaltyIdr)).toString();
    const received = terms.filter((t) => t.status === 'RECEIVED');
    const term = received.find((t) => due(t) === record.amountIdr);
    if (!term && received.length > 0) {
      const owed = received.map((t) => `term ${t.termNo}: ${due(t)}`).join(', ');
      return outcome('refused', `amount_idr ${record.amountIdr} matches no received term's amount due (${owed})`);
    }
    try {
      const paid = await this.lifecycle.pay(principal, order.id, sp2dNumber, record.sp2dDate, term?.termNo);
      // a later row of the file for another term of this order sees this one paid
      for (const t of paid.terms)
        Object.assign(terms.find((mine) => mine.termNo === t.termNo) ?? {}, { status: t.status, sp2dNumber: t.sp2dNumber, paidOn: t.paidOn });
      return outcome('paid');
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return outcome('refused', error.message.replace(/^paidOn/, 'sp2d_date'));
    }
  }
}
