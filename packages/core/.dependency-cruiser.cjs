/**
 * Import directions inside @backprop/core (README.md, "Layout"), checked by
 * src/architecture.test.ts over the library's own files (tests and their helpers excluded):
 *
 *   util  ←  backend  ←  model, recurrent  ←  run  ←  index.ts (and node/, the Node entry)
 *   model, recurrent  ←  interop (the @backprop/core/interop entry: safetensors and other exchange formats)
 *   data (knows no model, recurrent, run or backend; the Dataset type lives in data)
 *   interop (ONNX, safetensors) builds on model, recurrent and data; none of them import it
 *   node (Node-only: the one place for `node:` built-ins), testing (conformance helpers)
 *
 * Type-only imports count (tsPreCompilationDeps): a type import is a dependency a reader
 * must follow too.
 */
const layers = (...names) => `^src/(${names.join('|')})(/|\\.ts$)`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles inside core: every module can be read after the ones it imports.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'Every import resolves (a misspelt path would otherwise hide from the rules below).',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'util-is-a-leaf',
      severity: 'error',
      comment: 'util/ (the seeded PRNG) imports nothing else from core.',
      from: { path: layers('util') },
      to: { path: '^src/', pathNot: layers('util') },
    },
    {
      name: 'backend-imports-nothing-above',
      severity: 'error',
      comment: 'The Backend is the bottom of the stack: it knows no model, recurrent layer, data, run, node or testing code.',
      from: { path: layers('backend') },
      to: { path: layers('model', 'recurrent', 'run', 'data', 'node', 'testing', 'index') },
    },
    {
      name: 'data-knows-no-model',
      severity: 'error',
      comment: 'data/ knows no model, recurrent layer, run or backend (the Dataset type lives in data/dataset.ts).',
      from: { path: layers('data') },
      to: { path: layers('backend', 'model', 'recurrent', 'run', 'node', 'testing', 'index') },
    },
    {
      name: 'layers-know-no-data-sets',
      severity: 'error',
      comment: 'Layers (model/layers, recurrent) know no data sets: only the Dataset type and row helpers of data/ are theirs to use.',
      from: { path: '^src/(recurrent/|model/layers/)' },
      to: { path: layers('data'), pathNot: '^src/data/(dataset|one-hot)\\.ts$' },
    },
    {
      name: 'model-and-recurrent-below-run',
      severity: 'error',
      comment: 'model/ and recurrent/ never import run/ (run drives them), node/ or testing/.',
      from: { path: layers('model', 'recurrent') },
      to: { path: layers('run', 'node', 'testing', 'index') },
    },
    {
      name: 'model-knows-no-recurrent',
      severity: 'error',
      comment: 'recurrent/ builds on model/ (layer registry, Dense, buffers); model/ never reaches back up.',
      from: { path: layers('model') },
      to: { path: layers('recurrent') },
    },
    {
      name: 'only-index-imports-run',
      severity: 'error',
      comment: 'run/ (TrainConfig, resolveConfig, train) is the top of the library: only the entry points (src/index.ts, and src/node for Node) import it.',
      from: { path: '^src/', pathNot: [layers('run'), '^src/index\\.ts$', '^src/node/'] },
      to: { path: layers('run') },
    },
    {
      name: 'nothing-below-imports-interop',
      severity: 'error',
      comment: 'interop/ (the @backprop/core/interop entry) reads and writes models in other formats: it builds on model/ and recurrent/, which never import it, nor does anything else in the library.',
      from: { path: layers('util', 'backend', 'model', 'recurrent', 'run', 'data', 'index') },
      to: { path: layers('interop') },
    },
    {
      name: 'run-stays-browser-safe',
      severity: 'error',
      comment: 'run/ may use backend, model, recurrent, data and util; not node/ or testing/.',
      from: { path: layers('run') },
      to: { path: layers('node', 'testing', 'index') },
    },
    {
      name: 'node-only-in-node',
      severity: 'error',
      comment: 'Node built-ins only under src/node (the rest of core runs in a browser as it is).',
      from: { pathNot: '^src/node/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'nothing-imports-node',
      severity: 'error',
      comment: 'src/node is the @backprop/core/node entry: browser-safe code never imports it.',
      from: { path: '^src/', pathNot: '^src/node/' },
      to: { path: '^src/node/' },
    },
    {
      name: 'nothing-imports-testing',
      severity: 'error',
      comment: 'src/testing is the @backprop/core/testing entry, for backends\' tests: the library never imports it.',
      from: { path: '^src/', pathNot: '^src/testing/' },
      to: { path: '^src/testing/' },
    },
    {
      name: 'core-imports-no-sibling-package',
      severity: 'error',
      comment: 'core never imports node-native, wasm, the CLI, the bench or the web app (by name or by path).',
      from: {},
      to: { path: ['@backprop/', '^\\.\\./(?!\\.\\./node_modules/)', '(^|/)(packages|apps)/(?!core/)'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['\\.test\\.ts$', '/__tests__/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
