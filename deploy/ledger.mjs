// npm run ledger -- verify|rebuild: the budget ledger check against the local (or DATABASE_URL) budget database.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { root } from './lib/paths.mjs';
import { databaseUrl, localServerUrl } from './lib/postgres.mjs';

const server = process.env.DATABASE_URL ?? localServerUrl();
const url = process.env.BUDGET_DATABASE_URL ?? databaseUrl(server, 'serapan_budget');
const result = spawnSync(
  process.execPath,
  ['--import', 'reflect-metadata', join(root, 'dist/apps/budget/src/ledger/ledger.cli.js'), ...process.argv.slice(2)],
  {
    stdio: 'inherit',
    env: { ...process.env, DATABASE_URL: url },
  },
);
process.exit(result.status ?? 1);
