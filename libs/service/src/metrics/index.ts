export * from './metrics.js';
export * from './fastify-metrics.js';
export * from './metrics.controller.js';
