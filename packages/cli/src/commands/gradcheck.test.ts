/** gradcheck's report: layers and parameters keyed the same way (0-based index, core's layer names). */
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../test-support/run-in-process.js';

describe('backprop gradcheck', () => {
  it('--json: layers[].layer and parameters[].layer are both the 0-based layer index (−1 for the input), with names', async () => {
    // With dropout the dense layers are layers 0, 2 and 4 (dropout layers 1 and 3 have no parameters).
    const result = await runInProcess(['gradcheck', '--layers', '4,3', '--dropout', '0.3', '--json', '--quiet']);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as {
      layers: { layer: number; name: string; maxRelativeError: number }[];
      parameters: { layer: number; name: string; maxRelativeError: number }[];
    };
    expect(summary.layers.map((l) => [l.layer, l.name])).toEqual([
      [0, 'dense_1'],
      [2, 'dense_3'],
      [4, 'dense_5'],
      [-1, 'input'],
    ]);
    expect(summary.parameters.map((p) => [p.layer, p.name])).toEqual([
      [0, 'dense_1.kernel'],
      [0, 'dense_1.bias'],
      [2, 'dense_3.kernel'],
      [2, 'dense_3.bias'],
      [4, 'dense_5.kernel'],
      [4, 'dense_5.bias'],
      [-1, 'input'],
    ]);
    for (const layer of summary.layers) {
      const own = summary.parameters.filter((p) => p.layer === layer.layer).map((p) => p.maxRelativeError);
      expect(layer.maxRelativeError).toBe(Math.max(...own));
    }
  });

  it('prints one table row per parameter under its layer name, and counts rows in the singular for one', async () => {
    const result = await runInProcess(['gradcheck', '--input-size', '2', '--layers', '3', '--output-size', '2', '--rows', '1']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^gradcheck of a 2-3-2 network \(tanh hidden, softmax output, cross-entropy\) on 1 random row, float64\n/);
    const table = result.stdout.split('\n').slice(1, 7).map((line) => line.split(/\s{2,}/).slice(0, 3));
    expect(table).toEqual([
      ['layer', 'parameter', 'checked'],
      ['dense_1', 'kernel', '6'],
      ['dense_1', 'bias', '3'],
      ['dense_2', 'kernel', '6'],
      ['dense_2', 'bias', '2'],
      ['input', '∂L/∂x', '2'],
    ]);
  });
});
