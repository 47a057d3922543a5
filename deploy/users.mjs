// npm run users -- create --username … --role …: creates a user in the local (or DATABASE_URL's) gateway database.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { root } from './lib/paths.mjs';
import { databaseUrl, localServerUrl } from './lib/postgres.mjs';

const server = process.env.DATABASE_URL ?? localServerUrl();
const url = process.env.GATEWAY_DATABASE_URL ?? databaseUrl(server, 'serapan_gateway');
const result = spawnSync(process.execPath, ['--import', 'reflect-metadata', join(root, 'dist/apps/gateway/src/users/users.cli.js'), ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, DATABASE_URL: url },
});
process.exit(result.status ?? 1);
