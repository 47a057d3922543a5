import 'reflect-metadata';
export * from './cloud-event.js';
export * from './topics.js';
export * from './validators.js';
export * from './catalog/product-events.js';
export * from './order/order-events.js';
export * from './budget/budget-events.js';
export * from './registry.js';
