/**
 * A character model that reads token ids through an embedding (`train --data text --embedding`),
 * end to end: trained and saved, then generate, eval, predict and inspect on the file. On the
 * 'ts' backend, which has every layer op.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { lastJson, runCli, tempDir } from '../test-support/run-cli.js';

let dir = '';
let trained: Awaited<ReturnType<typeof runCli>>;

beforeAll(async () => {
  dir = tempDir();
  trained = await runCli(['train', '--data', 'text', '--model', 'lstm', '--embedding', '8', '--units', '16', '--epochs', '1', '--backend', 'ts', '--save', 'ids.bpm', '--json'], {
    cwd: dir,
  });
}, 120_000);

describe('train --embedding on the text set', () => {
  it('trains an LSTM on token ids through an embedding and saves it', async () => {
    expect(trained.stderr).toBe('');
    expect(trained.code).toBe(0);
    expect(trained.stdout).toMatch(/^training an LSTM \(32 token ids → embedding 8 → 16 hidden → 64\) on text \(3380 train \/ 845 test rows\) with backend ts$/m);
    const summary = lastJson(trained.stdout);
    // The 64 × 8 table, the LSTM's 4 gates over 8 features and 16 units (one bias each), the 64-way output.
    expect(summary['parameters']).toBe(64 * 8 + 4 * (8 * 16 + 16 * 16 + 16) + 17 * 64);
    // One epoch beats the uniform guess (ln 64 ≈ 4.16) by a margin.
    expect(summary['testLoss']).toBeLessThan(3.5);

    const inspect = lastJson((await runCli(['inspect', '--model', 'ids.bpm', '--backend', 'ts', '--json', '--quiet'], { cwd: dir })).stdout);
    const metadata = inspect['metadata'] as { config: Record<string, unknown>; classNames: string[]; preprocessor?: unknown };
    expect(metadata.config).toMatchObject({ data: 'text', model: 'lstm', embedding: 8, seqLen: 32, normalize: 'none' });
    expect(metadata.preprocessor).toBeUndefined();
    expect(metadata.classNames).toHaveLength(64);
    expect(inspect['inputSize']).toBe(32);
    expect((inspect['layers'] as { type: string; outputShape?: number[] }[])[0]).toMatchObject({ type: 'embedding', outputShape: [32, 8] });
  });

  it('generate feeds the model token ids: seeded text of its vocabulary; a short prompt is padded with id 0', async () => {
    const run = (seed: string): ReturnType<typeof runCli> =>
      runCli(['generate', '--model', 'ids.bpm', '--prompt', 'We hold these truths to be self-evident', '--length', '40', '--seed', seed, '--backend', 'ts', '--json'], { cwd: dir });
    const [a, b] = await Promise.all([run('5'), run('5')]);
    expect(a.code).toBe(0);
    expect(a.stderr).toBe('');
    const text = lastJson(a.stdout)['text'] as string;
    expect(Array.from(text)).toHaveLength(40);
    expect(lastJson(b.stdout)['text']).toBe(text);

    const short = await runCli(['generate', '--model', 'ids.bpm', '--prompt', 'Th', '--length', '5', '--backend', 'ts'], { cwd: dir });
    expect(short.code).toBe(0);
    expect(short.stderr).toBe('the prompt has 2 characters, the model reads 32: the start of its first window is filled with "\\n" (token id 0).\n');
    expect(short.stdout).toMatch(/^Th.{5}\n$/s);
  });

  it('eval scores the same held-out rows as training, read as token ids', async () => {
    const result = await runCli(['eval', '--model', 'ids.bpm', '--backend', 'ts', '--json'], { cwd: dir });
    expect(result.code).toBe(0);
    const summary = lastJson(result.stdout);
    expect(summary).toMatchObject({ data: 'text', split: 'test', rows: 845 });
    expect(summary['loss']).toBeCloseTo(lastJson(trained.stdout)['testLoss'] as number, 5);
  });

  it('predict takes a row of token ids and refuses values that are not ids of the vocabulary', async () => {
    const ids = Array.from({ length: 32 }, (_, t) => String((t * 7) % 64)).join(',');
    const result = await runCli(['predict', '--model', 'ids.bpm', '--input', ids, '--backend', 'ts', '--json', '--quiet'], { cwd: dir });
    expect(result.code).toBe(0);
    const [prediction] = lastJson(result.stdout)['predictions'] as { class: string; probabilities: Record<string, number> }[];
    expect(Object.keys(prediction!.probabilities)).toHaveLength(64);
    expect(Object.values(prediction!.probabilities).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);

    const bad = await runCli(['predict', '--model', 'ids.bpm', '--input', `${ids};${ids.replace(/,\d+$/, ',64')}`, '--backend', 'ts'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^backprop predict: --input row 2 value 32 is 64, and model 'ids\.bpm' reads token ids, integers in \[0, 64\) \(id k is class k: 0 "\\n", 1 " ", 2 "!", …\)\.$/m);
    const fraction = await runCli(['predict', '--model', 'ids.bpm', '--input', ids.replace(/^\d+/, '1.5'), '--backend', 'ts'], { cwd: dir });
    expect(fraction.code).toBe(2);
    expect(fraction.stderr).toMatch(/--input row 1 value 1 is 1\.5, and model 'ids\.bpm' reads token ids/);
  });
});

describe('train --embedding refusals', () => {
  it('names the flags and the fix: a model kind that is not recurrent, data without token ids, normalising ids', async () => {
    const cases: [string[], string][] = [
      [['--data', 'text'], "--embedding applies to the recurrent models, not --model mlp: use --model lstm, gru or rnn, or drop --embedding."],
      [['--data', 'iris', '--model', 'lstm'], "--embedding looks token ids up in a table, and --data 'iris' has rows of 4 values, not token ids: use data that gives token ids (text), or drop --embedding."],
      [['--data', 'text', '--model', 'gru', '--normalize', 'standardize'], "--normalize standardize would rescale the token ids of --data 'text' (ids of 64 vocabulary entries, not measurements): drop --normalize."],
      [['--data', 'text', '--model', 'gru', '--standardize'], "--normalize standardize would rescale the token ids of --data 'text' (ids of 64 vocabulary entries, not measurements): drop --normalize."],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(['train', ...args, '--embedding', '8', '--epochs', '1', '--backend', 'ts']);
      expect(result.code).toBe(2);
      expect(result.stderr.split('\n')[0]).toBe(`backprop train: ${message}`);
      expect(result.stdout).toBe('');
    }
  });

  it('--help lists the flag with its value', async () => {
    const help = await runCli(['train', '--help']);
    expect(help.stdout).toMatch(/--embedding <dim> +rnn\/lstm\/gru on text: feed each character/);
  });
});
