/** @backprop/core/node: Node-only helpers (file system, zlib). */
export * from './data/index.js';
