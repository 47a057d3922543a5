import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TooManyError } from './domain-errors.js';
import { OpenStreams } from './open-streams.js';

test('a user holds at most the limit of open streams; closing one makes room, and others are not counted', () => {
  const streams = new OpenStreams(5);
  const closers = Array.from({ length: 5 }, () => streams.open('user-1'));
  assert.throws(() => streams.open('user-1'), TooManyError);
  assert.doesNotThrow(() => streams.open('user-2'));
  closers[0]();
  closers[0]();
  const again = streams.open('user-1');
  assert.throws(() => streams.open('user-1'), TooManyError, 'closing one twice frees one place, not two');
  again();
});
