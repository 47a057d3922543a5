export * from './token-minter.js';
export * from './key-pair-files.js';
