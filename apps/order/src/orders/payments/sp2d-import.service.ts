import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '#serapan/auth';
import { sql } from '#serapan/database';
import { DomainError, satkerScopeOf } from '#serapan/service';
import { OrderLifecycleService } from '../lifecycle/order-lifecycle.service.js';
import { orderColumns, OrderRow } from '../order.sql.js';
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
 * Pays orders from the treasury's SP2D list. Each record pays the order with
 * its purchase-order number through the same step as POST /pay (same access,
 * state and date rules, same event); a record that cannot pay is reported and
 * changes nothing, and one already paid by the same SP2D is reported as such,
 * so importing a file again changes nothing. A purchase-order number already
 * on an earlier line of the file is a duplicate and changes nothing.
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
    const firstLineOf = new Map<string, number>();
    const lines: Sp2dImportLineDto[] = [];
    for (const entry of entries) {
      if ('malformed' in entry) {
        lines.push({ line: entry.line, sp2dNumber: entry.sp2dNumber, purchaseOrderNumber: null, orderId: null, outcome: 'malformed', reason: entry.malformed });
        continue;
      }
      const { sp2dNumber, purchaseOrderNumber } = entry.record;
      const earlier = firstLineOf.get(purchaseOrderNumber);
      if (earlier !== undefined) {
        const reason = `purchase_order_number ${purchaseOrderNumber} is already on line ${earlier} of this file`;
        lines.push({ line: entry.line, sp2dNumber, purchaseOrderNumber, orderId: byNumber.get(purchaseOrderNumber)?.id ?? null, outcome: 'duplicate', reason });
        continue;
      }
      firstLineOf.set(purchaseOrderNumber, entry.line);
      lines.push({ line: entry.line, ...(await this.payOne(principal, entry.record, byNumber.get(purchaseOrderNumber))) });
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

  private async payOne(principal: Principal, record: Sp2dRecord, order: OrderRow | undefined): Promise<Omit<Sp2dImportLineDto, 'line'>> {
    const { sp2dNumber, purchaseOrderNumber } = record;
    const outcome = (o: Sp2dImportLineDto['outcome'], reason: string | null = null) => ({
      sp2dNumber,
      purchaseOrderNumber,
      orderId: o === 'not-found' ? null : (order?.id ?? null),
      outcome: o,
      reason,
    });
    if (!order) return outcome('not-found', `no order with purchase-order number ${purchaseOrderNumber} in your scope`);
    if (order.status === 'COMPLETED' && order.sp2dNumber === sp2dNumber) return outcome('already-paid', `paid by this SP2D on ${order.paidOn}`);
    if (order.totalIdr !== record.amountIdr) return outcome('refused', `amount_idr ${record.amountIdr} differs from the order total ${order.totalIdr}`);
    try {
      await this.lifecycle.pay(principal, order.id, sp2dNumber, record.sp2dDate);
      return outcome('paid');
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return outcome('refused', error.message.replace(/^paidOn/, 'sp2d_date'));
    }
  }
}
