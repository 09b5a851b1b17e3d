/**
 * The fuzz suite's targeted cases: partial overlaps, window geometry, argmax and row ids, buffers
 * shrunk under a view, size products that overflow, and the argument each message names.
 */
import { assertSameValues, type FuzzCase } from './fuzz-call.js';
import { validArgs } from './fuzz-signatures.js';

export function registerTargetedFuzzCases(test: FuzzCase): void {
  test('throws RangeError for overlaps the op cannot handle', ({ expectOutcome }) => {
    const buf = new Float32Array(64);
    expectOutcome('gemm', [false, false, 2, 2, 2, 1, buf, buf.subarray(8), 0, buf.subarray(2)], 'RangeError');
    expectOutcome('gemm', [false, false, 2, 2, 2, 1, buf, buf.subarray(8), 0, buf.subarray(10)], 'RangeError');
    expectOutcome('gemm', [false, false, 2, 2, 2, 1, buf, buf.subarray(8), 0, buf.subarray(12)], 'ok');
    expectOutcome('add', [6, buf, buf.subarray(8), buf.subarray(1)], 'RangeError');
    expectOutcome('add', [6, buf, buf.subarray(8), buf], 'ok'); // in place: allowed
    expectOutcome('mulAdd', [6, buf, buf.subarray(8), buf], 'RangeError');
    expectOutcome('addRowVector', [2, 3, buf, buf.subarray(3)], 'RangeError');
    expectOutcome('softmax', [2, 3, buf, buf.subarray(1)], 'RangeError');
    expectOutcome('sgdStep', [6, buf, buf.subarray(2), null, 0.1, 0, false, 0], 'RangeError');
    expectOutcome('l1Gradient', [6, 0.1, buf, buf.subarray(3)], 'RangeError');
    expectOutcome('l1Gradient', [6, 0.1, buf, buf], 'ok'); // in place: allowed
    // The window, normalisation and embedding ops: outputs never overlap inputs, except where in place is allowed.
    const big = new Float32Array(512);
    const conv = [1, 1, 3, 3, 2, 2, 1, 1, 0, 0, 1, 1]; // x: 9 values, cols: 16
    expectOutcome('im2col', [...conv, big, big.subarray(8)], 'RangeError');
    expectOutcome('im2col', [...conv, big, big.subarray(9)], 'ok');
    expectOutcome('col2im', [...conv, big, 1, big.subarray(15)], 'RangeError');
    const direct = [1, 1, 3, 3, 2, 2, 2, 1, 1, 0, 0, 1, 1]; // x: 9 values, weights: 8, y: 2·2·2 = 8
    expectOutcome('conv2d', [...direct, big, big.subarray(9), big.subarray(16)], 'RangeError'); // y over weights
    expectOutcome('conv2d', [...direct, big, big.subarray(9), big.subarray(8)], 'RangeError'); // y over x
    expectOutcome('conv2d', [...direct, big, big.subarray(9), big.subarray(17)], 'ok');
    expectOutcome('conv2dWeightGrad', [...direct, big, big.subarray(9), 1, 0, big.subarray(16)], 'RangeError'); // dw over dy
    expectOutcome('conv2dWeightGrad', [...direct, big, big.subarray(9), 1, 0, big.subarray(17)], 'ok');
    expectOutcome('transposeBatch', [1, 2, 3, 1, big, big], 'RangeError');
    expectOutcome('transposeBatch', [1, 2, 3, 4, big, big.subarray(23)], 'RangeError');
    expectOutcome('transposeBatch', [1, 2, 3, 4, big, big.subarray(24)], 'ok');
    const pool = [1, 1, 4, 4, 2, 2, 2, 2, 0, 0]; // x: 16 values, y and argmax: 4
    const ints = new Int32Array(big.buffer);
    expectOutcome('maxPool2d', [...pool, big, big, new Int32Array(4)], 'RangeError');
    expectOutcome('maxPool2d', [...pool, big, big.subarray(16), ints.subarray(15)], 'RangeError'); // argmax over x
    expectOutcome('maxPool2d', [...pool, big, big.subarray(16), ints.subarray(18)], 'RangeError'); // argmax over y
    expectOutcome('maxPool2d', [...pool, big, big.subarray(16), ints.subarray(20)], 'ok');
    expectOutcome('maxPool2dBackward', [1, 1, 4, 4, 4, new Int32Array(4), big, big.subarray(3)], 'RangeError');
    expectOutcome('maxPool2dBackward', [1, 1, 4, 4, 4, ints.subarray(100, 104), big.subarray(200), big.subarray(90)], 'RangeError'); // dx over argmax
    expectOutcome('avgPool2d', [...pool, big, big.subarray(15)], 'RangeError');
    expectOutcome('avgPool2dBackward', [...pool, big, big.subarray(3)], 'RangeError');
    expectOutcome('channelMoments', [2, 3, 4, big, big.subarray(23), big.subarray(40)], 'RangeError');
    expectOutcome('channelMoments', [2, 3, 4, big, big.subarray(30), big.subarray(32)], 'RangeError'); // variance over mean
    expectOutcome('channelAffine', [2, 3, 4, big, big.subarray(30), big.subarray(40), big], 'ok'); // in place: allowed
    expectOutcome('channelAffine', [2, 3, 4, big, big.subarray(30), big.subarray(40), big.subarray(1)], 'RangeError');
    expectOutcome('channelAffine', [2, 3, 4, big, big.subarray(20), big.subarray(40), big.subarray(100)], 'ok');
    expectOutcome('channelAffine', [2, 3, 4, big, big.subarray(110), big.subarray(40), big.subarray(100)], 'RangeError'); // y over scale
    expectOutcome('channelSums', [2, 3, 4, big, big.subarray(24), big.subarray(47), big.subarray(60)], 'RangeError');
    expectOutcome('channelSums', [2, 3, 4, big, big.subarray(24), big.subarray(60), big.subarray(62)], 'RangeError');
    expectOutcome('normalizeBackward', [2, 3, 4, big.subarray(100), big, big.subarray(30), big.subarray(40), big.subarray(50), big], 'ok');
    expectOutcome('normalizeBackward', [2, 3, 4, big.subarray(100), big, big.subarray(30), big.subarray(40), big.subarray(50), big.subarray(110)], 'RangeError');
    const ids = Float32Array.of(0, 1, 0, 1);
    expectOutcome('gatherRows', [4, 3, 2, big, ids, big.subarray(5)], 'RangeError');
    expectOutcome('gatherRows', [4, 3, 2, big, ids, big.subarray(6)], 'ok');
    expectOutcome('scatterAddRows', [4, 3, 2, ids, big, 1, 1, big.subarray(11)], 'RangeError');
    expectOutcome('scatterAddRows', [4, 3, 2, ids, big, 1, 1, big.subarray(12)], 'ok');
  });

  test('refuses bad window geometry, argmax and row ids, naming the argument', ({ expectOutcome, refuse }) => {
    const x = new Float32Array(64);
    const cols = new Float32Array(400);
    const y = new Float32Array(16);
    const argmax = new Int32Array(16);
    refuse('im2col', [1, 1, 3, 3, 0, 2, 1, 1, 0, 0, 1, 1, x, cols], /^im2col: kernelH must be a positive integer \(got 0\)$/);
    refuse('im2col', [1, 1, 3, 3, 2, 2, 1, 0, 0, 0, 1, 1, x, cols], /^im2col: strideW must be a positive integer \(got 0\)$/);
    refuse('col2im', [1, 1, 3, 3, 2, 2, 1, 1, 0, 0, 1, -2, cols, 0, x], /^col2im: dilationW must be a positive integer \(got -2\)$/);
    refuse('im2col', [1, 1, 3, 3, 5, 2, 1, 1, 0, 0, 1, 1, x, cols], /^im2col: kernelH = 5 with dilationH = 1 does not fit in height \+ 2·padH = 3$/);
    refuse('im2col', [1, 1, 3, 3, 2, 2, 1, 1, 0, 0, 1, 3, x, cols], /^im2col: kernelW = 2 with dilationW = 3 does not fit in width \+ 2·padW = 3$/);
    expectOutcome('im2col', [1, 1, 3, 3, 2, 2, 1, 1, 1, 0, 1, 3, x, cols], 'RangeError');
    expectOutcome('im2col', [1, 1, 3, 3, 2, 2, 1, 1, 0, 1, 1, 3, x, cols], 'ok'); // 3 + 2 = 5 ≥ 3·1 + 1
    expectOutcome('im2col', [1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, new Float32Array(0), cols], 'ok'); // all padding
    refuse('maxPool2d', [1, 1, 4, 4, 3, 2, 2, 2, 2, 0, x, y, argmax], /^maxPool2d: padH must be at most ⌊kernelH \/ 2⌋ = 1 \(got 2\)$/);
    refuse('avgPool2d', [1, 1, 4, 4, 2, 2, 2, 2, 0, 2, x, y], /^avgPool2d: padW must be at most ⌊kernelW \/ 2⌋ = 1 \(got 2\)$/);
    refuse('avgPool2dBackward', [1, 1, 1, 4, 3, 2, 2, 2, 0, 0, y, x], /^avgPool2dBackward: kernelH = 3 does not fit in height \+ 2·padH = 1$/);
    refuse('maxPool2d', [1, 1, 0, 4, 2, 2, 2, 2, 1, 0, x, y, argmax], /^maxPool2d: height must be a positive integer \(got 0\)$/);
    refuse('maxPool2d', [1, 1, 4, 4, 2, 2, 2, 2, 0, 0, x, y, new Float32Array(4)], /^maxPool2d: argmax must be an Int32Array \(got a Float32Array\)$/);
    refuse('maxPool2d', [1, 1, 4, 4, 2, 2, 2, 2, 0, 0, x, y, new Int32Array(3)], /^maxPool2d: argmax has 3 elements but needs 4 \(rows·channels·outH·outW\)$/);
    refuse('maxPool2d', [1, 1, 4, 4, 2, 2, 2, 2, 0, 0, x, new Float32Array(3), argmax], /^maxPool2d: y has 3 elements but needs 4 \(rows·channels·outH·outW\)$/);
    refuse('im2col', [2, 1, 3, 3, 2, 2, 1, 1, 0, 0, 1, 1, new Float32Array(17), cols], /^im2col: x has 17 elements but needs 18 \(rows·channels·height·width\)$/);
    refuse('col2im', [2, 1, 3, 3, 2, 2, 1, 1, 0, 0, 1, 1, new Float32Array(31), 0, x], /^col2im: cols has 31 elements but needs 32 \(rows·outH·outW·channels·kernelH·kernelW\)$/);
    refuse('maxPool2dBackward', [1, 1, 4, 4, 4, Int32Array.of(0, 15, 16, 1), y, x], /^maxPool2dBackward: argmax\[2\] = 16 is not in \[0, 16\)$/);
    refuse('maxPool2dBackward', [1, 1, 4, 4, 4, Int32Array.of(0, -1, 3, 1), y, x], /^maxPool2dBackward: argmax\[1\] = -1 is not in \[0, 16\)$/);
    refuse('gatherRows', [3, 2, 5, x, Float32Array.of(1, 2, 7.5), y], /^gatherRows: ids\[2\] = 7.5 is not an integer in \[0, 5\)$/);
    refuse('gatherRows', [3, 2, 5, x, Float32Array.of(1, NaN, 2), y], /^gatherRows: ids\[1\] = NaN is not an integer in \[0, 5\)$/);
    refuse('scatterAddRows', [3, 2, 5, Float32Array.of(5, 0, 0), y, 1, 1, x], /^scatterAddRows: ids\[0\] = 5 is not an integer in \[0, 5\)$/);
    refuse('scatterAddRows', [1, 2, 5, Float32Array.of(0.1), y, 1, 1, x], /^scatterAddRows: ids\[0\] = 0.10000000149011612 is not an integer in \[0, 5\)$/);
    refuse('channelMoments', [2, 3, 4, x, new Float32Array(2), y], /^channelMoments: mean has 2 elements but needs 3 \(channels\)$/);
    refuse('normalizeBackward', [2, 3, 4, x, x.subarray(24), y, y, y, x.subarray(1)], /^normalizeBackward: dx and g partly overlap: pass the same array \(in place\) or separate memory$/);
    refuse('maxPool2d', [1, 1, 4, 4, 2, 2, 2, 2, 0, 0, x, x, argmax], /^maxPool2d: y must not overlap x$/);
    // Ids are checked before anything is written: the table is unchanged by a refused scatter.
    const table = Float32Array.of(1, 2, 3, 4);
    refuse('scatterAddRows', [2, 2, 2, Float32Array.of(1, 2), Float32Array.of(9, 9, 9, 9), 1, 0, table], /^scatterAddRows: ids\[1\] = 2 /);
    assertSameValues('the table after a refused scatter', table, [1, 2, 3, 4]);
  });

  test('refuses a view left out of bounds by shrinking its resizable buffer', ({ expectOutcome, refuse }) => {
    const ResizableBuffer = ArrayBuffer as unknown as new (bytes: number, options: { maxByteLength: number }) => ArrayBuffer & { resize(bytes: number): void };
    const buffer = new ResizableBuffer(64, { maxByteLength: 128 });
    const view = new Float32Array(buffer, 16, 6); // elements 4..9
    const tracking = new Float32Array(buffer); // follows the buffer's length
    buffer.resize(20); // view now out of bounds, tracking has 5 elements
    expectOutcome('add', [6, view, view, view], 'RangeError');
    expectOutcome('add', [6, tracking, tracking, tracking], 'RangeError');
    expectOutcome('add', [5, tracking, tracking, tracking], 'ok');
    refuse('sumSquares', [6, tracking], /^sumSquares: x has 5 elements but needs 6 \(n\)$/);
  });

  test('refuses sizes whose products overflow instead of wrapping them', ({ expectOutcome, refuse }) => {
    // 2^32·2^32 wraps to 0 in 64-bit arithmetic: without the check every length test would pass.
    const big = 2 ** 32;
    const tiny = new Float32Array(4);
    refuse('gemm', [false, false, big, big, big, 1, tiny, tiny, 0, tiny], /^gemm: m·k = 4294967296·4294967296 is larger than any array$/);
    refuse('gemm', [true, true, 1, big, big, 1, tiny, tiny, 0, tiny], /^gemm: k·n = .* is larger than any array$/);
    for (const fn of ['addRowVector', 'sumRows', 'softmax', 'softmaxBackward', 'softmaxCrossEntropy']) {
      const args = validArgs(fn);
      args[0] = big;
      args[1] = big;
      refuse(fn, args, new RegExp(`^${fn}: rows·cols = .* is larger than any array$`));
    }
    // Products of several sizes name every factor.
    const overflows: [string, number[], RegExp][] = [
      ['im2col', [0, 1], /^im2col: rows·channels·height·width = 4294967296·4294967296·4·3 is larger than any array$/],
      ['col2im', [0, 1], /^col2im: rows·outH·outW·channels·kernelH·kernelW = 4294967296·5·2·4294967296·2·2 is larger than any array$/],
      ['conv2d', [4, 1], /^conv2d: filters·channels·kernelH·kernelW = 4294967296·4294967296·2·2 is larger than any array$/],
      ['conv2dWeightGrad', [0, 4], /^conv2dWeightGrad: rows·filters·outH·outW = 4294967296·4294967296·5·2 is larger than any array$/],
      ['transposeBatch', [0, 1], /^transposeBatch: batch·r·c·inner = 4294967296·4294967296·4·2 is larger than any array$/],
      ['transposeBatch', [0, 3], /^transposeBatch: batch·r·c·inner = 4294967296·3·4·4294967296 is larger than any array$/],
      ['maxPool2d', [0, 1], /^maxPool2d: rows·channels·height·width = 4294967296·4294967296·4·4 is larger than any array$/],
      ['maxPool2dBackward', [0, 4], /^maxPool2dBackward: rows·channels·outSize = 4294967296·2·4294967296 is larger than any array$/],
      ['avgPool2dBackward', [0, 1], /^avgPool2dBackward: rows·channels·outH·outW = 4294967296·4294967296·3·2 is larger than any array$/],
      ['channelSums', [0, 2], /^channelSums: rows·channels·spatial = 4294967296·3·4294967296 is larger than any array$/],
      ['gatherRows', [1, 2], /^gatherRows: tableRows·dim = 4294967296·4294967296 is larger than any array$/],
      ['scatterAddRows', [0, 1], /^scatterAddRows: n·dim = 4294967296·4294967296 is larger than any array$/],
    ];
    for (const [fn, at, message] of overflows) {
      const args = validArgs(fn);
      for (const i of at) args[i] = big;
      refuse(fn, args, message);
    }
    // A zero factor makes the product 0, however large the others: nothing to read or write.
    expectOutcome('transposeBatch', [big, big, 0, big, new Float32Array(0), new Float32Array(0)], 'ok');
    expectOutcome('transposeBatch', [big, big, big, 0, new Float32Array(0), new Float32Array(0)], 'ok');
  });

  test('names the argument in its messages', ({ refuse }) => {
    const one = () => new Float32Array(1);
    refuse('gemm', [false, false, 2, 2, 3, 1, new Float64Array(6), new Float32Array(6), 0, new Float32Array(4)], /^gemm: a must be a Float32Array \(got a Float64Array\)$/);
    refuse('gemm', [false, false, 2, 2, 3, 1, new Float32Array(6), new Float32Array(5), 0, new Float32Array(4)], /^gemm: b has 5 elements but needs 6 \(k·n\)$/);
    refuse('add', [-1, one(), one(), one()], /^add: n must be a non-negative integer \(got -1\)$/);
    refuse('activation', ['swish', 1, one(), one(), 0], /^activation: kind must be one of 'linear'/);
    refuse('adamStep', [1, one(), one(), one(), one(), 0.1, 0.9, 0.999, 1e-8, 0, false, 0], /^adamStep: step must be an integer ≥ 1/);
  });
}
