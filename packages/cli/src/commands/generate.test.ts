/** backprop generate on a character model trained on the text set, and inspect of that model. */
import { Model, serializeModel } from '@backprop/core';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lastJson, runCli, tempDir } from '../test-support/run-cli.js';

let dir = '';
let vocabulary: string[] = [];

beforeAll(async () => {
  dir = tempDir();
  const trained = await runCli(['train', '--data', 'text', '--model', 'lstm', '--epochs', '1', '--save', 'text.bpm', '--quiet'], { cwd: dir });
  expect(trained.code).toBe(0);
  const inspect = lastJson((await runCli(['inspect', '--model', 'text.bpm', '--json'], { cwd: dir })).stdout);
  vocabulary = (inspect['metadata'] as { classNames: string[] }).classNames;
});

describe('backprop generate', () => {
  it('continues the prompt with seeded samples: same seed, same text; another seed, another text', async () => {
    const run = (seed: string): ReturnType<typeof runCli> =>
      runCli(['generate', '--model', 'text.bpm', '--prompt', 'The ', '--length', '50', '--seed', seed, '--json'], { cwd: dir });
    const [a, b, c] = await Promise.all([run('3'), run('3'), run('4')]);
    expect(a.code).toBe(0);
    const summary = lastJson(a.stdout);
    expect(Object.keys(summary)).toEqual(['prompt', 'text', 'length', 'temperature', 'seed']);
    expect(summary).toMatchObject({ prompt: 'The ', length: 50, temperature: 1, seed: 3 });
    const text = summary['text'] as string;
    expect(Array.from(text)).toHaveLength(50);
    expect(Array.from(text).every((ch) => vocabulary.includes(ch))).toBe(true);
    // The human output is the prompt followed by the generated text, then the JSON line.
    expect(a.stdout).toBe(`The ${text}\n${JSON.stringify(summary)}\n`);
    expect(lastJson(b.stdout)['text']).toBe(text);
    expect(lastJson(c.stdout)['text']).not.toBe(text);
  });

  it('--temperature 0 is greedy: the same text whatever the seed; prompts longer than the window are cut to it', async () => {
    const long = 'The quick brown fox jumps over the lazy dog, and the dog sleeps on.';
    const texts = await Promise.all(
      ['1', '2'].map(async (seed) => {
        const result = await runCli(['generate', '--model', 'text.bpm', '--prompt', long, '--length', '30', '--temperature', '0', '--seed', seed, '--json', '--quiet'], { cwd: dir });
        expect(result.code).toBe(0);
        expect(result.stderr).toBe('');
        return JSON.parse(result.stdout) as { text: string; temperature: number };
      }),
    );
    expect(texts[0]!.temperature).toBe(0);
    expect(texts[1]!.text).toBe(texts[0]!.text);
    // Only the last 32 characters (the model's window) count.
    const cut = await runCli(['generate', '--model', 'text.bpm', '--prompt', long.slice(-32), '--length', '30', '--temperature', '0', '--json', '--quiet'], { cwd: dir });
    expect(JSON.parse(cut.stdout)['text']).toBe(texts[0]!.text);
  });

  it('says on stderr that a prompt shorter than the window leaves its start empty', async () => {
    const result = await runCli(['generate', '--model', 'text.bpm', '--prompt', 'Th', '--length', '5'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('the prompt has 2 characters, the model reads 32: the start of its first window is left empty.\n');
    expect(result.stdout).toMatch(/^Th.{5}\n$/s);
  });

  it('usage errors (exit 2): characters outside the vocabulary, named; bad or missing flags', async () => {
    const unknown = await runCli(['generate', '--model', 'text.bpm', '--prompt', 'The # café #'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^backprop generate: --prompt holds characters the model does not know: "#", "é" \(its vocabulary: "\\n", " ", "!", /);
    expect(unknown.stderr).toContain("(run 'backprop generate --help' for usage and examples)");
    expect(unknown.stdout).toBe('');
    const cases: [string[], RegExp][] = [
      [['--prompt', 'a'], /missing --model <file\.bpm>/],
      [['--model', 'text.bpm'], /missing --prompt <text>/],
      [['--model', 'text.bpm', '--prompt', 'a', '--length', '0'], /'--length <n>' argument '0' is invalid\. must be ≥ 1/],
      [['--model', 'text.bpm', '--prompt', 'a', '--temperature', '-0.5'], /'--temperature <t>' argument '-0\.5' is invalid\. must be ≥ 0/],
      [['--model', 'text.bpm', '--prompt', 'a', '--temperature', 'hot'], /'--temperature <t>' argument 'hot' is invalid\. expected a number/],
      [['--model', 'text.bpm', '--prompt', 'a', '--seed', '-1'], /'--seed <n>' argument '-1' is invalid/],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(['generate', ...args], { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  });

  it('runtime errors (exit 1): a model that is not a character model', async () => {
    const classifier = Model.create({ inputSize: 4, layers: [{ type: 'dense', units: 3, activation: 'softmax' }], loss: 'cross-entropy' }, { seed: 1 });
    writeFileSync(join(dir, 'flowers.bpm'), serializeModel(classifier, { classNames: ['setosa', 'versicolor', 'virginica'] }));
    const regression = Model.create({ inputSize: 4, layers: [{ type: 'dense', units: 1 }], loss: 'mse' }, { seed: 1 });
    writeFileSync(join(dir, 'values.bpm'), serializeModel(regression));
    const letters = Model.create({ inputSize: 7, layers: [{ type: 'dense', units: 2, activation: 'softmax' }], loss: 'cross-entropy' }, { seed: 1 });
    writeFileSync(join(dir, 'odd-width.bpm'), serializeModel(letters, { classNames: ['a', 'b'] }));
    const cases: [string, string][] = [
      ['flowers.bpm', "model 'flowers.bpm' is not a character model: its classes (setosa, versicolor, virginica) are not single characters, one per output."],
      ['values.bpm', "model 'values.bpm' is not a character model: it has no classes (it predicts values)."],
      ['odd-width.bpm', "model 'odd-width.bpm' is not a character model: it takes 7 inputs, not a window of one-hot steps over its 2 characters."],
    ];
    for (const [file, message] of cases) {
      const result = await runCli(['generate', '--model', file, '--prompt', 'a'], { cwd: dir });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`backprop: error: ${message} generate needs a model trained on characters`);
      expect(result.stdout).toBe('');
    }
  });
});

describe('backprop inspect on a character model', () => {
  it('lists the vocabulary JSON-quoted, so that newline and space are visible and the report stays on its lines', async () => {
    const result = await runCli(['inspect', '--model', 'text.bpm'], { cwd: dir });
    expect(result.code).toBe(0);
    const line = result.stdout.split('\n').find((l) => l.startsWith('classes: '));
    expect(line).toBe(`classes: ${vocabulary.map((c) => JSON.stringify(c)).join(', ')}`);
    expect(line).toMatch(/^classes: "\\n", " ", "!", /);
  });
});
