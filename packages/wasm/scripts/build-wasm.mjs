// Compiles the C++ kernels of native/src/kernels (the sources the native addon is built from)
// and the WebAssembly glue of native/src/wasm into four modules in dist/:
//   backprop.wasm          single thread, ordinary memory (any page, any browser)
//   backprop-threads.wasm  -matomics -mbulk-memory on an imported shared memory, for a pool of
//                          workers (Node, and cross-origin-isolated pages)
//   backprop-relaxed.wasm, backprop-threads-relaxed.wasm
//                          the same with relaxed SIMD (-mrelaxed-simd: GEMM's multiply-adds fused),
//                          for engines that have it (Chromium; Node 20 only behind a flag)
// with Debian's clang 19 and lld (clang++-19, wasm-ld-19) and wasi-libc (for <cmath> and the
// string functions; the heap is our own, see native/src/wasm/runtime.cc). Without that toolchain
// it says what to install and exits 0, so the rest of the workspace still builds; the package
// then refuses to load with the same advice.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const native = join(packageRoot, '..', '..', 'native', 'src');
const kernels = join(native, 'kernels');
const glue = join(native, 'wasm');
const out = join(packageRoot, 'dist');

/** Kernel sources shared with the addon; the x86 GEMM variants and the std::thread pool are left out. */
const KERNELS = [
  'activations', 'bias', 'conv_direct', 'elementwise', 'embedding', 'gemm', 'gemm_generic', 'gemm_simd128', 'im2col',
  'isa', 'losses', 'normalization', 'optimizers', 'pooling', 'softmax', 'thread_pool_wasm',
].map((name) => join(kernels, `${name}.cc`));
const GLUE = ['exports.cc', 'runtime.cc', 'stack_pointer.s'].map((name) => join(glue, name));

const INSTALL = 'apt-get install -y clang-19 lld-19 wasi-libc libclang-rt-19-dev-wasm32 libc++-19-dev-wasm32 libc++abi-19-dev-wasm32';

/** The first of the candidates that runs, or null. */
function findTool(candidates) {
  for (const name of candidates) {
    const probe = spawnSync(name, ['--version'], { encoding: 'utf8' });
    if (probe.status === 0) return name;
  }
  return null;
}

function findLibc() {
  for (const dir of ['/usr/lib/wasm32-wasi', '/usr/share/wasi-sysroot/lib/wasm32-wasi']) {
    if (existsSync(join(dir, 'libc.a'))) return join(dir, 'libc.a');
  }
  return null;
}

const clang = findTool(['clang++-19', 'clang++']);
const clangC = findTool(['clang-19', 'clang']);
const linker = findTool(['wasm-ld-19', 'wasm-ld']);
const libc = findLibc();
if (!clang || !clangC || !linker || !libc) {
  const missing = [!clang && 'clang++-19', !linker && 'wasm-ld-19 (lld-19)', !libc && 'wasi-libc'].filter(Boolean).join(', ');
  console.warn(
    `@backprop/wasm: the WebAssembly backend is not built: ${missing} not found. ` +
      `Install Debian's toolchain (as root: ${INSTALL}) and run: pnpm --filter @backprop/wasm build. ` +
      'Everything else builds and runs on the other backends.',
  );
  process.exit(0);
}

const COMMON = [
  '--target=wasm32-wasi', '-msimd128', '-O3', '-ffp-contract=fast', '-fno-math-errno', '-std=c++17', '-fno-exceptions',
  '-fno-rtti', '-fno-threadsafe-statics', '-DNDEBUG', '-Wall', '-Wextra', '-Werror', `-I${kernels}`,
];
const THREADS = ['-matomics', '-mbulk-memory'];
const RELAXED = ['-mrelaxed-simd'];
const VARIANTS = [
  { file: 'backprop.wasm', flags: [], link: ['--max-memory=2147483648'] },
  { file: 'backprop-threads.wasm', flags: THREADS, link: ['--shared-memory', '--max-memory=2147483648'] },
  { file: 'backprop-relaxed.wasm', flags: RELAXED, link: ['--max-memory=2147483648'] },
  { file: 'backprop-threads-relaxed.wasm', flags: [...THREADS, ...RELAXED], link: ['--shared-memory', '--max-memory=2147483648'] },
];

function run(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited with code ${code}`))));
  });
}

/** Runs the jobs, `limit` at a time. */
async function pool(jobs, limit) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, jobs.length) }, async () => {
    while (next < jobs.length) await jobs[next++]();
  });
  await Promise.all(lanes);
}

async function build(variant) {
  const objects = join(tmpdir(), `backprop-wasm-${process.pid}-${variant.file}`);
  mkdirSync(objects, { recursive: true });
  try {
    const sources = [...KERNELS, ...GLUE];
    const jobs = sources.map((source, i) => () => {
      const object = join(objects, `${i}.o`);
      const compiler = source.endsWith('.s') ? clangC : clang;
      const flags = source.endsWith('.s') ? ['--target=wasm32-wasi', ...variant.flags] : [...COMMON, ...variant.flags];
      return run(compiler, [...flags, '-c', source, '-o', object]);
    });
    await pool(jobs, Math.max(1, cpus().length));
    const target = join(out, variant.file);
    const partial = `${target}.partial`;
    await run(linker, [
      '--no-entry', '--import-memory', '--export=bp_set_stack_pointer', '--export=bp_stack_pointer', '--export=__wasm_call_ctors', '-z',
      'stack-size=1048576', '--strip-debug', ...variant.link, '-o', partial,
      ...sources.map((_, i) => join(objects, `${i}.o`)), libc,
    ]);
    renameSync(partial, target);
    console.log(`@backprop/wasm: built ${target} (${Math.round(statSync(target).size / 1024)} KiB)`);
  } finally {
    rmSync(objects, { recursive: true, force: true });
  }
}

mkdirSync(out, { recursive: true });
try {
  for (const variant of VARIANTS) await build(variant);
} catch (error) {
  console.error(`@backprop/wasm: the WebAssembly build failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
