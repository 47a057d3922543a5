export * from './principal.js';
export * from './jwt-verifier.js';
export * from './auth.guard.js';
export * from './decorators.js';
export * from './auth.module.js';
