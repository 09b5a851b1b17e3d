/**
 * Registers the built-in sequence and fixed-point sets with the data set catalogue (imported for
 * its side effect by ./index.ts). The sequence sets take `seqLen` and `seed` from the load
 * options (`loadDataset(name, context, { seqLen, seed })`), the text set also `tokens`; the
 * sizes here are the only ones.
 */
import { registerDataset } from '../registry.js';
import { addingProblem } from './adding.js';
import { patternCompletion } from './pattern-completion.js';
import { sineWaves } from './sine.js';
import { characterText } from './text.js';
import { TEXT_CORPUS_TITLE } from './text-corpus.js';
import { xorDataset } from './xor.js';

registerDataset({
  name: 'sine',
  description: 'sine-wave forecasting: 50-step windows of sin(2πt/25 + φ), random phase; target the next value',
  kind: 'sequence',
  size: '1,000 rows, 50 steps × 1 feature, 1 output',
  rows: 1000,
  inputSize: 50,
  outputSize: 1,
  seqLen: 50,
  load: (_, o = {}) => sineWaves({ n: 1000, seqLen: o.seqLen ?? 50, seed: o.seed ?? 1 }),
});

registerDataset({
  name: 'adding',
  description: 'the adding problem (Hochreiter & Schmidhuber): sum of the two marked values of a 50-step sequence; always-1.0 scores MSE 0.167',
  kind: 'sequence',
  size: '2,000 rows, 50 steps × 2 features, 1 output',
  rows: 2000,
  inputSize: 100,
  outputSize: 1,
  seqLen: 50,
  load: (_, o = {}) => addingProblem({ n: 2000, seqLen: o.seqLen ?? 50, seed: o.seed ?? 1 }),
});

registerDataset({
  name: 'text',
  description: `next character after 32 characters of public-domain text (${TEXT_CORPUS_TITLE}), one-hot rows or token ids for an embedding`,
  kind: 'sequence',
  size: '32 steps × vocabulary-size features (as token ids: 32), one class per character',
  seqLen: 32,
  tokens: true,
  load: (_, o = {}) => characterText({ seqLen: o.seqLen ?? 32, stride: 3, tokens: o.tokens ?? false }),
});

registerDataset({
  name: 'xor',
  description: 'the four XOR patterns (a first test for the fixed-point network: --model fixed-point)',
  kind: 'classification',
  size: '4 rows, 2 inputs, 1 output',
  rows: 4,
  inputSize: 2,
  outputSize: 1,
  normalize: 'none',
  load: () => xorDataset(),
});

registerDataset({
  name: 'pattern-completion',
  description: 'associative memory: 4 stored 8-bit patterns, cues with 2 bits erased (0.5), target the whole pattern',
  kind: 'regression',
  size: '112 rows, 8 inputs, 8 outputs',
  rows: 112,
  inputSize: 8,
  outputSize: 8,
  normalize: 'none',
  load: () => patternCompletion({ patterns: 4, width: 8, erase: 2, seed: 3 }),
});
