import { test } from 'node:test';
import assert from 'node:assert/strict';
import { from, lastValueFrom, toArray } from 'rxjs';
import type { Principal } from '#serapan/auth';
import type { OrderChange } from './order-feed.js';
import { changesWithin } from './order-stream.service.js';

const VENDOR = 'b0000000-0000-4000-8000-000000000001';
const OTHER_VENDOR = 'b0000000-0000-4000-8000-000000000002';

const aChange = (orderId: string, parties: Pick<OrderChange, 'vendorId' | 'satkerCode' | 'klCode'>): OrderChange => ({
  eventId: `e-${orderId}`,
  eventType: 'order.accepted',
  orderId,
  status: 'IN_PROCESS',
  at: '2026-11-27T03:00:00.000Z',
  purchaseOrderNumber: 'SP-415423-2026-000001',
  ...parties,
});

const CHANGES = [
  aChange('ours', { vendorId: VENDOR, satkerCode: '415423', klCode: '024' }),
  aChange('other-vendor', { vendorId: OTHER_VENDOR, satkerCode: '415423', klCode: '024' }),
  aChange('other-satker', { vendorId: VENDOR, satkerCode: '632481', klCode: '024' }),
  aChange('other-kl', { vendorId: OTHER_VENDOR, satkerCode: '632481', klCode: '077' }),
];

async function seenBy(principal: Principal): Promise<string[]> {
  return (await lastValueFrom(from(CHANGES).pipe(changesWithin(principal), toArray()))).map(({ change }) => change.orderId);
}

test('a vendor’s stream carries its own orders’ changes, whichever satker ordered', async () => {
  assert.deepEqual(await seenBy({ sub: 'v', username: 'vendor', role: 'vendor', vendorId: VENDOR }), ['ours', 'other-satker']);
});

test('a vendor without a vendor id sees nothing', async () => {
  assert.deepEqual(await seenBy({ sub: 'v', username: 'vendor', role: 'vendor' }), []);
});

test('an officer’s stream is its satker’s orders, whichever vendor', async () => {
  assert.deepEqual(await seenBy({ sub: 'o', username: 'ppk', role: 'officer', satkerCode: '415423', klCode: '024' }), ['ours', 'other-vendor']);
});

test('finance of a K/L sees the K/L’s satkers; satker finance its satker; an auditor everything', async () => {
  assert.deepEqual(await seenBy({ sub: 'k', username: 'kl', role: 'finance', klCode: '024' }), ['ours', 'other-vendor', 'other-satker']);
  assert.deepEqual(await seenBy({ sub: 'f', username: 'bendahara', role: 'finance', satkerCode: '632481', klCode: '024' }), ['other-satker']);
  assert.deepEqual(await seenBy({ sub: 'a', username: 'auditor', role: 'auditor' }), ['ours', 'other-vendor', 'other-satker', 'other-kl']);
});

test('a change carries nothing but the order, its status, the event and the purchase-order number', async () => {
  const [sent] = await lastValueFrom(from(CHANGES).pipe(changesWithin({ sub: 'a', username: 'auditor', role: 'auditor' }), toArray()));
  assert.deepEqual(sent, {
    eventId: 'e-ours',
    change: {
      orderId: 'ours',
      status: 'IN_PROCESS',
      eventType: 'order.accepted',
      at: '2026-11-27T03:00:00.000Z',
      purchaseOrderNumber: 'SP-415423-2026-000001',
    },
  });
});
