/**
 * @backprop/core: backpropagation done exactly right.
 * Browser-safe: nothing here imports Node built-ins (those live in `@backprop/core/node`).
 */
export * from './backend/index.js';
export { Rng } from './util/rng.js';
export type * from './model/types.js';
export * from './model/index.js';
export * from './data/index.js';
export * from './recurrent/index.js';
export * from './data/sequences/index.js';
export * from './run/index.js';
