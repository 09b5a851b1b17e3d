// Runs the library examples in the root README exactly as written, so the README stays true.
// The example imports '@backprop/core' by name: written inside this package, Node resolves
// that through the package's own "exports" (self-reference) to the built dist/.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const readme = readFileSync(resolve(packageRoot, '../../README.md'), 'utf8');

function exampleBlock(name = 'library'): string {
  const marker = readme.indexOf(`<!-- readme-example:${name} -->`);
  if (marker < 0) throw new Error(`README.md lost its <!-- readme-example:${name} --> marker`);
  const match = /```js\n([\s\S]*?)```/.exec(readme.slice(marker));
  if (!match?.[1]) throw new Error('no ```js block after the README example marker');
  return match[1];
}

describe('README library example', () => {
  const script = join(packageRoot, `.readme-example-${process.pid}.mjs`);
  const cwd = mkdtempSync(join(tmpdir(), 'backprop-readme-'));
  afterAll(() => {
    rmSync(script, { force: true });
    rmSync(cwd, { recursive: true, force: true });
  });

  it('runs as written, trains Iris to ≥ 0.93 and reloads the saved model with the same accuracy', () => {
    writeFileSync(script, exampleBlock());
    const out = execFileSync(process.execPath, [script], { cwd, encoding: 'utf8' });
    // onEpochEnd logs epochs 250, 500, 750 and 1000, with a falling loss.
    const losses = [...out.matchAll(/^epoch (\d+) loss (\d\.\d+)$/gm)];
    expect(losses.map((m) => Number(m[1])), out).toEqual([250, 500, 750, 1000]);
    expect(Number(losses[3]![2])).toBeLessThan(Number(losses[0]![2]));
    const acc = /test accuracy (\d\.\d+)/.exec(out);
    const again = /reloaded accuracy (\d\.\d+)/.exec(out);
    expect(acc, out).not.toBeNull();
    expect(Number(acc![1])).toBeGreaterThanOrEqual(0.93);
    expect(again![1]).toBe(acc![1]);
    // saveModel wrote a model file (the format's magic), not just some bytes.
    expect([...readFileSync(join(cwd, 'iris.bpm')).subarray(0, 8)]).toEqual([0x89, 0x42, 0x50, 0x4d, 0x0d, 0x0a, 0x1a, 0x0a]);
  });

  it('the train(config) example runs as written, trains Iris to ≥ 0.93 and says what it decided', async () => {
    // The native package is not a dependency of core: without it in reach the example runs on 'ts'.
    writeFileSync(script, exampleBlock('train').replace("import '@backprop/node-native';", ''));
    const out = execFileSync(process.execPath, [script], { cwd, encoding: 'utf8' });
    const losses = [...out.matchAll(/^epoch (\d+) loss (\d\.\d+)$/gm)];
    expect(losses.map((m) => Number(m[1])), out).toEqual([250, 500, 750, 1000]);
    expect(Number(/test accuracy (\d\.\d+)/.exec(out)?.[1])).toBeGreaterThanOrEqual(0.93);
    expect(out).toMatch(/decided: loss cross-entropy, output softmax, inputs standardized/);
    // The saved file records the resolved config, as the CLI's files do.
    const { deserializeModel } = await import('../dist/index.js');
    const saved = deserializeModel(new Uint8Array(readFileSync(join(cwd, 'iris.bpm'))));
    expect(saved.metadata.training).toMatchObject({ config: { data: 'iris', loss: 'cross-entropy', optimizer: { name: 'sgd', lr: 0.1 }, epochs: 1000 } });
  });

  it('the safetensors example runs as written: export, import, the same predictions and metadata', () => {
    writeFileSync(script, exampleBlock('safetensors'));
    const out = execFileSync(process.execPath, [script], { cwd, encoding: 'utf8' });
    expect(out).toBe('same predictions: true classes: a b c\n');
    const header = readFileSync(join(cwd, 'mlp.safetensors'));
    const json = JSON.parse(header.subarray(8, 8 + header.readUInt32LE(0)).toString('utf8')) as Record<string, { shape?: number[] }>;
    expect(Object.keys(json).filter((k) => k !== '__metadata__')).toEqual(['0.weight', '0.bias', '2.weight', '2.bias']);
    expect(json['0.weight']!.shape).toEqual([8, 4]);
  });
});
