import type { Backend, BackendInfo } from '@backprop/core';
import { createOpChecks, ELEMENTWISE_ACTIVATIONS, type OpName } from '@backprop/core/backend-kit';
import type { KernelInstance } from './module.js';
import { OP_ARRAYS } from './op-table.js';
import { workerProblems } from './workers.js';

/** The kernels' activation enum (native/src/kernels/activations.h) numbers the kinds in this order. */
const ACTIVATION_CODES: readonly string[] = ELEMENTWISE_ACTIVATIONS;

/** Arguments of one op, as the Backend passes them. */
type OpArgs = readonly unknown[];
type Typed = Float32Array | Float64Array | Int32Array;

/** One array of a call placed in wasm memory: its byte address and the elements copied. */
interface Placement {
  name: string;
  array: Typed;
  address: number;
  count: number;
  copyIn: boolean;
  copyOut: boolean;
}

/**
 * The op checks refuse an array whose buffer was detached (it has 0 elements), but V8's optimised
 * code has been seen to read such an array's old length; the copy itself always notices, and this
 * turns its TypeError into the check's RangeError.
 */
function detachedOr(error: unknown, op: string, p: Placement): unknown {
  if (p.array.byteLength === 0 || (error instanceof TypeError && /detached/i.test(error.message))) {
    return new RangeError(`${op}: ${p.name} has 0 elements but needs ${p.count} (its buffer was detached)`, { cause: error });
  }
  return error;
}

/** Bytes between placements: the kernels' SIMD loads like 16-byte alignment, GEMM's packing 64. */
const ALIGN = 64;

/**
 * The WebAssembly backend: the native addon's C++ kernels compiled to WebAssembly SIMD128. JavaScript
 * arrays do not live in the module's memory, so each op checks its arguments (core's op checks:
 * the same refusals as every backend, Float32Array only), copies the elements it reads into an
 * arena in wasm memory, runs the kernel and copies back the elements it writes. The copies cost a
 * pass over each array, small beside GEMM's k passes; arrays that are the same view share one place.
 *
 * A trap in a kernel (which validated arguments should never cause) becomes an Error naming the op;
 * the module stays usable.
 */
export class WasmBackend implements Backend {
  private readonly kernel: KernelInstance;
  private readonly checks = createOpChecks({ float64: false });
  private arena = 0;
  private arenaBytes = 0;
  private heapBuffer: ArrayBufferLike | undefined;
  private f32 = new Float32Array(0);
  private i32 = new Int32Array(0);
  private readonly placements: Placement[] = [];
  /** Why the backend runs on fewer threads than it was loaded with, once a kernel has trapped. */
  private fallbackReason: string;
  private described: { threads: number; info: BackendInfo } | undefined;

  /** Wraps a loaded kernel instance (see loadKernels). */
  constructor(kernel: KernelInstance) {
    this.kernel = kernel;
    this.fallbackReason = kernel.singleThreadReason;
  }

  /** What the kernels run on now: read on each access, since a trap drops the backend to one thread. */
  get info(): BackendInfo {
    const threads = this.kernel.exports.bp_threads();
    if (this.described?.threads !== threads) {
      const note = threads === 1 && this.fallbackReason ? `: ${this.fallbackReason}` : '';
      const isa = this.kernel.relaxedSimd ? 'relaxed-simd' : 'simd128';
      const info: BackendInfo = {
        name: 'wasm',
        description: `wasm (${isa}, ${threads} thread${threads === 1 ? '' : 's'}${note})`,
        isa,
        threads,
        float64: false,
      };
      this.described = { threads, info };
    }
    return this.described.info;
  }

  /** Validates, places, copies in, calls bp_<op>, copies out; returns what the kernel returns. */
  private run(op: OpName, args: OpArgs): number {
    const check = this.checks[op] as (...a: OpArgs) => Record<string, unknown>;
    const extents = check(...args);
    const params = OP_ARRAYS[op];
    const placements = this.placements;
    placements.length = 0;
    let bytes = 0;
    for (const [position, name, role] of params) {
      const array = args[position] as Typed | null | undefined;
      const count = (extents[name] as number | undefined) ?? 0;
      // Absent, or nothing read or written: the kernel gets address 0 and never touches it.
      if (array == null || count === 0) continue;
      const copyIn = role !== 'out';
      const copyOut = role !== 'in';
      // The same view twice (y = x, grad = logits) must be one place: the kernel reads and writes it in place.
      const same = placements.find((p) => p.array.buffer === array.buffer && p.array.byteOffset === array.byteOffset);
      if (same) {
        same.count = Math.max(same.count, count);
        same.copyIn ||= copyIn;
        same.copyOut ||= copyOut;
        continue;
      }
      placements.push({ name, array, address: 0, count, copyIn, copyOut });
    }
    for (const p of placements) {
      p.address = bytes;
      bytes += Math.ceil((p.count * 4) / ALIGN) * ALIGN;
    }
    const base = this.reserve(bytes);
    this.refreshViews();
    for (const p of placements) {
      p.address += base;
      if (!p.copyIn) continue;
      try {
        this.view(p.array).set(p.array.subarray(0, p.count) as never, p.address >>> 2);
      } catch (error) {
        throw detachedOr(error, op, p);
      }
    }
    const call: number[] = new Array<number>(args.length);
    for (let i = 0; i < args.length; i++) {
      const value = args[i];
      if (typeof value === 'number') call[i] = value;
      else if (typeof value === 'boolean') call[i] = value ? 1 : 0;
      else if (typeof value === 'string') call[i] = ACTIVATION_CODES.indexOf(value);
      else if (value == null) call[i] = 0;
      else {
        const p = placements.find((q) => q.array.buffer === (value as Typed).buffer && q.array.byteOffset === (value as Typed).byteOffset);
        call[i] = p ? p.address : 0;
      }
    }
    const result = this.invoke(op, call);
    this.refreshViews();
    for (const p of placements) {
      if (!p.copyOut) continue;
      try {
        p.array.set(this.view(p.array).subarray(p.address >>> 2, (p.address >>> 2) + p.count) as never);
      } catch (error) {
        throw detachedOr(error, op, p);
      }
    }
    placements.length = 0;
    return result;
  }

  private invoke(op: OpName, call: number[]): number {
    const fn = this.kernel.exports[`bp_${op}`] as (...a: number[]) => number;
    try {
      return fn(...call);
    } catch (error) {
      const exports = this.kernel.exports;
      // A trap unwinds no wasm frames: put the stack pointer back for the next call.
      exports.bp_set_stack_pointer(this.kernel.stackTop);
      // Pool workers may still be inside the abandoned section; no later section may share
      // their counters, so the backend goes on alone.
      let after = '';
      if (exports.bp_threads() > 1) {
        exports.bp_set_threads(1);
        this.fallbackReason = `a kernel trapped (${op})`;
        after = '; the backend continues on one thread';
      }
      const why = error instanceof Error ? error.message : String(error);
      const workers = workerProblems.length > 0 ? ` (${workerProblems.join('; ')})` : '';
      throw new Error(`wasm backend: ${op} trapped in the WebAssembly kernels: ${why}${workers}${after}`, { cause: error });
    }
  }

  /** The byte address of an arena of at least `bytes` bytes (the arena only grows). */
  private reserve(bytes: number): number {
    if (bytes <= this.arenaBytes) return this.arena;
    const size = Math.max(bytes, Math.ceil(this.arenaBytes * 1.5), 1 << 20);
    if (this.arena !== 0) this.kernel.exports.bp_free(this.arena);
    this.arena = 0;
    this.arenaBytes = 0;
    const address = size < 2 ** 31 ? this.kernel.exports.bp_malloc(size) : 0;
    if (address === 0) {
      throw new RangeError(`wasm backend: out of memory: the arguments of one op need ${bytes} bytes, more than the WebAssembly memory (2 GiB at most) can give`);
    }
    this.arena = address;
    this.arenaBytes = size;
    return address;
  }

  /** Re-creates the typed views when the memory has grown (growth replaces its buffer). */
  private refreshViews(): void {
    const buffer = this.kernel.memory.buffer;
    if (buffer === this.heapBuffer) return;
    this.heapBuffer = buffer;
    this.f32 = new Float32Array(buffer);
    this.i32 = new Int32Array(buffer);
  }

  private view(array: Typed): Float32Array | Int32Array {
    return array instanceof Int32Array ? this.i32 : this.f32;
  }

  gemm(...args: Parameters<Backend['gemm']>): void {
    this.run('gemm', args);
  }
  addRowVector(...args: Parameters<Backend['addRowVector']>): void {
    this.run('addRowVector', args);
  }
  sumRows(...args: Parameters<Backend['sumRows']>): void {
    this.run('sumRows', args);
  }
  activation(...args: Parameters<Backend['activation']>): void {
    this.run('activation', args);
  }
  activationBackward(...args: Parameters<Backend['activationBackward']>): void {
    this.run('activationBackward', args);
  }
  activationBackwardFromInput(...args: Parameters<Backend['activationBackwardFromInput']>): void {
    this.run('activationBackwardFromInput', args);
  }
  softmax(...args: Parameters<Backend['softmax']>): void {
    this.run('softmax', args);
  }
  softmaxBackward(...args: Parameters<Backend['softmaxBackward']>): void {
    this.run('softmaxBackward', args);
  }
  softmaxCrossEntropy(...args: Parameters<Backend['softmaxCrossEntropy']>): number {
    return this.run('softmaxCrossEntropy', args);
  }
  mse(...args: Parameters<Backend['mse']>): number {
    return this.run('mse', args);
  }
  sigmoidBinaryCrossEntropy(...args: Parameters<Backend['sigmoidBinaryCrossEntropy']>): number {
    return this.run('sigmoidBinaryCrossEntropy', args);
  }
  l1Loss(...args: Parameters<Backend['l1Loss']>): number {
    return this.run('l1Loss', args);
  }
  huber(...args: Parameters<Backend['huber']>): number {
    return this.run('huber', args);
  }
  multiMargin(...args: Parameters<Backend['multiMargin']>): number {
    return this.run('multiMargin', args);
  }
  add(...args: Parameters<Backend['add']>): void {
    this.run('add', args);
  }
  sub(...args: Parameters<Backend['sub']>): void {
    this.run('sub', args);
  }
  mul(...args: Parameters<Backend['mul']>): void {
    this.run('mul', args);
  }
  mulAdd(...args: Parameters<Backend['mulAdd']>): void {
    this.run('mulAdd', args);
  }
  axpy(...args: Parameters<Backend['axpy']>): void {
    this.run('axpy', args);
  }
  scale(...args: Parameters<Backend['scale']>): void {
    this.run('scale', args);
  }
  sumSquares(...args: Parameters<Backend['sumSquares']>): number {
    return this.run('sumSquares', args);
  }
  l1Gradient(...args: Parameters<Backend['l1Gradient']>): void {
    this.run('l1Gradient', args);
  }
  im2col(...args: Parameters<Backend['im2col']>): void {
    this.run('im2col', args);
  }
  col2im(...args: Parameters<Backend['col2im']>): void {
    this.run('col2im', args);
  }
  conv2d(...args: Parameters<Backend['conv2d']>): void {
    this.run('conv2d', args);
  }
  conv2dWeightGrad(...args: Parameters<Backend['conv2dWeightGrad']>): void {
    this.run('conv2dWeightGrad', args);
  }
  transposeBatch(...args: Parameters<Backend['transposeBatch']>): void {
    this.run('transposeBatch', args);
  }
  maxPool2d(...args: Parameters<Backend['maxPool2d']>): void {
    this.run('maxPool2d', args);
  }
  maxPool2dBackward(...args: Parameters<Backend['maxPool2dBackward']>): void {
    this.run('maxPool2dBackward', args);
  }
  avgPool2d(...args: Parameters<Backend['avgPool2d']>): void {
    this.run('avgPool2d', args);
  }
  avgPool2dBackward(...args: Parameters<Backend['avgPool2dBackward']>): void {
    this.run('avgPool2dBackward', args);
  }
  channelMoments(...args: Parameters<Backend['channelMoments']>): void {
    this.run('channelMoments', args);
  }
  channelAffine(...args: Parameters<Backend['channelAffine']>): void {
    this.run('channelAffine', args);
  }
  channelSums(...args: Parameters<Backend['channelSums']>): void {
    this.run('channelSums', args);
  }
  normalizeBackward(...args: Parameters<Backend['normalizeBackward']>): void {
    this.run('normalizeBackward', args);
  }
  gatherRows(...args: Parameters<Backend['gatherRows']>): void {
    this.run('gatherRows', args);
  }
  scatterAddRows(...args: Parameters<Backend['scatterAddRows']>): void {
    this.run('scatterAddRows', args);
  }
  sgdStep(...args: Parameters<Backend['sgdStep']>): void {
    this.run('sgdStep', args);
  }
  adamStep(...args: Parameters<Backend['adamStep']>): void {
    this.run('adamStep', args);
  }
  rmspropStep(...args: Parameters<Backend['rmspropStep']>): void {
    this.run('rmspropStep', args);
  }
  adagradStep(...args: Parameters<Backend['adagradStep']>): void {
    this.run('adagradStep', args);
  }
  adamaxStep(...args: Parameters<Backend['adamaxStep']>): void {
    this.run('adamaxStep', args);
  }
  nadamStep(...args: Parameters<Backend['nadamStep']>): void {
    this.run('nadamStep', args);
  }
}
