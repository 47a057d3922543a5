import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BadRequestException } from '@nestjs/common';
import { findNul, RejectNulPipe } from './reject-nul.pipe.js';

test('refuses a body whose nested string holds a NUL character, naming the field', () => {
  const pipe = new RejectNulPipe();
  assert.throws(
    () => pipe.transform({ lines: [{ note: 'a\u0000b' }] }, { type: 'body' }),
    (e: Error) => e instanceof BadRequestException && /body\.lines\[0\]\.note must not contain a NUL/.test(e.message),
  );
});

test('refuses a query value with a NUL character', () => {
  assert.throws(() => new RejectNulPipe().transform({ q: '\u0000' }, { type: 'query' }), BadRequestException);
});

test('passes ordinary values through unchanged', () => {
  const body = { name: 'Kertas A4', lines: [{ quantity: 2 }], priceIdr: '52000' };
  assert.equal(new RejectNulPipe().transform(body, { type: 'body' }), body);
  assert.equal(findNul('x'.repeat(1000), 'q', 0), undefined);
});

test('refuses a body nested deeper than 64 levels, before validation recurses into it', () => {
  let deep: unknown = 1;
  for (let i = 0; i < 5000; i++) deep = { a: deep };
  assert.throws(
    () => new RejectNulPipe().transform(deep, { type: 'body' }),
    (e: Error) => e instanceof BadRequestException && /nested deeper than 64 levels/.test(e.message),
  );
  let ok: unknown = 'x';
  for (let i = 0; i < 20; i++) ok = { a: ok };
  assert.equal(new RejectNulPipe().transform(ok, { type: 'body' }), ok);
});
