export * from './principal.js';
export * from './key-id.js';
export * from './jwt-verifier.js';
export * from './presented-token.js';
export * from './stream-expiry.js';
export * from './auth.guard.js';
export * from './decorators.js';
export * from './auth.module.js';
