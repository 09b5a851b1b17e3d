/** Every user error: one clear line naming the problem, exit 2 for usage, 1 for runtime failures. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lastJson, runCli, tempDir } from './test-support/run-cli.js';
import { runInProcess } from './test-support/run-in-process.js';

const noStack = (stderr: string): void => expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('usage errors exit 2 with a pointer to --help', () => {
  it.each([
    [['frob'], /unknown command 'frob'/],
    [['train', '--bogus'], /unknown option '--bogus'/],
    [['train', '--lr', 'fast'], /option '--lr <rate>' argument 'fast' is invalid\. expected a number, got 'fast'/],
    [['train', '--epochs', '0'], /'--epochs <n>' argument '0' is invalid\. must be ≥ 1/],
    [['train', '--optimizer', 'lbfgs'], /expected one of sgd, momentum, nesterov, adam, adamw, rmsprop, adagrad, adamax, nadam; got 'lbfgs'/],
    [['train', '--activation', 'swish'], /expected one of linear, sigmoid, tanh, relu, leaky-relu, elu, selu, gelu, gelu-tanh, softplus, silu, mish; got 'swish'/],
    [['train', '--test-split', '1.5'], /must be a fraction in \[0, 1\)/],
    [['train', '--layers', '8,,4'], /--layers entry '' is not a layer: expected one of <units> \(dense\), conv:/],
    [['train', '--schedule', 'linear'], /expected constant, step:<every>:<gamma>/],
    [['train', '--plot', 'loss.jpg', '--epochs', '1'], /--plot 'loss.jpg': the file name must end in .svg or .png/],
    [['train', '--data', 'cifar'], /unknown data set 'cifar'/],
    [['train', '--loss', 'cross-entropy', '--output-activation', 'sigmoid', '--epochs', '1'], /--loss cross-entropy needs --output-activation softmax or linear \(got sigmoid\)/],
    [['train', '--standardize', '--scale'], /--scale is gone: min-max scaling is '--normalize minmax'/],
  ])('backprop %j', async (args, message) => {
    const result = await runInProcess(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/--help/);
    expect(result.stdout).toBe('');
    noStack(result.stderr);
  });

  it('a config file that is not JSON', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'run.json'), '{ epochs: 3 ');
    const result = await runCli(['train', '--config', 'run.json'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/config file 'run.json' is not valid JSON/);
  });

  it('the built bin exits 2 for an unknown command and 0 for --help', async () => {
    const unknown = await runCli(['frob']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'frob'/);
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: backprop/);
    const helpTrain = await runInProcess(['help', 'train']);
    expect(helpTrain.code).toBe(0);
    expect(helpTrain.stdout).toMatch(/Usage: backprop train/);
    const none = await runInProcess([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/Usage: backprop/);
  });
});

describe('runtime failures exit 1 with one clear line', () => {
  it('a missing data file', async () => {
    const result = await runCli(['train', '--data', 'missing.csv']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("backprop: error: data file 'missing.csv' does not exist.\n");
  });

  it('an output file in a folder that does not exist, refused before any training', async () => {
    for (const [flag, file] of [['--save', 'no-such-dir/m.bpm'], ['--plot', 'no-such-dir/loss.png'], ['--checkpoint', 'no-such-dir/ck.bpm']] as const) {
      const extra = flag === '--checkpoint' ? ['--checkpoint-every', '1'] : [];
      const result = await runInProcess(['train', '--data', 'iris', '--epochs', '2', '--backend', 'ts', flag, file, ...extra]);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(`backprop: error: ${flag} '${file}': the folder 'no-such-dir' does not exist (create it first).\n`);
      expect(result.stdout).toBe('');
    }
  });

  it('a missing config file', async () => {
    const result = await runCli(['train', '--config', 'nope.json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/config file 'nope.json' does not exist/);
  });

  it('an unreadable CSV names the line and column', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.csv'), 'a,b,label\n1,2,x\n3,oops,y\n5,6,x\n');
    const result = await runCli(['train', '--data', 'bad.csv', '--target', 'label'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot read CSV file 'bad.csv': .*line 3.*b|cannot read CSV file 'bad.csv': .*b.*line 3/);
    expect(result.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
    noStack(result.stderr);
  });

  it('a CSV target column that does not exist', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'd.csv'), 'a,b,label\n1,2,x\n3,4,y\n');
    const result = await runCli(['train', '--data', 'd.csv', '--target', 'species'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/species/);
  });

  it('--backend native fails with the reason when the native backend cannot load; auto falls back to wasm, then ts, saying why once', async () => {
    // A preload that makes every addon fail to load, as a broken build would.
    const noAddons = join(tempDir(), 'no-addons.cjs');
    writeFileSync(noAddons, "process.dlopen = () => { throw new Error('simulated: no addons'); };\n");
    const env = { NODE_OPTIONS: `--require ${noAddons}` };
    const native = await runCli(['train', '--data', 'iris', '--epochs', '2', '--backend', 'native'], { env });
    expect(native.code).toBe(1);
    expect(native.stderr).toMatch(/^backprop: error: cannot use the 'native' backend: /);
    const auto = await runCli(['train', '--data', 'iris', '--epochs', '2', '--backend', 'auto', '--json'], { env });
    expect(auto.code).toBe(0);
    expect(auto.stderr.match(/using the 'wasm' backend because 'native' failed to load/g)).toHaveLength(1);
    expect(auto.stdout).toMatch(/with backend wasm \(simd128, \d+ threads?\)\n/);
    expect(lastJson(auto.stdout)['backend']).toBe('wasm');
    // And with no WebAssembly either, auto ends on ts; --backend wasm names the reason.
    const noWasm = join(tempDir(), 'no-wasm.cjs');
    writeFileSync(noWasm, "process.dlopen = () => { throw new Error('simulated: no addons'); };\ndelete globalThis.WebAssembly;\n");
    const envTs = { NODE_OPTIONS: `--require ${noWasm}` };
    const wasm = await runCli(['train', '--data', 'iris', '--epochs', '2', '--backend', 'wasm'], { env: envTs });
    expect(wasm.code).toBe(1);
    expect(wasm.stderr).toMatch(/^backprop: error: cannot use the 'wasm' backend: this JavaScript engine has no WebAssembly/);
    const ts = await runCli(['train', '--data', 'iris', '--epochs', '2', '--backend', 'auto', '--json'], { env: envTs });
    expect(ts.code).toBe(0);
    expect(lastJson(ts.stdout)['backend']).toBe('ts');
  });

  it('an invalid BACKPROP_THREADS is an error naming the variable and its range, --quiet or not', async () => {
    for (const value of ['0', 'abc', '257', '1.5']) {
      const result = await runCli(['train', '--data', 'iris', '--epochs', '1', '--quiet'], { env: { BACKPROP_THREADS: value } });
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(`backprop: error: BACKPROP_THREADS must be an integer from 1 to 256, got '${value}' (unset it to use every CPU).\n`);
      expect(result.stdout).toBe('');
    }
    const help = await runCli(['train', '--help'], { env: { BACKPROP_THREADS: 'abc' } });
    expect(help.code).toBe(0);
    const valid = await runCli(['train', '--data', 'iris', '--epochs', '1', '--quiet', '--json'], { env: { BACKPROP_THREADS: '1' } });
    expect(lastJson(valid.stdout)['threads']).toBe(1);
  });

  it('a diverging run stops with what to try, in flags', async () => {
    const result = await runInProcess(['train', '--data', 'iris', '--lr', '1e6', '--epochs', '50', '--backend', 'ts', '--quiet']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/training diverged: the loss became (NaN|Infinity) at epoch \d+.*\(--lr; it was 1000000\).*\(--normalize standardize\).*\(--clip-norm 1\)/);
  });

  it('--verbose adds the stack trace', async () => {
    const result = await runCli(['train', '--data', 'missing.csv', '--verbose']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/\n\s+at .+:\d+:\d+/);
  });
});
