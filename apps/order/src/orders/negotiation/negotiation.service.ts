import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '#serapan/auth';
import { EventTypes, OfferLine, OrderLineSnapshot } from '#serapan/contracts';
import { sql, sqlOne } from '#serapan/database';
import { Clock, NotFoundError } from '#serapan/service';
import { OrderAccess } from '../access/order-access.policy.js';
import { ApprovalService } from '../approval/approval.service.js';
import type { OrderViewDto } from '../dto/order-view.dto.js';
import { nextStatus } from '../lifecycle/order-state.js';
import { moveOrders, OrderTransitions } from '../lifecycle/order-transitions.js';
import { ORDER_RULES, OrderRules } from '../order-rules.js';
import { orderColumns, OrderRow } from '../order.sql.js';
import { offerData } from '../order-view.js';
import { OrderQueriesService } from '../queries/order-queries.service.js';
import { termsOf } from '../terms/order-terms.sql.js';
import { shippingOfTerm, termSpend } from '../terms/term-arithmetic.js';
import { assertMayAgree, assertMayOffer, NegotiableLine, OfferLineInput, Party, partyOf, priceOffer, PricedOffer } from './negotiation-rules.js';

/** An offer as stored. */
interface StoredOffer {
  round: number;
  party: Party;
  lines: OfferLine[];
}

/**
 * A negotiation between the officer and the vendor before an order is
 * approved (docs/domain.md, rule 21): offers in turn, within a number of
 * offers and a deadline; agreeing takes the last offer's prices and shipping
 * into the order, which then waits for approval (or, a PPK's, goes on to the
 * budget); either side may withdraw. Each step locks the order row, so steps
 * on one order happen one at a time.
 */
@Injectable()
export class NegotiationService {
  constructor(
    private readonly db: DataSource,
    private readonly transitions: OrderTransitions,
    private readonly approval: ApprovalService,
    private readonly queries: OrderQueriesService,
    private readonly clock: Clock,
    @Inject(ORDER_RULES) private readonly rules: OrderRules,
  ) {}

  offer(principal: Principal, id: string, lines: readonly OfferLineInput[], note?: string): Promise<OrderViewDto> {
    return this.step(principal, id, 'offer', async (manager, order, party, offers) => {
      assertMayOffer(this.state(order, offers), party, this.clock.now());
      const priced = priceOffer(await this.negotiableLines(manager, id), lines, await this.vendorUmk(manager, id));
      const round = offers.length + 1;
      await sql(manager, `INSERT INTO order_offers (order_id, round, party, actor, lines, total_idr, note) VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)`, [
        id,
        round,
        party,
        principal.username,
        JSON.stringify(offerData(priced).lines),
        priced.totalIdr.toString(),
        note ?? null,
      ]);
      const [row] = await moveOrders(manager, { ids: [id], from: ['NEGOTIATING'], to: nextStatus(order.status, 'offer') });
      await this.transitions.record(
        manager,
        principal.username,
        [
          {
            order: row,
            from: order.status,
            cause: `${party} offered ${priced.totalIdr} (offer ${round})`,
            data: { offer: { round, party, ...offerData(priced) } },
          },
        ],
        EventTypes.orderOfferMade,
      );
    });
  }

  /** Agrees to the other side's last offer: its prices and shipping become the order's. */
  agree(principal: Principal, id: string): Promise<OrderViewDto> {
    return this.step(principal, id, 'agree', async (manager, order, party, offers) => {
      assertMayAgree(this.state(order, offers), party, this.clock.now());
      const last = offers.at(-1)!;
      const lines = await this.negotiableLines(manager, id);
      const vendorUmk = await this.vendorUmk(manager, id);
      const agreed = priceOffer(lines, last.lines, vendorUmk);
      await this.takeOffer(manager, order, lines, agreed);
      const [row] = await moveOrders(manager, { ids: [id], from: ['NEGOTIATING'], to: nextStatus(order.status, 'agree') });
      await this.transitions.record(
        manager,
        principal.username,
        [
          {
            order: row,
            from: order.status,
            cause: `${party} agreed to offer ${last.round}: ${agreed.totalIdr}`,
            data: { offer: { round: last.round, party: last.party, ...offerData(agreed) } },
          },
        ],
        EventTypes.orderNegotiationAgreed,
      );
      // a PPK's own order is approved as agreed (docs/domain.md, rule 22)
      if (row.placedByPpk) await this.approval.approveIn(manager, row, await this.placerName(manager, row));
    });
  }

  withdraw(principal: Principal, id: string, reason?: string): Promise<OrderViewDto> {
    return this.step(principal, id, 'withdraw', async (manager, order, party) => {
      const why = `negotiation withdrawn by the ${party}${reason ? `: ${reason}` : ''}`;
      const [row] = await moveOrders(manager, { ids: [id], from: ['NEGOTIATING'], to: nextStatus(order.status, 'withdraw'), change: { reason: why } });
      await this.transitions.record(manager, principal.username, [{ order: row, from: order.status, cause: why }], EventTypes.orderCancelled);
    });
  }

  /** Writes the agreed prices into the lines, the order's totals and snapshot, and the terms' values. */
  private async takeOffer(manager: EntityManager, order: OrderRow, lines: readonly NegotiableLine[], agreed: PricedOffer): Promise<void> {
    await sql(
      manager,
      `UPDATE order_lines l SET unit_price_idr = a.price, subtotal_idr = a.subtotal, shipping_idr = a.shipping
         FROM unnest($2::int[], $3::bigint[], $4::bigint[], $5::bigint[]) AS a (line_no, price, subtotal, shipping)
        WHERE l.order_id = $1 AND l.line_no = a.line_no`,
      [
        order.id,
        agreed.lines.map((l) => l.lineNo),
        agreed.lines.map((l) => l.unitPriceIdr.toString()),
        agreed.lines.map((l) => l.subtotalIdr.toString()),
        agreed.lines.map((l) => l.shippingIdr.toString()),
      ],
    );
    const snapshot: OrderLineSnapshot[] = order.linesSnapshot.map((line, i) => ({
      ...line,
      unitPriceIdr: agreed.lines[i].unitPriceIdr.toString(),
      subtotalIdr: agreed.lines[i].subtotalIdr.toString(),
    }));
    await sql(manager, `UPDATE orders SET shipping_fee_idr = $2, total_idr = $3, pdn_idr = $4, umk_idr = $5, lines_snapshot = $6::json WHERE id = $1`, [
      order.id,
      agreed.shippingIdr.toString(),
      agreed.totalIdr.toString(),
      agreed.pdnIdr.toString(),
      agreed.umkIdr.toString(),
      JSON.stringify(snapshot),
    ]);
    const terms = await termsOf(manager, [order.id]);
    const contract = lines.map((l, i) => ({ ...l, unitPriceIdr: agreed.lines[i].unitPriceIdr }));
    const values = terms.map((t, i) => termSpend(contract, t.quantities, shippingOfTerm(i, terms.length, agreed.shippingIdr), false).amountIdr);
    await sql(
      manager,
      `UPDATE order_terms t SET value_idr = v.value FROM unnest($2::int[], $3::bigint[]) AS v (term_no, value) WHERE t.order_id = $1 AND t.term_no = v.term_no`,
      [order.id, terms.map((t) => t.termNo), values.map(String)],
    );
  }

  /** Locks the order, checks the party and the state, and runs the step with the offers so far; answers with the order. */
  private async step(
    principal: Principal,
    id: string,
    action: 'offer' | 'agree' | 'withdraw',
    run: (manager: EntityManager, order: OrderRow, party: Party, offers: StoredOffer[]) => Promise<void>,
  ): Promise<OrderViewDto> {
    await this.db.transaction(async (manager) => {
      const order = await sqlOne<OrderRow>(manager, `SELECT ${orderColumns()} FROM orders WHERE id = $1 FOR UPDATE`, [id]);
      if (!order) throw new NotFoundError(`order ${id} does not exist`);
      const party = partyOf(principal.role);
      if (party === 'vendor') OrderAccess.assertVendor(principal, order);
      else OrderAccess.assertOfficer(principal, order);
      nextStatus(order.status, action);
      const offers = await sql<StoredOffer>(manager, `SELECT round, party, lines FROM order_offers WHERE order_id = $1 ORDER BY round`, [id]);
      await run(manager, order, party, offers);
    });
    return this.queries.load(id);
  }

  private state(order: OrderRow, offers: readonly StoredOffer[]) {
    return { parties: offers.map((o) => o.party), deadlineAt: order.negotiationDeadlineAt!, maxOffers: this.rules.maxOffers };
  }

  private async negotiableLines(manager: EntityManager, id: string): Promise<NegotiableLine[]> {
    const rows = await sql<{ lineNo: number; quantity: number; listPriceIdr: string; pdnTier: NegotiableLine['pdnTier'] }>(
      manager,
      `SELECT line_no AS "lineNo", quantity, list_price_idr::text AS "listPriceIdr", pdn_tier AS "pdnTier" FROM order_lines WHERE order_id = $1 ORDER BY line_no`,
      [id],
    );
    return rows.map((r) => ({ ...r, listPriceIdr: BigInt(r.listPriceIdr) }));
  }

  private async vendorUmk(manager: EntityManager, id: string): Promise<boolean> {
    const line = await sqlOne<{ vendorUmk: boolean }>(manager, `SELECT vendor_umk AS "vendorUmk" FROM order_lines WHERE order_id = $1 LIMIT 1`, [id]);
    return line?.vendorUmk ?? false;
  }

  /** The user name of the officer who opened the order (the timeline's first actor): the approving PPK of their own order. */
  private async placerName(manager: EntityManager, order: OrderRow): Promise<string> {
    const first = await sqlOne<{ actor: string }>(manager, `SELECT actor FROM order_timeline WHERE order_id = $1 ORDER BY id LIMIT 1`, [order.id]);
    return first?.actor ?? order.placedBy;
  }
}
