import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { unacknowledgedPartitions } from './acknowledged-producer.js';

describe('a batch counts as sent only when every partition it went to is acknowledged', () => {
  const targeted = ['order.order.v1\u00000', 'order.order.v1\u00003', 'budget.reservation.v1\u00003'];

  test('all partitions answered: nothing is missing', () => {
    const answer = [
      { topicName: 'budget.reservation.v1', partition: 3 },
      { topicName: 'order.order.v1', partition: 3 },
      { topicName: 'order.order.v1', partition: 0 },
    ];
    assert.deepEqual(unacknowledgedPartitions(targeted, answer), []);
  });

  test('a partition whose leader moved to a broker that had already answered is missing from the answer', () => {
    const answer = [
      { topicName: 'order.order.v1', partition: 0 },
      { topicName: 'order.order.v1', partition: 3 },
    ];
    assert.deepEqual(unacknowledgedPartitions(targeted, answer), ['budget.reservation.v1/3']);
  });

  test('the same partition number of another topic does not stand in for it', () => {
    assert.deepEqual(unacknowledgedPartitions(['order.order.v1\u00003'], [{ topicName: 'budget.reservation.v1', partition: 3 }]), ['order.order.v1/3']);
  });
});
