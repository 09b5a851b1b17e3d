/**
 * The same network, weights and data train the same way in PyTorch and in backprop: 50 full-batch
 * plain-SGD steps (Model.fit with batchSize 0 on the ts backend, float32) and python/backprop_torch.py's
 * `sgd` on the exported safetensors file (float64) report losses within 1e-4 relative of each
 * other at every step, for dense, conv and recurrent networks. Cross-entropy is the mean over the
 * rows in both; mse is checked too (backprop descends ½·Σ(p − t)², which backprop_torch.py's
 * objective is, while it reports the mean as backprop does). And the module backprop_torch.py
 * builds from an exported spec computes predict's outputs for every layer type it maps.
 * Runs when a Python with torch is found (see __tests__/torch-python.ts); otherwise it is skipped, saying why.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import '../recurrent/register.js';
import { tsBackend } from '../backend/ts/index.js';
import { Model } from '../model/model.js';
import type { ModelSpec } from '../model/types.js';
import { findTorchPython, REPO_ROOT } from './__tests__/torch-python.js';
import { exportSafetensors } from './safetensors/safetensors.js';

const STEPS = 50;
const { python, reason } = findTorchPython();
if (!python) console.warn(`pytorch-twin.test.ts skipped: ${reason}`);

/** A deterministic generator of values in [-1, 1). */
function values(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32) * 2 - 1;
  };
}

/** rows × inputSize inputs and targets: one-hot classes from a fixed rule, or real values for mse. */
function data(spec: ModelSpec, rows: number, outputs: number, seed: number): { x: Float32Array; y: Float32Array } {
  const next = values(seed);
  const x = Float32Array.from({ length: rows * spec.inputSize }, next);
  const y = new Float32Array(rows * outputs);
  for (let r = 0; r < rows; r++) {
    if (spec.loss === 'cross-entropy') y[r * outputs + (r % outputs)] = 1;
    else for (let j = 0; j < outputs; j++) y[r * outputs + j] = next();
  }
  return { x, y };
}

const CASES: { name: string; spec: ModelSpec; outputs: number; rows: number; lr: number }[] = [
  {
    name: 'dense',
    spec: { inputSize: 4, layers: [{ type: 'dense', units: 8, activation: 'tanh' }, { type: 'dense', units: 3, activation: 'softmax' }], loss: 'cross-entropy' },
    outputs: 3,
    rows: 12,
    lr: 0.5,
  },
  {
    name: 'dense-mse',
    spec: { inputSize: 3, layers: [{ type: 'dense', units: 6, activation: 'relu' }, { type: 'dense', units: 2 }], loss: 'mse' },
    outputs: 2,
    rows: 10,
    lr: 0.02,
  },
  {
    name: 'conv',
    spec: {
      inputSize: 36,
      inputShape: [1, 6, 6],
      layers: [
        { type: 'conv2d', filters: 3, kernelSize: 3, padding: 1, activation: 'relu' },
        { type: 'maxpool2d', kernelSize: 2 },
        { type: 'conv2d', filters: 4, kernelSize: 2, activation: 'tanh' },
        { type: 'flatten' },
        { type: 'dense', units: 3, activation: 'softmax' },
      ],
      loss: 'cross-entropy',
    },
    outputs: 3,
    rows: 9,
    lr: 0.3,
  },
  ...(['rnn', 'lstm', 'gru'] as const).map((kind) => ({
    name: kind,
    spec: { inputSize: 10, layers: [{ type: kind, units: 5, features: 2 }, { type: 'dense', units: 3, activation: 'softmax' }], loss: 'cross-entropy' } as ModelSpec,
    outputs: 3,
    rows: 9,
    // Small enough that the loss falls steadily: a step that overshoots would amplify float32 rounding.
    lr: 0.2,
  })),
];

describe.skipIf(!python)('PyTorch and backprop give the same loss trajectory (50 full-batch SGD steps)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-trajectory-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const c of CASES) {
    it(`${c.name}: every step within 1e-4 relative`, async () => {
      const model = Model.create(c.spec, { backend: tsBackend, seed: 7 });
      const file = join(dir, `${c.name}.safetensors`);
      writeFileSync(file, exportSafetensors(model));
      const { x, y } = data(c.spec, c.rows, c.outputs, 11);
      const rowsOf = (v: Float32Array, w: number) => Array.from({ length: c.rows }, (_, r) => Array.from(v.subarray(r * w, (r + 1) * w)));
      writeFileSync(join(dir, `${c.name}.json`), JSON.stringify({ x: rowsOf(x, c.spec.inputSize), y: rowsOf(y, c.outputs) }));

      const printed = execFileSync(
        python as string,
        ['-B', join(REPO_ROOT, 'python', 'backprop_torch.py'), 'sgd', file, join(dir, `${c.name}.json`), '--steps', String(STEPS), '--lr', String(c.lr), '--float64'],
        { encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      const torchLosses = JSON.parse(printed.trim().split('\n').pop() as string) as number[];

      const history = await model.fit(
        { x, y, n: c.rows, inputSize: c.spec.inputSize, outputSize: c.outputs } as Parameters<Model['fit']>[0],
        { epochs: STEPS, batchSize: 0, shuffle: false, optimizer: { name: 'sgd', lr: c.lr } },
      );
      const ours = history.epochs.map((e) => e.loss);
      expect(ours).toHaveLength(STEPS);
      expect(torchLosses).toHaveLength(STEPS);
      // The network learns: a trajectory that stays flat would compare equal too easily.
      expect(ours[STEPS - 1]).toBeLessThan(0.9 * (ours[0] as number));
      ours.forEach((loss, i) => {
        const t = torchLosses[i] as number;
        expect(Math.abs(loss - t) / Math.abs(t), `${c.name} step ${i + 1}: backprop ${loss}, PyTorch ${t}`).toBeLessThan(1e-4);
      });
    }, 120_000);
  }
});

/** Networks that use every layer type backprop_torch.py maps, with the options that change shapes. */
const LAYERS: { name: string; spec: ModelSpec; ids?: number }[] = [
  {
    name: 'image',
    spec: {
      inputSize: 72,
      inputShape: [2, 6, 6],
      layers: [
        { type: 'conv2d', filters: 3, kernelSize: 3, padding: 'same', activation: 'relu' },
        { type: 'batchnorm' },
        { type: 'avgpool2d', kernelSize: 2 },
        { type: 'conv2d', filters: 4, kernelSize: [2, 1], activation: 'leaky-relu' },
        { type: 'globalavgpool2d' },
        { type: 'dropout', rate: 0.25 },
        { type: 'dense', units: 3, activation: 'softmax' },
      ],
      loss: 'cross-entropy',
    },
  },
  {
    name: 'reshape',
    spec: {
      inputSize: 25,
      layers: [
        { type: 'reshape', shape: [1, 5, 5] },
        { type: 'conv2d', filters: 2, kernelSize: 3, stride: 2, padding: 1, activation: 'elu' },
        { type: 'maxpool2d', kernelSize: 2, stride: 1 },
        { type: 'flatten' },
        { type: 'dense', units: 2, activation: 'gelu' },
      ],
      loss: 'mse',
    },
  },
  {
    name: 'embedding',
    ids: 6,
    spec: {
      inputSize: 4,
      layers: [{ type: 'embedding', vocabSize: 6, dim: 3 }, { type: 'layernorm' }, { type: 'dense', units: 5, activation: 'silu' }, { type: 'dense', units: 2 }],
      loss: 'mse',
    },
  },
  {
    name: 'sequence',
    spec: {
      inputSize: 12,
      layers: [
        { type: 'lstm', units: 3, features: 2, returnSequences: true },
        { type: 'time-distributed-dense', units: 2, seqLen: 6, activation: 'tanh' },
        { type: 'dense', units: 2, activation: 'sigmoid' },
      ],
      loss: 'binary-cross-entropy',
    },
  },
];

describe.skipIf(!python)('backprop_torch.py builds the module of every layer type: its outputs equal predict', () => {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-torch-layers-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const c of LAYERS) {
    it(`${c.name}: within 1e-5`, () => {
      const model = Model.create(c.spec, { backend: tsBackend, seed: 5 });
      const file = join(dir, `${c.name}.safetensors`);
      writeFileSync(file, exportSafetensors(model));
      const rows = 5;
      const next = values(23);
      const x = Float32Array.from({ length: rows * c.spec.inputSize }, () => (c.ids ? Math.floor(((next() + 1) / 2) * c.ids) : next()));
      const xRows = Array.from({ length: rows }, (_, r) => Array.from(x.subarray(r * c.spec.inputSize, (r + 1) * c.spec.inputSize)));
      writeFileSync(join(dir, `${c.name}.json`), JSON.stringify({ x: xRows }));
      const printed = execFileSync(python as string, ['-B', join(REPO_ROOT, 'python', 'backprop_torch.py'), 'predict', file, join(dir, `${c.name}.json`)], {
        encoding: 'utf8',
        timeout: 120_000,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const theirs = (JSON.parse(printed.trim().split('\n').pop() as string) as number[][]).flat();
      const ours = Array.from(model.predict(x, rows));
      expect(theirs).toHaveLength(ours.length);
      const worst = Math.max(...ours.map((v, i) => Math.abs(v - (theirs[i] as number))));
      expect(worst).toBeLessThan(1e-5);
    }, 120_000);
  }
});
