/** Node-only data loaders (file system, zlib). Browser code uses the parsers in src/data/ on fetched bytes. */
export { loadMnist, mnistAssetPath } from './mnist.js';
export type { LoadMnistOptions } from './mnist.js';
export { IDX_FILES, loadIdxDir, loadIdxPair, readIdxFile } from './idx.js';
export { loadCsv } from './csv.js';
export type { LoadCsvOptions } from './csv.js';
export { loadBuiltinDataset, nodeAssetContext } from './builtin.js';
export { IDX_PREFIX, loadDataSource } from './data-source.js';
export type { LoadDataSourceOptions } from './data-source.js';
