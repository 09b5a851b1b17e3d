/**
 * Builds an ONNX graph one node at a time while tracking the tensor that flows through it: its
 * name (`current`) and its shape per row (`shape`, the dims after the batch dim N). backprop
 * rows are flat ([N, D]); image ops need [N, C, H, W]: `toFlat` and `toImage` insert a Flatten or
 * a Reshape only when the current shape differs from the one needed.
 */
import type { FloatArray } from '../../backend/backend.js';
import type { OnnxAttribute, OnnxNode, OnnxTensor } from './onnx-proto.js';

export class OnnxGraphBuilder {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxTensor[] = [];
  private readonly names = new Set<string>();
  /** The name of the tensor the next node reads. */
  current: string;
  /** Its shape per row (without the batch dim). */
  shape: readonly number[];

  constructor(input: string, shape: readonly number[]) {
    this.names.add(input);
    this.current = input;
    this.shape = shape;
  }

  /** `base`, or `base_2`, `base_3`, … when taken: every node and tensor name is unique. */
  unique(base: string): string {
    let name = base;
    for (let k = 2; this.names.has(name); k++) name = `${base}_${k}`;
    this.names.add(name);
    return name;
  }

  /** A float32 initializer (values converted from float64 models); returns its name. */
  constant(base: string, dims: readonly number[], values: FloatArray | readonly number[]): string {
    const name = this.unique(base);
    this.initializers.push({ name, dims, data: Float32Array.from(values) });
    return name;
  }

  /** An int64 initializer (shapes for Reshape); returns its name. */
  int64Constant(base: string, values: readonly number[]): string {
    const name = this.unique(base);
    this.initializers.push({ name, dims: [values.length], data: BigInt64Array.from(values, (v) => BigInt(v)) });
    return name;
  }

  /** A node with the given outputs ('' for an optional output left out); leaves `current` as it is. */
  node(opType: string, base: string, inputs: readonly string[], outputs: readonly string[], attributes: readonly OnnxAttribute[] = []): void {
    this.nodes.push({ opType, name: this.unique(`${base}/${opType}`), inputs, outputs, attributes });
  }

  /**
   * A node with one output that becomes `current`, whose shape per row is `shape` (default:
   * unchanged, as for element-wise ops).
   */
  apply(opType: string, base: string, inputs: readonly string[], attributes: readonly OnnxAttribute[] = [], shape: readonly number[] = this.shape): string {
    const output = this.unique(`${base}/${opType.toLowerCase()}`);
    this.node(opType, base, inputs, [output], attributes);
    this.current = output;
    this.shape = shape;
    return output;
  }

  /** Flatten to [N, D] unless the tensor already is. */
  toFlat(): void {
    if (this.shape.length === 1) return;
    const d = this.shape.reduce((a, b) => a * b, 1);
    this.apply('Flatten', 'flatten', [this.current], [{ name: 'axis', i: 1 }], [d]);
  }

  /** Reshape to [N, ...shape] unless the tensor already has that shape (Reshape's 0 keeps N). */
  toImage(shape: readonly number[]): void {
    if (shape.length === this.shape.length && shape.every((d, i) => d === this.shape[i])) return;
    const target = this.int64Constant('shape', [0, ...shape]);
    this.apply('Reshape', 'reshape', [this.current, target], [], shape);
  }

  /** Ends the graph: `current` is copied to the graph output `name`; returns `name`. */
  finish(name: string): string {
    this.names.add(name);
    this.node('Identity', name, [this.current], [name]);
    this.current = name;
    return name;
  }
}
