/**
 * Refusal cases of the layer ops beyond the generic ones of cases-refusals.ts (wrong types, bad
 * sizes, short arrays, non-finite scalars, which cover these ops through their signatures there):
 * window geometry (pooling pad above ⌊kernel / 2⌋, a kernel that does not fit the padded image,
 * pooling over an empty image), indices out of range (max pooling's argmax, embedding ids, checked
 * before anything is written) and the overlaps each op forbids. As in cases-refusals.ts a refusal
 * is checked by its error class and the start of its message, "<op>: <argument> "; the refused
 * call's arrays must be unchanged.
 */
import type { Backend, FloatArray } from '../backend/backend.js';
import type { DType } from './arena.js';
import { argIndex, assertUnchanged, call, snapshot, validArgs } from './cases-refusals.js';
import { assertThrows, type SuiteContext } from './suite-context.js';

type LayerOp = Parameters<typeof validArgs>[0];

/** Asserts that op refuses its valid call with the arguments in `changes` replaced, naming `argument`, and writes nothing. */
function refuses(backend: Backend, dtype: DType, op: LayerOp, changes: Record<string, unknown>, argument: string, error: typeof TypeError | typeof RangeError = RangeError): void {
  const args = validArgs(op, dtype);
  for (const [name, value] of Object.entries(changes)) args[argIndex(op, name)] = value;
  const before = snapshot(args);
  const what = `${op} with ${JSON.stringify(changes)}`;
  assertThrows(what, () => call(backend, op, args), new RegExp(`^${op}: ${argument.replace(/[[\]]/g, '\\$&')}`), error);
  assertUnchanged(what, args, before);
}

/** The valid call of op with the arguments in `changes` replaced must be accepted. */
function accepts(backend: Backend, dtype: DType, op: LayerOp, changes: Record<string, unknown>): void {
  const args = validArgs(op, dtype);
  for (const [name, value] of Object.entries(changes)) args[argIndex(op, name)] = value;
  call(backend, op, args);
}

const POOLING_OPS = ['maxPool2d', 'avgPool2d', 'avgPool2dBackward'] as const;

export function registerLayerRefusalCases(ctx: SuiteContext): void {
  const { dtype } = ctx;
  ctx.api.describe('refusals', () => {
    ctx.plain('pooling refuses a pad larger than half the window, and accepts half', (backend) => {
      for (const op of POOLING_OPS) {
        // The valid calls pool 5×4 images with a 3×2 window.
        refuses(backend, dtype, op, { padH: 2 }, 'padH must be at most ⌊kernelH / 2⌋ = ');
        refuses(backend, dtype, op, { padW: 2 }, 'padW must be at most ⌊kernelW / 2⌋ = ');
        refuses(backend, dtype, op, { kernelH: 1 }, 'padH ');
        accepts(backend, dtype, op, { kernelH: 5, padH: 2, padW: 1 });
      }
    });

    ctx.plain('window ops refuse a kernel that does not fit the padded image (no output position)', (backend) => {
      // im2col / col2im: 4×5 images, kernel 3×2 with dilation 1×2 (span 3), pad 1×0.
      for (const op of ['im2col', 'col2im', 'conv2d', 'conv2dWeightGrad'] as const) {
        refuses(backend, dtype, op, { kernelH: 7 }, 'kernelH ');
        refuses(backend, dtype, op, { dilationH: 4 }, 'kernelH ');
        refuses(backend, dtype, op, { kernelW: 4 }, 'kernelW ');
        refuses(backend, dtype, op, { height: 0, padH: 0 }, 'kernelH ');
        accepts(backend, dtype, op, { kernelH: 6, rows: 1, channels: 1, height: 4, width: 5, kernelW: 1, padW: 0 });
      }
      for (const op of POOLING_OPS) {
        refuses(backend, dtype, op, { kernelH: 8, padH: 1 }, 'kernelH ');
        refuses(backend, dtype, op, { kernelW: 7, padW: 1 }, 'kernelW ');
      }
    });

    ctx.plain('pooling refuses images of height or width 0 (a window of padding alone)', (backend) => {
      for (const op of POOLING_OPS) {
        refuses(backend, dtype, op, { height: 0, kernelH: 2 }, 'height ');
        refuses(backend, dtype, op, { width: 0 }, 'width ');
      }
    });

    ctx.plain('transposeBatch counts inner in the lengths of x and y, and refuses a bad inner', (backend) => {
      // The valid call transposes 2 matrices of 3×4 blocks of 2 values: x and y hold 48.
      refuses(backend, dtype, 'transposeBatch', { inner: 3 }, 'x has 48 elements but needs 72 \\(batch·r·c·inner\\)');
      refuses(backend, dtype, 'transposeBatch', { inner: -1 }, 'inner ');
      refuses(backend, dtype, 'transposeBatch', { inner: 1.5 }, 'inner ');
      refuses(backend, dtype, 'transposeBatch', { inner: '2' }, 'inner ', TypeError);
      accepts(backend, dtype, 'transposeBatch', { inner: 1 });
      accepts(backend, dtype, 'transposeBatch', { inner: 0 });
    });

    ctx.plain('maxPool2dBackward refuses an argmax outside [0, height·width) before writing dx', (backend) => {
      for (const bad of [-1, 20, 2 ** 31 - 1]) {
        const argmax = Int32Array.from({ length: 90 }, (_, i) => i % 20);
        argmax[89] = bad;
        refuses(backend, dtype, 'maxPool2dBackward', { argmax }, 'argmax[89] ');
      }
    });

    ctx.plain('gatherRows and scatterAddRows refuse an id that is not an integer in [0, tableRows) before writing', (backend) => {
      for (const op of ['gatherRows', 'scatterAddRows'] as const) {
        for (const bad of [-1, 4, 7.5, -0.5, NaN, Infinity, 2 ** 40]) {
          const ids = validArgs(op, dtype)[argIndex(op, 'ids')] as FloatArray;
          ids[5] = bad;
          refuses(backend, dtype, op, { ids }, 'ids[5] ');
        }
        // ids are read as given: -0 is the integer 0.
        const ids = validArgs(op, dtype)[argIndex(op, 'ids')] as FloatArray;
        ids[0] = -0;
        accepts(backend, dtype, op, { ids });
      }
    });

    ctx.plain('the layer ops refuse the overlaps they do not allow; in place is accepted where allowed', (backend) => {
      const buf = dtype === 'float64' ? new Float64Array(512) : new Float32Array(512);
      const at = (from: number): FloatArray => buf.subarray(from);
      // An Int32Array over the floats' memory (4-byte aligned in either type).
      const intsAt = (from: number, n: number): Int32Array => new Int32Array(buf.buffer, from * buf.BYTES_PER_ELEMENT, n);
      const refused: [LayerOp, Record<string, unknown>, string][] = [
        ['im2col', { x: at(0), cols: at(40) }, 'cols '],
        ['col2im', { cols: at(0), dx: at(150) }, 'dx '],
        ['conv2d', { x: at(0), weights: at(100), y: at(40) }, 'y '],
        ['conv2d', { x: at(0), weights: at(100), y: at(120) }, 'y '],
        ['conv2dWeightGrad', { x: at(0), dy: at(100), dw: at(79) }, 'dw '],
        ['conv2dWeightGrad', { x: at(0), dy: at(100), dw: at(140) }, 'dw '],
        ['transposeBatch', { x: at(0), y: at(0) }, 'y '],
        ['transposeBatch', { x: at(0), y: at(5) }, 'y '],
        ['transposeBatch', { x: at(0), y: at(47) }, 'y '],
        ['maxPool2d', { x: at(0), y: at(100) }, 'y '],
        ['maxPool2d', { x: at(0), y: at(200), argmax: intsAt(60, 90) }, 'argmax '],
        ['maxPool2d', { x: at(0), y: at(200), argmax: intsAt(250, 90) }, 'argmax '],
        ['maxPool2dBackward', { dy: at(0), dx: at(50) }, 'dx '],
        ['maxPool2dBackward', { argmax: intsAt(300, 90), dy: at(0), dx: at(200) }, 'dx '],
        ['avgPool2d', { x: at(0), y: at(119) }, 'y '],
        ['avgPool2dBackward', { dy: at(0), dx: at(89) }, 'dx '],
        ['channelMoments', { x: at(0), mean: at(10), variance: at(30) }, 'mean '],
        ['channelMoments', { x: at(0), mean: at(30), variance: at(30) }, 'variance '],
        ['channelAffine', { x: at(0), y: at(1) }, 'y '],
        ['channelAffine', { x: at(0), scale: at(40), y: at(30) }, 'y '],
        ['channelSums', { a: at(0), b: at(30), sumA: at(35), sumAB: at(60) }, 'sumA '],
        ['channelSums', { a: at(0), b: at(30), sumA: at(60), sumAB: at(61) }, 'sumAB '],
        ['normalizeBackward', { xhat: at(0), g: at(30), dx: at(31) }, 'dx '],
        ['normalizeBackward', { xhat: at(0), g: at(30), dx: at(0) }, 'dx '],
        ['normalizeBackward', { xhat: at(0), g: at(30), sumG: at(60), dx: at(58) }, 'dx '],
        ['gatherRows', { table: at(0), out: at(11) }, 'out '],
        ['scatterAddRows', { src: at(0), table: at(17) }, 'table '],
      ];
      for (const [op, changes, argument] of refused) refuses(backend, dtype, op, changes, argument);
      // Valid ids placed inside the shared buffer.
      const idsIn = (from: number): FloatArray => {
        const ids = at(from).subarray(0, 6);
        ids.set([0, 1, 2, 3, 0, 1]);
        return ids;
      };
      refuses(backend, dtype, 'gatherRows', { table: at(0), ids: idsIn(20), out: at(10) }, 'out ');
      refuses(backend, dtype, 'scatterAddRows', { ids: idsIn(100), src: at(0), table: at(95) }, 'table ');

      accepts(backend, dtype, 'channelAffine', { x: at(0), y: at(0) });
      accepts(backend, dtype, 'channelAffine', { x: at(0), y: at(0).subarray(0, 24) });
      accepts(backend, dtype, 'normalizeBackward', { xhat: at(0), g: at(30), dx: at(30) });
      accepts(backend, dtype, 'im2col', { x: at(0), cols: at(80) });
      accepts(backend, dtype, 'conv2d', { x: at(0), weights: at(80), y: at(116) });
      accepts(backend, dtype, 'conv2dWeightGrad', { x: at(0), dy: at(80), dw: at(128) });
      accepts(backend, dtype, 'transposeBatch', { x: at(0), y: at(48) });
      accepts(backend, dtype, 'maxPool2d', { x: at(0), y: at(120), argmax: intsAt(210, 90) });
    });
  });
}
