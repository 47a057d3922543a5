export * from './load-config.js';
export * from './service.config.js';
export * from './key-files.js';
export * from './comma-list.js';
