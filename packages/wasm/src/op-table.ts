/**
 * For every Backend op, its array parameters: the position in the op's argument list, the name
 * (the key of the op's extents in core's op checks) and what the kernel does with it — reads it
 * ('in'), overwrites every element of its extent ('out'), or reads and writes it ('inout'). The
 * backend copies 'in' and 'inout' arrays into wasm memory before the call and 'out' and 'inout'
 * arrays back after it.
 */
import type { OpName } from '@backprop/core/backend-kit';

export type Role = 'in' | 'out' | 'inout';
export type ArrayParam = readonly [position: number, name: string, role: Role];

/** Array parameters that follow one another from position `first`. */
const consecutive = (first: number, ...rest: readonly (readonly [string, Role])[]): ArrayParam[] =>
  rest.map(([name, role], i) => [first + i, name, role] as const);

/** Indexed by every op: an op added to the Backend without an entry here is a compile error. */
export const OP_ARRAYS: { readonly [K in OpName]: readonly ArrayParam[] } = {
  gemm: [[6, 'a', 'in'], [7, 'b', 'in'], [9, 'c', 'inout']],
  addRowVector: [[2, 'x', 'inout'], [3, 'v', 'in']],
  sumRows: [[2, 'x', 'in'], [4, 'out', 'inout']],
  activation: [[2, 'x', 'in'], [3, 'y', 'out']],
  activationBackward: [[2, 'y', 'in'], [3, 'dy', 'in'], [4, 'dx', 'out']],
  activationBackwardFromInput: [[2, 'x', 'in'], [3, 'dy', 'in'], [4, 'dx', 'out']],
  softmax: [[2, 'x', 'in'], [3, 'y', 'out']],
  softmaxBackward: [[2, 'y', 'in'], [3, 'dy', 'in'], [4, 'dx', 'out']],
  softmaxCrossEntropy: [[2, 'logits', 'in'], [3, 'targets', 'in'], [5, 'grad', 'out']],
  mse: [[1, 'pred', 'in'], [2, 'target', 'in'], [4, 'grad', 'out']],
  sigmoidBinaryCrossEntropy: [[1, 'logits', 'in'], [2, 'targets', 'in'], [4, 'grad', 'out']],
  l1Loss: [[1, 'pred', 'in'], [2, 'target', 'in'], [4, 'grad', 'out']],
  huber: [[1, 'pred', 'in'], [2, 'target', 'in'], [5, 'grad', 'out']],
  multiMargin: [[2, 'logits', 'in'], [3, 'targets', 'in'], [6, 'grad', 'out']],
  add: [[1, 'a', 'in'], [2, 'b', 'in'], [3, 'out', 'out']],
  sub: [[1, 'a', 'in'], [2, 'b', 'in'], [3, 'out', 'out']],
  mul: [[1, 'a', 'in'], [2, 'b', 'in'], [3, 'out', 'out']],
  mulAdd: [[1, 'a', 'in'], [2, 'b', 'in'], [3, 'c', 'inout']],
  axpy: [[2, 'x', 'in'], [3, 'y', 'inout']],
  scale: [[2, 'x', 'inout']],
  sumSquares: [[1, 'x', 'in']],
  l1Gradient: [[2, 'w', 'in'], [3, 'g', 'inout']],
  im2col: consecutive(12, ['x', 'in'], ['cols', 'out']),
  col2im: [[12, 'cols', 'in'], [14, 'dx', 'inout']],
  conv2d: consecutive(13, ['x', 'in'], ['weights', 'in'], ['y', 'out']),
  conv2dWeightGrad: [[13, 'x', 'in'], [14, 'dy', 'in'], [17, 'dw', 'inout']],
  transposeBatch: [[4, 'x', 'in'], [5, 'y', 'out']],
  maxPool2d: consecutive(10, ['x', 'in'], ['y', 'out'], ['argmax', 'out']),
  maxPool2dBackward: consecutive(5, ['argmax', 'in'], ['dy', 'in'], ['dx', 'inout']),
  avgPool2d: consecutive(10, ['x', 'in'], ['y', 'out']),
  avgPool2dBackward: consecutive(10, ['dy', 'in'], ['dx', 'inout']),
  channelMoments: consecutive(3, ['x', 'in'], ['mean', 'out'], ['variance', 'out']),
  channelAffine: consecutive(3, ['x', 'in'], ['scale', 'in'], ['shift', 'in'], ['y', 'out']),
  channelSums: consecutive(3, ['a', 'in'], ['b', 'in'], ['sumA', 'out'], ['sumAB', 'out']),
  normalizeBackward: consecutive(3, ['xhat', 'in'], ['g', 'in'], ['scale', 'in'], ['sumG', 'in'], ['sumGXhat', 'in'], ['dx', 'out']),
  gatherRows: consecutive(3, ['table', 'in'], ['ids', 'in'], ['out', 'out']),
  scatterAddRows: [[3, 'ids', 'in'], [4, 'src', 'in'], [7, 'table', 'inout']],
  sgdStep: consecutive(1, ['weights', 'inout'], ['grads', 'in'], ['velocity', 'inout']),
  adamStep: consecutive(1, ['weights', 'inout'], ['grads', 'in'], ['m', 'inout'], ['v', 'inout']),
  rmspropStep: consecutive(1, ['weights', 'inout'], ['grads', 'in'], ['squareAvg', 'inout'], ['gradAvg', 'inout'], ['momentumBuffer', 'inout']),
  adagradStep: consecutive(1, ['weights', 'inout'], ['grads', 'in'], ['sum', 'inout']),
  adamaxStep: consecutive(1, ['weights', 'inout'], ['grads', 'in'], ['m', 'inout'], ['u', 'inout']),
  nadamStep: consecutive(1, ['weights', 'inout'], ['grads', 'in'], ['m', 'inout'], ['v', 'inout']),
};
