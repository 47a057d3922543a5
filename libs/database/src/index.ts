export * from './ensure-database.js';
export * from './data-source-options.js';
export * from './sql.js';
