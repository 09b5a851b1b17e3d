/** @backprop/core/node: Node-only helpers (file system, zlib). */
export * from './data/index.js';
export { loadModel, saveModel } from './model-files.js';
export type { LoadModelOptions } from './model-files.js';
export { checkInputFile, formatBytes, INPUT_FILE_LIMITS, InputFileError, readInputFile } from './input-file.js';
export type { InputFileProblem } from './input-file.js';
export { checkOutputPath, outputPathProblem, removeTemporaryFilesSync, writeFileAtomic } from './atomic-write.js';
export { jsonDepth, MAX_JSON_DEPTH } from '../util/json-depth.js';
export { trainInWorker, TrainInWorkerError } from './train-in-worker.js';
export type { TrainedInWorker, TrainInWorkerOptions } from './train-in-worker.js';
