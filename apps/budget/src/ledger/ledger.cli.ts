// `node dist/apps/budget/src/ledger/ledger.cli.js verify|rebuild`: checks the
// budget lines against the ledger, or rebuilds them from it.
import 'reflect-metadata';
import { IsString, Matches } from 'class-validator';
import { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from '#serapan/config';
import { postgresOptions } from '#serapan/database';
import { LedgerService } from './ledger.service.js';

class LedgerCliConfig {
  @IsString() @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be the budget database URL' }) DATABASE_URL: string;
}

const command = process.argv[2];
if (command !== 'verify' && command !== 'rebuild') {
  console.error('usage: ledger verify | ledger rebuild');
  process.exit(2);
}
let dataSource: DataSource | undefined;
try {
  const config = loadConfig(LedgerCliConfig);
  dataSource = await new DataSource({ ...postgresOptions(config.DATABASE_URL, [], []), migrationsRun: false }).initialize();
  const ledger = new LedgerService(dataSource);
  if (command === 'rebuild') console.log(JSON.stringify({ linesRebuilt: await ledger.rebuild() }));
  const report = await ledger.verify();
  console.log(JSON.stringify(report, null, 2));
  process.exitCode = report.mismatches.length === 0 && report.overspent === 0 ? 0 : 1;
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exitCode = 2;
} finally {
  await dataSource?.destroy();
}
