export * from './ensure-database.js';
export * from './data-source-options.js';
export * from './database.module.js';
export * from './migrate.js';
export * from './sql.js';
export * from './after-commit.js';
export * from './pool-metrics.js';
export * from './runtime-grants.js';
