/**
 * Registers the built-in sequence and fixed-point sets with the data set catalogue (imported for
 * its side effect by ./index.ts), at their default sizes. For other sizes (the CLI's --seq-len)
 * call the generators directly: sineWaves({ seqLen }), addingProblem({ seqLen }), characterText({ seqLen }).
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
  load: () => sineWaves({ n: 1000, seqLen: 50, seed: 1 }),
});

registerDataset({
  name: 'adding',
  description: 'the adding problem (Hochreiter & Schmidhuber): sum of the two marked values of a 50-step sequence; always-1.0 scores MSE 0.167',
  kind: 'sequence',
  size: '2,000 rows, 50 steps × 2 features, 1 output',
  rows: 2000,
  inputSize: 100,
  outputSize: 1,
  load: () => addingProblem({ n: 2000, seqLen: 50, seed: 1 }),
});

registerDataset({
  name: 'text',
  description: `next character after 32 characters of public-domain text (${TEXT_CORPUS_TITLE}), one-hot`,
  kind: 'sequence',
  size: '32 steps × vocabulary-size features, one class per character',
  load: () => characterText({ seqLen: 32, stride: 3 }),
});

registerDataset({
  name: 'xor',
  description: 'the four XOR patterns (for the fixed-point layer, --model fixed-point)',
  kind: 'classification',
  size: '4 rows, 2 inputs, 1 output',
  rows: 4,
  inputSize: 2,
  outputSize: 1,
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
  load: () => patternCompletion({ patterns: 4, width: 8, erase: 2, seed: 3 }),
});
