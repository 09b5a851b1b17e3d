/**
 * PyTorch's own state_dicts, imported: the fixtures in __tests__/pytorch (written by
 * make_fixtures.py from plain nn.Sequential networks with drawn weights) hold the safetensors
 * file, the equivalent backprop spec, inputs and PyTorch's outputs on them. The imported model
 * must predict those outputs within 1e-5, and export → import must give back the same weights and
 * predictions bit for bit.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import '../../recurrent/register.js';
import type { ModelSpec } from '../../model/types.js';
import { readSafetensors } from './format.js';
import { exportSafetensors, importSafetensors } from './safetensors.js';

const folder = join(dirname(fileURLToPath(import.meta.url)), '__tests__', 'pytorch');
const NETWORKS = ['mlp', 'lenet', 'norm', 'embedding', 'lstm', 'gru', 'rnn'];

interface Fixture {
  spec: ModelSpec;
  rows: number;
  input: number[];
  output: number[];
}

const load = (name: string): { bytes: Uint8Array; fixture: Fixture } => ({
  bytes: new Uint8Array(readFileSync(join(folder, `${name}.safetensors`))),
  fixture: JSON.parse(readFileSync(join(folder, `${name}.json`), 'utf8')) as Fixture,
});

describe('importSafetensors reads PyTorch nn.Sequential state_dicts', () => {
  it.each(NETWORKS)('%s: predictions equal PyTorch outputs within 1e-5', (name) => {
    const { bytes, fixture } = load(name);
    const { model, metadata } = importSafetensors(bytes, fixture.spec);
    expect(metadata).toEqual({});
    const y = model.predict(Float32Array.from(fixture.input), fixture.rows);
    expect(y.length).toBe(fixture.output.length);
    const worst = Math.max(...fixture.output.map((v, i) => Math.abs(v - (y[i] as number))));
    expect(worst).toBeLessThan(1e-5);
    // The outputs are not trivially small: a mix-up of layouts would show.
    expect(Math.max(...fixture.output.map(Math.abs))).toBeGreaterThan(0.05);
  });

  it.each(NETWORKS)('%s: export → import gives the same weights and predictions bit for bit', (name) => {
    const { bytes, fixture } = load(name);
    const { model } = importSafetensors(bytes, fixture.spec);
    const back = importSafetensors(exportSafetensors(model)).model;
    expect(back.getWeights()).toEqual(model.getWeights());
    const x = Float32Array.from(fixture.input);
    expect(back.predict(x, fixture.rows)).toEqual(model.predict(x, fixture.rows));
  });

  it('the export of an imported PyTorch LeNet keeps its state_dict names (activation and pooling modules counted)', () => {
    const { bytes, fixture } = load('lenet');
    const names = [...readSafetensors(bytes).tensors.keys()];
    const exported = [...readSafetensors(exportSafetensors(importSafetensors(bytes, fixture.spec).model)).tensors.keys()];
    expect(exported).toEqual(names);
  });
});
