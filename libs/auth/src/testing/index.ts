export * from './token-minter.js';
