export * from './domain-errors.js';
export * from './domain-error.filter.js';
export * from './health.controller.js';
export * from './run-service.js';
export * from './money.js';
export * from './service-core.module.js';
export * from './periodic-task.js';
export * from './reject-nul.pipe.js';
