/**
 * Shapes of image layers: reading a layer's size options (a number or [h, w]) and the output size
 * of a sliding window, with errors that name the layer, the shapes and the fix.
 *
 * A window of `kernel` taps spaced `dilation` apart, moved by `stride` over an axis of `size`
 * values padded by `pad` zeros on each side, fits windowOutputSize times (PyTorch's Conv2d /
 * MaxPool2d formula, floor mode; see backend.ts).
 */
import { windowOutputSize } from '../../backend/backend.js';
import type { Size2d } from '../types.js';

/** One row of an image batch: channels × height × width (NCHW). */
export interface ImageShape {
  readonly channels: number;
  readonly height: number;
  readonly width: number;
}

/** A window's geometry on both axes. */
export interface Window2d {
  readonly kernelH: number;
  readonly kernelW: number;
  readonly strideH: number;
  readonly strideW: number;
  readonly padH: number;
  readonly padW: number;
  readonly dilationH: number;
  readonly dilationW: number;
  readonly outH: number;
  readonly outW: number;
}

/** The input as an image, or an error saying how to declare one. */
export function imageShapeOf(inputShape: readonly number[] | undefined, inputSize: number, where: string): ImageShape {
  if (!inputShape || inputShape.length !== 3) {
    const given = inputShape && inputShape.length > 1 ? `rows of shape [${inputShape.join(', ')}]` : `a flat row of ${inputSize} values`;
    throw new Error(
      `${where}: needs image rows [channels, height, width] but gets ${given}; ` +
        `declare the model's inputShape (e.g. [1, 28, 28] for 784 grey pixels), or put a reshape layer before it`,
    );
  }
  const [channels, height, width] = inputShape as [number, number, number];
  return { channels, height, width };
}

/**
 * Reads a size option: a positive (or, with `min` 0, non-negative) integer, or [h, w] of them.
 * `fallback` is used when the option is absent.
 */
export function size2d(value: unknown, name: string, where: string, fallback: readonly [number, number], min = 1): [number, number] {
  if (value === undefined) return [fallback[0], fallback[1]];
  const ok = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= 1 << 20;
  if (ok(value)) return [value, value];
  if (Array.isArray(value) && value.length === 2 && ok(value[0]) && ok(value[1])) return [value[0], value[1]];
  const kind = min === 0 ? 'a non-negative integer' : 'a positive integer';
  throw new Error(`${where}: ${name} must be ${kind} or [height, width] of them, got ${JSON.stringify(value)}`);
}

/** Writes a size pair the way specs store it: one number when both axes agree. */
export function compact2d(h: number, w: number): Size2d {
  return h === w ? h : [h, w];
}

/** The output size of one axis (see the header), or a message naming what does not fit. */
function axisOut(axis: string, size: number, kernel: number, stride: number, pad: number, dilation: number): number | string {
  const span = dilation * (kernel - 1) + 1;
  if (size + 2 * pad < span) {
    const what = dilation > 1 ? `a dilated kernel spanning ${span}` : `a kernel of ${kernel}`;
    return `${what} does not fit an input ${axis} of ${size}${pad > 0 ? ` padded by ${pad} on each side` : ''}`;
  }
  return windowOutputSize(size, kernel, stride, pad, dilation);
}

/** The window's geometry over `input`, or an error naming the layer, the shapes and the fix. */
export function window2d(
  input: ImageShape,
  kernel: readonly [number, number],
  stride: readonly [number, number],
  pad: readonly [number, number],
  dilation: readonly [number, number],
  where: string,
): Window2d {
  const outH = axisOut('height', input.height, kernel[0], stride[0], pad[0], dilation[0]);
  const outW = axisOut('width', input.width, kernel[1], stride[1], pad[1], dilation[1]);
  const problem = typeof outH === 'string' ? outH : typeof outW === 'string' ? outW : null;
  if (problem !== null) {
    throw new Error(
      `${where}: ${problem} (input ${input.channels}×${input.height}×${input.width}); ` +
        `use a smaller kernel, add padding, or remove a pooling layer before it`,
    );
  }
  return {
    kernelH: kernel[0],
    kernelW: kernel[1],
    strideH: stride[0],
    strideW: stride[1],
    padH: pad[0],
    padW: pad[1],
    dilationH: dilation[0],
    dilationW: dilation[1],
    outH: outH as number,
    outW: outW as number,
  };
}
