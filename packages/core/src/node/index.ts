/** @backprop/core/node: Node-only helpers (file system, zlib). */
export * from './data/index.js';
export { loadModel, saveModel } from './model-files.js';
export { checkOutputPath, outputPathProblem, removeTemporaryFilesSync, writeFileAtomic } from './atomic-write.js';
