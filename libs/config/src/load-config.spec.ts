import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IsInt, IsString, Max, Min } from 'class-validator';
import { ConfigError, loadConfig } from './load-config.js';

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
