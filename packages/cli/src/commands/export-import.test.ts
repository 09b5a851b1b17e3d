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

  it('refuses corrupt files, unknown formats and onnx while this build has no onnx functions', async () => {
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
    const onnx = await runCli(['export', '--model', 'iris.bpm', '--format', 'onnx', '--out', 'x.onnx'], { cwd: dir });
    if (onnx.code !== 0) expect(onnx.stderr).toMatch(/export to onnx is not available in this build/);
  });
});
