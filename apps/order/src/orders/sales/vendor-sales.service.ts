import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '#serapan/auth';
import { sql } from '#serapan/database';
import { Clock, InvalidRequestError, jakartaYearOf, ScopeError, weekEndingsOf } from '#serapan/service';
import { VendorSalesDto, VendorSalesQueryDto, WeeklySalesDto } from './dto/vendor-sales.dto.js';

/**
 * A vendor's orders of one fiscal year per week (Saturday to Friday, Jakarta
 * days): accepted by the day the vendor accepted, paid by the SP2D date.
 */
const WEEKLY_SALES = `
  WITH weeks AS (SELECT unnest($3::date[]) AS week_ending),
  accepted AS (
    SELECT (t.at AT TIME ZONE 'Asia/Jakarta')::date AS day, o.total_idr
      FROM orders o JOIN order_timeline t ON t.order_id = o.id AND t.from_status = 'AWAITING_VENDOR' AND t.to_status = 'IN_PROCESS'
     WHERE o.vendor_id = $1 AND o.fiscal_year = $2 AND o.status <> 'CANCELLED'),
  paid AS (
    SELECT p.paid_on AS day, p.value_idr - p.penalty_idr AS paid_idr
      FROM orders o JOIN order_terms p ON p.order_id = o.id
     WHERE o.vendor_id = $1 AND o.fiscal_year = $2 AND p.status = 'PAID')
  SELECT w.week_ending::text AS "weekEnding",
         (SELECT count(*) FROM accepted a WHERE a.day BETWEEN w.week_ending - 6 AND w.week_ending)::int AS orders,
         (SELECT coalesce(sum(a.total_idr), 0) FROM accepted a WHERE a.day BETWEEN w.week_ending - 6 AND w.week_ending)::text AS "contractedIdr",
         (SELECT coalesce(sum(p.paid_idr), 0) FROM paid p WHERE p.day BETWEEN w.week_ending - 6 AND w.week_ending)::text AS "paidIdr"
    FROM weeks w ORDER BY w.week_ending`;

/** What a vendor sold and was paid, week by week. */
@Injectable()
export class VendorSalesService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async weekly(principal: Principal, query: VendorSalesQueryDto): Promise<VendorSalesDto> {
    const vendorId = vendorOf(principal, query.vendorId);
    const now = this.clock.now();
    const fiscalYear = query.fiscalYear ?? jakartaYearOf(now);
    const weeks = await sql<WeeklySalesDto>(this.db, WEEKLY_SALES, [vendorId, fiscalYear, weekEndingsOf(fiscalYear, now)]);
    return { fiscalYear, vendorId, weeks };
  }
}

/** A vendor sees its own sales; an auditor, who may read every order, names the vendor. */
function vendorOf(principal: Principal, requested: string | undefined): string {
  if (principal.role === 'auditor') {
    if (!requested) throw new InvalidRequestError('vendorId is required: name the vendor whose sales to show');
    return requested;
  }
  if (principal.role !== 'vendor' || !principal.vendorId) throw new ScopeError('only a vendor sees its sales, or an auditor');
  if (requested && requested !== principal.vendorId) throw new ScopeError('vendorId must be your own: a vendor sees only its own sales');
  return principal.vendorId;
}
