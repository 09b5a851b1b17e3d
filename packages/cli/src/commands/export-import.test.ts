/** export and import: a model through safetensors and back, and the refusals of both commands. */
import { readSafetensors } from '@backprop/core/interop';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lastJson, runCli, tempDir } from '../test-support/run-cli.js';

let dir = '';

beforeAll(async () => {
  dir = tempDir();
  const result = await runCli(['train', '--data', 'iris', '--layers', '8', '--epochs', '30', '--backend', 'ts', '--save', 'iris.bpm', '--quiet'], { cwd: dir });
  expect(result.code).toBe(0);
});

describe('backprop export / import', () => {
  it('round-trips a model: PyTorch names in the file, the same predictions after import', async () => {
    const exported = await runCli(['export', '--model', 'iris.bpm', '--format', 'safetensors', '--out', 'iris.safetensors', '--json'], { cwd: dir });
    expect(exported.code, exported.stderr).toBe(0);
    expect(lastJson(exported.stdout)).toMatchObject({ format: 'safetensors', out: 'iris.safetensors' });
    const { tensors, metadata } = readSafetensors(new Uint8Array(readFileSync(join(dir, 'iris.safetensors'))));
    expect([...tensors.keys()]).toEqual(['0.weight', '0.bias', '2.weight', '2.bias']);
    expect(tensors.get('0.weight')!.shape).toEqual([8, 4]);
    expect(JSON.parse(metadata['backprop.metadata']!)).toMatchObject({ classNames: ['setosa', 'versicolor', 'virginica'] });

    const imported = await runCli(['import', '--from', 'iris.safetensors', '--out', 'again.bpm', '--json'], { cwd: dir });
    expect(imported.code, imported.stderr).toBe(0);
    expect(lastJson(imported.stdout)).toMatchObject({ format: 'safetensors', inputSize: 4, outputSize: 3, layers: ['dense', 'dense'] });
    const predict = (model: string) => runCli(['predict', '--model', model, '--input', '5.9,3.0,5.1,1.8;5.1,3.5,1.4,0.2', '--json'], { cwd: dir });
    const [a, b] = await Promise.all([predict('iris.bpm'), predict('again.bpm')]);
    expect(b.code).toBe(0);
    expect(lastJson(b.stdout)['predictions']).toEqual(lastJson(a.stdout)['predictions']);
  });

  it('imports a state_dict with --spec, and names a mis-shaped tensor', async () => {
    writeFileSync(join(dir, 'spec.json'), JSON.stringify({ inputSize: 4, layers: [{ type: 'dense', units: 8, activation: 'relu' }, { type: 'dense', units: 3 }], loss: 'mse' }));
    writeFileSync(join(dir, 'wrong.json'), JSON.stringify({ inputSize: 4, layers: [{ type: 'dense', units: 9 }, { type: 'dense', units: 3 }], loss: 'mse' }));
    await runCli(['export', '--model', 'iris.bpm', '--format', 'safetensors', '--out', 'spec-test.safetensors'], { cwd: dir });
    const ok = await runCli(['import', '--from', 'spec-test.safetensors', '--spec', 'spec.json', '--out', 'fromspec.bpm'], { cwd: dir });
    expect(ok.code, ok.stderr).toBe(0);
    const bad = await runCli(['import', '--from', 'spec-test.safetensors', '--spec', 'wrong.json', '--out', 'bad.bpm'], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/tensor 0\.weight has shape \[8, 4\] but layer 1 \(dense\) needs \[9, 4\]/);
  });

  it('refuses corrupt files and unknown formats', async () => {
    writeFileSync(join(dir, 'cut.safetensors'), readFileSync(join(dir, 'iris.bpm')).subarray(0, 40));
    const cut = await runCli(['import', '--from', 'cut.safetensors', '--out', 'cut.bpm'], { cwd: dir });
    expect(cut.code).toBe(1);
    expect(cut.stderr).toMatch(/cannot import 'cut\.safetensors': corrupt safetensors file: a header of \d+ bytes is over the 67108864-byte limit/);
    const format = await runCli(['export', '--model', 'iris.bpm', '--format', 'tflite', '--out', 'x'], { cwd: dir });
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/expected one of safetensors, onnx/);
    const missing = await runCli(['export', '--model', 'iris.bpm', '--out', 'x.safetensors'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing --format/);
  });

  it('exports ONNX with the stored preprocessing in front, and imports it back to the same predictions', async () => {
    const out = await runCli(['export', '--model', 'iris.bpm', '--format', 'onnx', '--out', 'iris.onnx'], { cwd: dir });
    expect(out.code, out.stderr).toBe(0);
    const back = await runCli(['import', '--from', 'iris.onnx', '--out', 'iris-onnx.bpm'], { cwd: dir });
    expect(back.code, back.stderr).toBe(0);
    const input = ['--input', '5.1,3.5,1.4,0.2;6.3,3.3,6.0,2.5;5.9,3.0,4.2,1.5', '--json', '--quiet'];
    const a = await runCli(['predict', '--model', 'iris.bpm', ...input], { cwd: dir });
    const b = await runCli(['predict', '--model', 'iris-onnx.bpm', ...input], { cwd: dir });
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const probabilities = (text: string): number[] =>
      (JSON.parse(text) as { predictions: { probabilities: Record<string, number> }[] }).predictions.flatMap((p) => Object.values(p.probabilities));
    const pa = probabilities(a.stdout);
    const pb = probabilities(b.stdout);
    expect(pb.length).toBe(9);
    pa.forEach((v, i) => expect(Math.abs(v - pb[i]!)).toBeLessThan(1e-5));
    const spec = await runCli(['import', '--from', 'iris.onnx', '--spec', 'wrong.json', '--out', 'x.bpm'], { cwd: dir });
    expect(spec.code).toBe(2);
    expect(spec.stderr).toMatch(/--spec is for safetensors files/);
  });
});
