/**
 * @backprop/core: backpropagation done exactly right.
 * Browser-safe: nothing here imports Node built-ins (those live in `@backprop/core/node`).
 */
export * from './backend/index.js';
