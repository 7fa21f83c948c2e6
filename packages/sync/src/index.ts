export {};
export * from './adapter/index.js';
export * from './node/index.js';
