export * from './env.js';
export * from './http.js';
export * from './tokens.js';
export * from './kafka.js';
export * from './wait.js';
export * from './builders.js';
export * from './database.js';
export * from './openapi.js';
