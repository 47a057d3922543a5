import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keyPairFiles } from '#serapan/auth-testing';
import { IsInt, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { ConfigError, loadConfig } from './load-config.js';
import { ServiceConfig } from './service.config.js';

class SampleConfig {
  @IsString() DATABASE_URL: string;
  @IsInt() @Min(1) @Max(65535) PORT: number = 3001;
}

test('converts and defaults variables into a typed object', () => {
  const config = loadConfig(SampleConfig, { DATABASE_URL: 'postgres://x/y', PORT: '4000' });
  assert.equal(config.PORT, 4000);
  assert.equal(config.DATABASE_URL, 'postgres://x/y');
  assert.equal(loadConfig(SampleConfig, { DATABASE_URL: 'postgres://x/y' }).PORT, 3001);
});

test('names every missing or malformed variable', () => {
  assert.throws(
    () => loadConfig(SampleConfig, { PORT: 'seventy' }),
    (error: unknown) =>
      error instanceof ConfigError && error.problems.some((p) => p.startsWith('DATABASE_URL:')) && error.problems.some((p) => p.startsWith('PORT:')),
  );
});

const { publicKeyFile } = keyPairFiles();
const base = {
  DATABASE_URL: 'postgres://x/y',
  KAFKA_BROKERS: 'a:9092',
  PORT: '3001',
  JWT_PUBLIC_KEY_FILES: publicKeyFile,
};

test('a switch set to "false", "0" or "no" is off, and anything but a yes or a no is refused', () => {
  const outgoing = (value?: string) =>
    loadConfig(ServiceConfig, { ...base, ...(value === undefined ? {} : { VALIDATE_OUTGOING_EVENTS: value }) }).VALIDATE_OUTGOING_EVENTS;
  assert.deepEqual(['false', '0', 'no', 'true', '1', 'yes'].map(outgoing), [false, false, false, true, true, true]);
  assert.equal(outgoing(), false, 'off unless set');
  assert.equal(outgoing(''), false, 'set to nothing is unset');
  assert.throws(
    () => outgoing('maybe'),
    (error: unknown) => error instanceof ConfigError && error.problems.some((p) => p.startsWith('VALIDATE_OUTGOING_EVENTS:')),
  );
});

test('a service provisions its topics unless PROVISION_TOPICS turns it off (topics managed by the operator)', () => {
  assert.equal(loadConfig(ServiceConfig, base).PROVISION_TOPICS, true);
  assert.equal(loadConfig(ServiceConfig, { ...base, PROVISION_TOPICS: 'false' }).PROVISION_TOPICS, false);
  assert.throws(
    () => loadConfig(ServiceConfig, { ...base, PROVISION_TOPICS: 'sometimes' }),
    (error: unknown) => error instanceof ConfigError && error.problems.some((p) => p.startsWith('PROVISION_TOPICS:')),
  );
});

test('a service listens on the loopback unless HOST says otherwise, and HOST must be an address', () => {
  assert.equal(loadConfig(ServiceConfig, base).HOST, '127.0.0.1');
  assert.equal(loadConfig(ServiceConfig, { ...base, HOST: '0.0.0.0' }).HOST, '0.0.0.0');
  assert.throws(
    () => loadConfig(ServiceConfig, { ...base, HOST: 'everywhere' }),
    (error: unknown) => error instanceof ConfigError && error.problems.some((p) => p.startsWith('HOST:')),
  );
});

test('a Kafka SASL user needs its password, and without a user the brokers are reached without SASL', () => {
  assert.equal(loadConfig(ServiceConfig, base).KAFKA_SASL_USERNAME, undefined);
  const scram = loadConfig(ServiceConfig, { ...base, KAFKA_SASL_USERNAME: 'serapan-order', KAFKA_SASL_PASSWORD: 's3cret' });
  assert.deepEqual([scram.KAFKA_SASL_MECHANISM, scram.KAFKA_SASL_PASSWORD], ['scram-sha-512', 's3cret']);
  assert.throws(
    () => loadConfig(ServiceConfig, { ...base, KAFKA_SASL_USERNAME: 'serapan-order' }),
    (error: unknown) => error instanceof ConfigError && error.problems.some((p) => p.startsWith('KAFKA_SASL_PASSWORD:')),
  );
});

test('a malformed database URL is named without its password', () => {
  assert.throws(
    () => loadConfig(ServiceConfig, { ...base, DATABASE_MIGRATION_URL: 'postgres://serapan_budget_owner:hunter2secret@db:5432/' }),
    (error: unknown) =>
      error instanceof ConfigError &&
      error.problems.some((p) => p.startsWith('DATABASE_MIGRATION_URL:') && p.includes('serapan_budget_owner:***@db')) &&
      !error.message.includes('hunter2secret'),
  );
  assert.equal(loadConfig(ServiceConfig, base).DATABASE_MIGRATION_URL, undefined);
});

class SecretsConfig {
  @Matches(/^postgres:\/\/[^:]+:[^@]+@[a-z]+:\d+\/[a-z]+$/, { message: 'DATABASE_URL must be a postgres:// URL naming the database, not $value' })
  DATABASE_URL: string;
  @Matches(/BEGIN PRIVATE KEY/, { message: 'JWT_PRIVATE_KEY must be a PEM private key, not $value' }) JWT_PRIVATE_KEY: string;
  @IsString() @MinLength(16) KAFKA_PASSWORD: string;
}

test('a malformed secret is named but never printed, and a URL’s password is masked', () => {
  const env = { DATABASE_URL: 'postgres://serapan:hunter2-secret@db/x y', JWT_PRIVATE_KEY: 'MIIEvQIBADANBgkq-not-a-pem', KAFKA_PASSWORD: 'short-pass' };
  assert.throws(
    () => loadConfig(SecretsConfig, env),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      for (const name of Object.keys(env)) assert.match(error.message, new RegExp(`${name}:`));
      for (const leaked of ['hunter2-secret', 'MIIEvQIBADANBgkq', 'short-pass']) assert.doesNotMatch(error.message, new RegExp(leaked));
      assert.match(error.message, /postgres:\/\/serapan:\*\*\*@db/);
      return true;
    },
  );
});
