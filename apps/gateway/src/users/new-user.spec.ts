import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkNewUser, type NewUser } from './new-user.js';

const user = (fields: Partial<NewUser>): NewUser => ({
  username: 'someone.1',
  displayName: 'Someone',
  role: 'auditor',
  vendorId: null,
  satkerCode: null,
  klCode: null,
  ppk: false,
  ...fields,
});

test('accepts each role with the scope its tokens need', () => {
  for (const fields of [
    { role: 'vendor', vendorId: 'a1000000-0000-4000-8000-000000000001' },
    { role: 'officer', satkerCode: '632481', klCode: '024', ppk: true },
    { role: 'officer', satkerCode: '632481', klCode: '024' },
    { role: 'finance', klCode: '024' },
    { role: 'finance', satkerCode: '632481', klCode: '024' },
    { role: 'auditor' },
  ] as Partial<NewUser>[])
    assert.deepEqual(checkNewUser(user(fields)), [], JSON.stringify(fields));
});

test('refuses a role without its scope, or with a scope that is not its own', () => {
  assert.deepEqual(checkNewUser(user({ role: 'vendor' })), ['--vendor is required: a vendor acts for its vendor id']);
  assert.deepEqual(checkNewUser(user({ role: 'officer', satkerCode: '632481' })), ["--kl is required: an officer's token names the satker's K/L"]);
  assert.match(checkNewUser(user({ role: 'finance', satkerCode: '632481' })).join(), /--kl is required/);
  assert.deepEqual(checkNewUser(user({ role: 'finance', klCode: '024', ppk: true })), ['--ppk does not apply to the role finance']);
  assert.deepEqual(checkNewUser(user({ role: 'auditor', klCode: '024' })), ['--kl does not apply to the role auditor']);
  assert.deepEqual(checkNewUser(user({ role: 'vendor', vendorId: 'a1000000-0000-4000-8000-000000000001', satkerCode: '632481' })), [
    '--satker does not apply to the role vendor',
  ]);
});

test('refuses malformed names, codes and roles', () => {
  assert.equal(checkNewUser(user({ username: 'Ab' })).length, 1);
  assert.equal(checkNewUser(user({ role: 'admin' as NewUser['role'] })).length, 1);
  assert.match(checkNewUser(user({ role: 'officer', satkerCode: '63248', klCode: '24' })).join(), /--satker: a 6-digit satker code.*--kl: a 3-digit K\/L code/);
  assert.match(checkNewUser(user({ role: 'vendor', vendorId: 'not-a-uuid' })).join(), /--vendor: the vendor id, a UUID/);
});
