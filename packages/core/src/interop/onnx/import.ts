/**
 * importOnnx: an ONNX model (a chain of supported ops, as exportOnnx writes it or as
 * torch.onnx.export writes an MLP, a small CNN or an LSTM) as a backprop Model with the same weights.
 *
 * The graph is read as a chain: every node reads the previous node's output plus constants
 * (initializers or Constant nodes). Ops map onto layers:
 *   Gemm (alpha = beta = 1, transB either way), MatMul [+ Add]      → dense
 *   MatMul [+ Add] over [N, T, F]                                    → time-distributed-dense
 *   Relu, Sigmoid, Tanh, LeakyRelu, Elu, Selu, Softplus, Softmax     → the activation of the layer
 *                                                                      before it (dense, conv2d, …)
 *   Conv (group 1, symmetric pads)                                   → conv2d
 *   MaxPool, AveragePool (count_include_pad, or no padding)          → maxpool2d, avgpool2d
 *   GlobalAveragePool                                                → globalavgpool2d
 *   Flatten (axis 1), Reshape (keeping the batch dim)                → flatten, reshape
 *   BatchNormalization (inference), LayerNormalization (whole row)   → batchnorm, layernorm
 *   Transpose to [T, N, F], RNN / LSTM / GRU, then Transpose (or     → rnn, lstm, gru
 *   Squeeze + Transpose [+ Gather of the last step]) of Y or Y_h       (see recurrent-import.ts)
 *   Identity, Dropout                                                → nothing
 *   Sub then Mul by constants per feature, before any layer          → metadata.preprocess
 * Off the chain, only torch's computation of zero initial states (Shape, Gather, Unsqueeze,
 * Concat, ConstantOfShape of 0) is accepted. Anything else is refused naming the op and the node.
 * The loss is chosen from the output activation: cross-entropy after softmax, binary
 * cross-entropy after sigmoid, else mse.
 */
import type { ActivationName, LayerSpec, LossName, ModelSpec } from '../../model/types.js';
import { Model, type CreateModelOptions } from '../../model/model.js';
import type { ModelMetadata } from '../../model/serialize.js';
import { decodeOnnx, type DecodedAttribute, type DecodedNode, type DecodedTensor } from './onnx-decode.js';
import { OnnxFormatError } from './protobuf-reader.js';
import { readRecurrent, type RecurrentRead } from './recurrent-import.js';

/** What importOnnx returns: the model, and metadata for its model file. */
export interface ImportedOnnx {
  readonly model: Model;
  /** classNames / featureNames from the ONNX metadata, and the preprocessing found in front of the network. */
  readonly metadata: ModelMetadata;
}

interface LayerRecord {
  spec: Record<string, unknown> & { type: string };
  params: Float32Array[];
}

const ACTIVATION_OPS: Record<string, ActivationName> = {
  Relu: 'relu',
  Sigmoid: 'sigmoid',
  Tanh: 'tanh',
  LeakyRelu: 'leaky-relu',
  Elu: 'elu',
  Selu: 'selu',
  Softplus: 'softplus',
  Softmax: 'softmax',
};

/** The most values per input row (2^24) a graph may declare: a small file cannot ask for huge buffers. */
const MAX_ROW_VALUES = 2 ** 24;

const SUPPORTED = 'Gemm, MatMul, Add, Conv, MaxPool, AveragePool, GlobalAveragePool, Flatten, Reshape, BatchNormalization, LayerNormalization, Identity, Dropout, Constant, Sub, Mul and the activations Relu, Sigmoid, Tanh, LeakyRelu, Elu, Selu, Softplus, Softmax';

/**
 * Reads an ONNX model into a backprop Model with its weights (see this file's header for the ops
 * read). Malformed or hostile files are refused with an error naming what is wrong; nothing is
 * allocated beyond what the file's own bytes hold.
 * @param file the bytes of a .onnx file
 * @param options backend and seed of the new model (Model.create's options)
 * @throws OnnxFormatError for a malformed file, an unsupported op (naming op and node), or a graph
 *   that is not a chain of supported ops
 */
export function importOnnx(file: Uint8Array, options: CreateModelOptions = {}): ImportedOnnx {
  const onnx = decodeOnnx(file);
  if (onnx.opset < 13) throw new OnnxFormatError(`ONNX model: opset ${onnx.opset} is older than 13, the oldest import reads`);
  const constants = new Map<string, DecodedTensor>(onnx.initializers);
  const graphInputs = onnx.inputs.filter((v) => !constants.has(v.name));
  if (graphInputs.length !== 1) throw new OnnxFormatError(`ONNX model: expected one graph input, found ${graphInputs.length}`);
  if (onnx.outputs.length !== 1) throw new OnnxFormatError(`ONNX model: expected one graph output, found ${onnx.outputs.length}`);
  const input = graphInputs[0]!;
  const rowDims = input.dims.slice(1);
  if (input.dims.length < 2 || !rowDims.every((d): d is number => d !== null && d > 0)) {
    throw new OnnxFormatError(`graph input '${input.name}': expected [batch, ...sizes] with known sizes, got [${input.dims.map((d) => d ?? '?').join(', ')}]`);
  }
  const inputSize = (rowDims as number[]).reduce((a, b) => a * b, 1);
  if (inputSize > MAX_ROW_VALUES) throw new OnnxFormatError(`graph input '${input.name}': rows of ${inputSize} values are more than the ${MAX_ROW_VALUES} import accepts`);
  const chain = new ChainReader(constants, input.name, rowDims as number[]);
  for (const node of onnx.nodes) chain.read(node);
  if (chain.current !== onnx.outputs[0]!.name) {
    throw new OnnxFormatError(`ONNX model: the graph output '${onnx.outputs[0]!.name}' is not the end of the chain of ops (which ends at '${chain.current}')`);
  }
  if (chain.layers.length === 0) throw new OnnxFormatError('ONNX model: the graph has no layer import can build');
  const last = chain.layers[chain.layers.length - 1]!.spec.activation;
  const loss: LossName = last === 'softmax' ? 'cross-entropy' : last === 'sigmoid' ? 'binary-cross-entropy' : 'mse';
  const spec: ModelSpec = {
    inputSize,
    ...(rowDims.length > 1 ? { inputShape: rowDims as number[] } : {}),
    layers: chain.layers.map((l) => l.spec as LayerSpec),
    loss,
  };
  let model: Model;
  try {
    model = Model.create(spec, options);
    model.setWeights(chain.layers.flatMap((l) => l.params));
  } catch (e) {
    throw new OnnxFormatError(`ONNX model: the graph gives a model backprop refuses: ${(e as Error).message}`);
  }
  const metadata: ModelMetadata = {};
  for (const key of ['classNames', 'featureNames'] as const) {
    const names = jsonStrings(onnx.metadata.get(key));
    if (names) metadata[key] = names;
  }
  if (chain.preprocess) metadata.preprocess = chain.preprocess;
  return { model, metadata };
}

function jsonStrings(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) && v.every((s) => typeof s === 'string') ? (v as string[]) : undefined;
  } catch {
    return undefined;
  }
}

const product = (dims: readonly number[]): number => dims.reduce((a, b) => a * b, 1);

/** Walks the chain of nodes, turning them into layer records. */
class ChainReader {
  readonly layers: LayerRecord[] = [];
  preprocess: { type: 'standardize'; mean: number[]; std: number[] } | { type: 'scale'; factor: number } | undefined;
  private pendingShift: Float32Array | null = null;
  /** After Transpose [1, 0, 2] of [N, T, F] rows: the tensor is X [T, N, F] for a recurrent op. */
  private timeMajor = false;
  /** A recurrent node read, waiting for the Transpose of Y or Y_h that says which output is used. */
  private recurrent: { read: RecurrentRead; seqLen: number; features: number; y: string; yh: string; squeezed?: string } | null = null;
  /** Outputs of side computations that only build zero initial states (torch's Shape → … → ConstantOfShape). */
  private readonly side = new Set<string>();
  private readonly zeros = new Set<string>();

  constructor(
    private readonly constants: Map<string, DecodedTensor>,
    public current: string,
    private shape: number[],
  ) {}

  private fail(node: DecodedNode, why: string): never {
    throw new OnnxFormatError(`node ${node.name} (${node.opType}): ${why}`);
  }

  private constant(node: DecodedNode, k: number, optional = false): DecodedTensor | undefined {
    const name = node.inputs[k];
    if (name === undefined || name === '') {
      if (optional) return undefined;
      this.fail(node, `input ${k} is missing`);
    }
    const t = this.constants.get(name);
    if (!t) this.fail(node, `input '${name}' is not a constant (initializer): import reads a chain of ops with constant weights`);
    if (t.type !== 'float') this.fail(node, `input '${name}' is int64, expected float weights`);
    return t;
  }

  private attr(node: DecodedNode, name: string): DecodedAttribute | undefined {
    return node.attributes.get(name);
  }

  private ints(node: DecodedNode, name: string, fallback: number[]): number[] {
    const v = this.attr(node, name)?.ints;
    return v ? [...v] : fallback;
  }

  private push(spec: LayerRecord['spec'], params: Float32Array[], shape: number[]): void {
    this.layers.push({ spec, params });
    this.shape = shape;
  }

  private flat(): void {
    if (this.shape.length === 1) return;
    // Recurrent and time-distributed layers already give flat rows ([T·H]); only the ONNX tensor has steps.
    const lastType = this.layers[this.layers.length - 1]?.spec.type ?? '';
    if (['rnn', 'lstm', 'gru', 'time-distributed-dense'].includes(lastType)) this.shape = [product(this.shape)];
    else this.push({ type: 'flatten' }, [], [product(this.shape)]);
  }

  read(node: DecodedNode): void {
    if (node.opType === 'Constant') {
      const t = this.attr(node, 'value')?.t;
      if (!t || node.outputs.length !== 1) this.fail(node, "only a Constant with a tensor 'value' is read");
      this.constants.set(node.outputs[0]!, { ...t, name: node.outputs[0]! });
      return;
    }
    if (this.sideComputation(node)) return;
    if (this.recurrent) return this.recurrentOutput(node);
    if (node.opType === 'Gather') return this.lastStep(node);
    if (node.inputs[0] !== this.current) {
      this.fail(node, `does not read the previous output '${this.current}': import reads a single chain of ops`);
    }
    this.apply(node);
    // A recurrent op's used output (Y or Y_h) is known only from the node after it.
    if (this.recurrent) return;
    if (!node.outputs[0]) this.fail(node, 'has no output');
    this.current = node.outputs[0];
  }

  private apply(node: DecodedNode): void {
    const op = node.opType;
    const activation = ACTIVATION_OPS[op];
    if (activation) return this.activation(node, activation);
    switch (op) {
      case 'Identity':
      case 'Dropout':
        return;
      case 'Sub':
      case 'Mul':
        return this.preprocessOp(node);
      case 'Gemm':
        return this.gemm(node);
      case 'MatMul': {
        const w = this.constant(node, 1)!;
        if (this.shape.length === 2 && w.dims.length === 2 && w.dims[0] === this.shape[1]) return this.timeDistributed(w);
        this.flat();
        if (w.dims.length !== 2 || w.dims[0] !== this.shape[0]) this.fail(node, `weights [${w.dims.join(', ')}] do not fit rows of ${this.shape[0]} values`);
        return this.push({ type: 'dense', units: w.dims[1]!, activation: 'linear', useBias: false }, [w.floats], [w.dims[1]!]);
      }
      case 'Add': {
        const last = this.layers[this.layers.length - 1];
        const b = this.constant(node, 1)!;
        if (!last || (last.spec.type !== 'dense' && last.spec.type !== 'time-distributed-dense') || last.spec.useBias !== false || last.spec.activation !== 'linear' || b.floats.length !== last.spec.units) {
          this.fail(node, 'an Add is read only as the bias of a MatMul right before it');
        }
        last.spec.useBias = true;
        last.params.push(b.floats);
        return;
      }
      case 'Conv':
        return this.conv(node);
      case 'MaxPool':
      case 'AveragePool':
        return this.pool(node);
      case 'GlobalAveragePool':
        if (this.shape.length !== 3) this.fail(node, `expects an image [C, H, W], got [${this.shape.join(', ')}]`);
        return this.push({ type: 'globalavgpool2d' }, [], [this.shape[0]!]);
      case 'Flatten': {
        const axis = this.attr(node, 'axis')?.i ?? 1;
        if (axis !== 1) this.fail(node, `axis ${axis}: only Flatten with axis 1 (keep the batch) is read`);
        return this.flat();
      }
      case 'Reshape':
        return this.reshape(node);
      case 'Transpose': {
        const perm = this.ints(node, 'perm', []);
        if (this.shape.length !== 2 || perm.join() !== '1,0,2') this.fail(node, 'only the Transpose of [N, T, F] rows into a recurrent op\'s [T, N, F] is read');
        this.timeMajor = true;
        return;
      }
      case 'RNN':
      case 'LSTM':
      case 'GRU': {
        if (!this.timeMajor) this.fail(node, 'expects X [T, N, F]: a Reshape to [N, T, F] and a Transpose [1, 0, 2] before it');
        const [seqLen, features] = this.shape as [number, number];
        const read = readRecurrent(
          node,
          features,
          (why) => this.fail(node, why),
          (k, optional) => this.constant(node, k, optional),
          (name) => this.zeros.has(name),
        );
        const last = this.layers[this.layers.length - 1];
        if (last?.spec.type === 'reshape') this.layers.pop(); // the recurrent layer reads [T·F] rows as they are
        this.timeMajor = false;
        this.recurrent = { read, seqLen, features, y: node.outputs[0] ?? '', yh: node.outputs[1] ?? '' };
        return;
      }
      case 'BatchNormalization':
        return this.batchnorm(node);
      case 'LayerNormalization':
        return this.layernorm(node);
      default:
        this.fail(node, `op '${op}' is not supported by import (supported: ${SUPPORTED})`);
    }
  }

  /**
   * Nodes off the chain that only compute the shape of a zero initial state, as torch.onnx.export
   * writes them: Shape of the input, Gather/Unsqueeze/Concat of shapes, ConstantOfShape of 0.
   */
  private sideComputation(node: DecodedNode): boolean {
    const op = node.opType;
    const fromSide = (name: string): boolean => this.side.has(name) || this.constants.has(name);
    const shapeOp =
      (op === 'Shape' && node.inputs.length === 1) ||
      ((op === 'Gather' || op === 'Unsqueeze' || op === 'Concat') && node.inputs.length > 0 && node.inputs.every(fromSide));
    if (op === 'ConstantOfShape' && node.inputs.every(fromSide)) {
      const value = node.attributes.get('value')?.t;
      if (value && !(value.type === 'float' ? value.floats.every((v) => v === 0) : value.int64s.every((v) => v === 0))) return false;
      for (const o of node.outputs) this.zeros.add(o);
      return true;
    }
    if (!shapeOp) return false;
    for (const o of node.outputs) this.side.add(o);
    return true;
  }

  /**
   * The nodes after a recurrent op. exportOnnx writes a Transpose of Y [T, 1, N, H] to
   * [N, T, 1, H] (every step) or of Y_h [1, N, H] to [N, 1, H] (the last state);
   * torch.onnx.export writes Squeeze(Y, [1]) then Transpose [1, 0, 2] to [N, T, H], and takes
   * the last step with a Gather (see lastStep).
   */
  private recurrentOutput(node: DecodedNode): void {
    const r = this.recurrent!;
    const { read, seqLen, features, y, yh } = r;
    const perm = this.ints(node, 'perm', []).join();
    if (node.opType === 'Squeeze' && !r.squeezed && y !== '' && node.inputs[0] === y) {
      const axesName = node.inputs[1];
      const axes = axesName ? this.constants.get(axesName)?.int64s : this.attr(node, 'axes')?.ints;
      if (!axes || axes.join() !== '1') this.fail(node, 'only a Squeeze of the direction axis (1) of Y is read');
      r.squeezed = node.outputs[0] ?? '';
      return;
    }
    const sequences = node.opType === 'Transpose' && ((y !== '' && node.inputs[0] === y && perm === '2,0,1,3') || (r.squeezed !== undefined && node.inputs[0] === r.squeezed && perm === '1,0,2'));
    const last = node.opType === 'Transpose' && yh !== '' && node.inputs[0] === yh && perm === '1,0,2';
    if (!(sequences || last)) {
      this.fail(node, 'after a recurrent op, only a Transpose of Y to [N, T, 1, H] (or Squeeze then Transpose to [N, T, H]), or of Y_h to [N, 1, H], is read');
    }
    this.recurrent = null;
    const spec = { type: read.type, units: read.units, features, seqLen, returnSequences: sequences, ...(read.activation ? { activation: read.activation } : {}) };
    this.push(spec, read.params, sequences ? [seqLen, read.units] : [read.units]);
    this.current = node.outputs[0]!;
  }

  /** Gather of the last step (index −1 or T − 1 on axis 1) of a recurrent layer's [N, T, H]: sequence to one. */
  private lastStep(node: DecodedNode): void {
    const last = this.layers[this.layers.length - 1];
    const index = this.constants.get(node.inputs[1] ?? '');
    const T = this.shape[0] ?? 0;
    const i = index?.type === 'int64' && index.dims.length === 0 ? index.int64s[0] : undefined;
    if (node.inputs[0] !== this.current || !last || last.spec.returnSequences !== true || this.shape.length !== 2 || (this.attr(node, 'axis')?.i ?? 0) !== 1 || (i !== -1 && i !== T - 1)) {
      this.fail(node, 'a Gather is read only as the last step (index -1 on axis 1) of a recurrent layer\'s every-step output');
    }
    last.spec.returnSequences = false;
    this.shape = [this.shape[1]!];
    this.current = node.outputs[0]!;
  }

  private activation(node: DecodedNode, activation: ActivationName): void {
    const last = this.layers[this.layers.length - 1];
    if (!last || !['dense', 'conv2d', 'time-distributed-dense'].includes(last.spec.type) || last.spec.activation !== 'linear') {
      this.fail(node, 'an activation is read only right after a Gemm/MatMul or Conv');
    }
    if (activation === 'softmax') {
      const axis = this.attr(node, 'axis')?.i ?? -1;
      if (last.spec.type !== 'dense' || (axis !== -1 && axis !== 1)) this.fail(node, 'only a Softmax over the values of a row after a dense layer is read');
    }
    if (activation === 'leaky-relu') last.spec.alpha = this.attr(node, 'alpha')?.f ?? 0.01;
    if (activation === 'elu') last.spec.alpha = this.attr(node, 'alpha')?.f ?? 1;
    if (activation === 'selu') {
      const alpha = this.attr(node, 'alpha')?.f;
      const gamma = this.attr(node, 'gamma')?.f;
      if ((alpha !== undefined && Math.abs(alpha - 1.6732632) > 1e-6) || (gamma !== undefined && Math.abs(gamma - 1.0507010) > 1e-6)) {
        this.fail(node, 'only Selu with its standard alpha and gamma is read');
      }
    }
    if (last.spec.type === 'conv2d' && activation === 'softmax') this.fail(node, 'softmax after a convolution is not read');
    last.spec.activation = activation;
  }

  private preprocessOp(node: DecodedNode): void {
    if (this.layers.length > 0 || this.preprocess) this.fail(node, 'Sub and Mul are read only as the preprocessing in front of the network');
    const c = this.constant(node, 1)!;
    const features = product(this.shape);
    if (node.opType === 'Sub') {
      if (this.pendingShift || c.floats.length !== features) this.fail(node, `expects one value per input feature (${features})`);
      this.pendingShift = c.floats;
      return;
    }
    if (this.pendingShift) {
      if (c.floats.length !== features) this.fail(node, `expects one value per input feature (${features})`);
      this.preprocess = { type: 'standardize', mean: Array.from(this.pendingShift), std: Array.from(c.floats, (m) => 1 / m) };
      this.pendingShift = null;
    } else {
      if (c.floats.length !== 1) this.fail(node, 'a Mul in front of the network must scale by one value');
      this.preprocess = { type: 'scale', factor: c.floats[0]! };
    }
  }

  /** MatMul of [N, T, F] by [F, U]: one dense layer applied at every step. */
  private timeDistributed(w: DecodedTensor): void {
    const [seqLen] = this.shape as [number, number];
    const last = this.layers[this.layers.length - 1];
    if (last?.spec.type === 'reshape') this.layers.pop(); // the layer reads [T·F] rows as they are
    const units = w.dims[1]!;
    this.push({ type: 'time-distributed-dense', units, seqLen, activation: 'linear', useBias: false }, [w.floats], [seqLen * units]);
  }

  private gemm(node: DecodedNode): void {
    this.flat();
    for (const [name, want] of [['alpha', 1], ['beta', 1]] as const) {
      const v = this.attr(node, name)?.f;
      if (v !== undefined && v !== want) this.fail(node, `${name} ${v}: only ${name} = 1 is read`);
    }
    if ((this.attr(node, 'transA')?.i ?? 0) !== 0) this.fail(node, 'transA = 1 is not read');
    const transB = (this.attr(node, 'transB')?.i ?? 0) !== 0;
    const w = this.constant(node, 1)!;
    if (w.dims.length !== 2) this.fail(node, `weights must be a matrix, got dims [${w.dims.join(', ')}]`);
    const [rows, cols] = w.dims as [number, number];
    const [inSize, units] = transB ? [cols, rows] : [rows, cols];
    if (inSize !== this.shape[0]) this.fail(node, `weights [${w.dims.join(', ')}] do not fit rows of ${this.shape[0]} values`);
    let kernel = w.floats;
    if (transB) {
      kernel = new Float32Array(inSize * units);
      for (let u = 0; u < units; u++) for (let i = 0; i < inSize; i++) kernel[i * units + u] = w.floats[u * inSize + i]!;
    }
    const bias = this.constant(node, 2, true);
    if (bias && bias.floats.length !== units) this.fail(node, `bias holds ${bias.floats.length} values, expected ${units}`);
    this.push({ type: 'dense', units, activation: 'linear', useBias: bias !== undefined }, bias ? [kernel, bias.floats] : [kernel], [units]);
  }

  /** pads [top, left, bottom, right] as [padH, padW], refused unless symmetric. */
  private pads(node: DecodedNode): [number, number] {
    const autoPad = this.attr(node, 'auto_pad')?.s;
    if (autoPad !== undefined && autoPad !== 'NOTSET' && autoPad !== 'VALID') this.fail(node, `auto_pad '${autoPad}' is not read; give explicit pads`);
    const p = this.ints(node, 'pads', [0, 0, 0, 0]);
    if (p.length !== 4 || p[0] !== p[2] || p[1] !== p[3]) this.fail(node, `pads [${p.join(', ')}]: only symmetric 2-D padding is read`);
    return [p[0]!, p[1]!];
  }

  private image(node: DecodedNode): [number, number, number] {
    if (this.shape.length !== 3) this.fail(node, `expects an image [C, H, W], got [${this.shape.join(', ')}]`);
    return this.shape as [number, number, number];
  }

  private conv(node: DecodedNode): void {
    const [c, h, w] = this.image(node);
    if ((this.attr(node, 'group')?.i ?? 1) !== 1) this.fail(node, 'grouped convolutions are not read');
    const k = this.constant(node, 1)!;
    if (k.dims.length !== 4 || k.dims[1] !== c) this.fail(node, `kernel [${k.dims.join(', ')}] does not fit ${c} input channels`);
    const [filters, , kh, kw] = k.dims as [number, number, number, number];
    const stride = this.ints(node, 'strides', [1, 1]);
    const dilation = this.ints(node, 'dilations', [1, 1]);
    if (stride.length !== 2 || dilation.length !== 2) this.fail(node, 'only 2-D strides and dilations are read');
    const pad = this.pads(node);
    const bias = this.constant(node, 2, true);
    if (bias && bias.floats.length !== filters) this.fail(node, `bias holds ${bias.floats.length} values, expected ${filters}`);
    const out = (size: number, kk: number, s: number, p: number, d: number): number => Math.floor((size + 2 * p - d * (kk - 1) - 1) / s) + 1;
    this.push(
      { type: 'conv2d', filters, kernelSize: [kh, kw], stride, padding: pad, dilation, activation: 'linear', useBias: bias !== undefined },
      bias ? [k.floats, bias.floats] : [k.floats],
      [filters, out(h, kh, stride[0]!, pad[0], dilation[0]!), out(w, kw, stride[1]!, pad[1], dilation[1]!)],
    );
  }

  private pool(node: DecodedNode): void {
    const [c, h, w] = this.image(node);
    const kernel = this.ints(node, 'kernel_shape', []);
    if (kernel.length !== 2) this.fail(node, 'only 2-D kernel_shape is read');
    const stride = this.ints(node, 'strides', [1, 1]);
    const pad = this.pads(node);
    if ((this.attr(node, 'ceil_mode')?.i ?? 0) !== 0) this.fail(node, 'ceil_mode = 1 is not read');
    if (this.ints(node, 'dilations', [1, 1]).some((d) => d !== 1)) this.fail(node, 'dilated pooling is not read');
    const avg = node.opType === 'AveragePool';
    if (avg && (pad[0] > 0 || pad[1] > 0) && (this.attr(node, 'count_include_pad')?.i ?? 0) !== 1) {
      this.fail(node, 'padded average pooling is read only with count_include_pad = 1');
    }
    const out = (size: number, kk: number, s: number, p: number): number => Math.floor((size + 2 * p - kk) / s) + 1;
    this.push(
      { type: avg ? 'avgpool2d' : 'maxpool2d', kernelSize: kernel, stride, padding: pad },
      [],
      [c, out(h, kernel[0]!, stride[0]!, pad[0]), out(w, kernel[1]!, stride[1]!, pad[1])],
    );
  }

  private reshape(node: DecodedNode): void {
    const name = node.inputs[1];
    const t = name === undefined ? undefined : this.constants.get(name);
    if (!t || t.type !== 'int64') this.fail(node, 'the target shape must be an int64 constant');
    const target = [...t.int64s];
    const full = [0, ...this.shape];
    if (target.length < 2 || (target[0] !== 0 && target[0] !== -1)) this.fail(node, `shape [${target.join(', ')}]: only reshapes that keep the batch dim are read`);
    const dims = target.slice(1).map((d, i) => (d === 0 ? (full[i + 1] ?? -2) : d));
    const size = product(this.shape);
    const unknown = dims.filter((d) => d === -1).length;
    if (unknown > 1 || dims.some((d) => d < -1 || d === -2)) this.fail(node, `shape [${target.join(', ')}] is not read`);
    const known = product(dims.filter((d) => d !== -1));
    const resolved = unknown ? dims.map((d) => (d === -1 ? size / known : d)) : dims;
    if (product(resolved) !== size || !resolved.every((d) => Number.isInteger(d) && d > 0)) this.fail(node, `shape [${target.join(', ')}] does not hold ${size} values`);
    if (resolved.length === this.shape.length && resolved.every((d, i) => d === this.shape[i])) return;
    if (resolved.length === 1) return this.flat();
    this.push({ type: 'reshape', shape: resolved }, [], resolved);
  }

  private batchnorm(node: DecodedNode): void {
    if ((this.attr(node, 'training_mode')?.i ?? 0) !== 0) this.fail(node, 'training_mode = 1 is not read');
    const channels = this.shape.length === 3 ? this.shape[0]! : this.shape.length === 1 ? this.shape[0]! : -1;
    if (channels < 0) this.fail(node, `expects rows [F] or images [C, H, W], got [${this.shape.join(', ')}]`);
    const params = [1, 2, 3, 4].map((k) => this.constant(node, k)!.floats);
    if (params.some((p) => p.length !== channels)) this.fail(node, `expects ${channels} values per parameter`);
    const momentum = this.attr(node, 'momentum')?.f;
    const eps = this.attr(node, 'epsilon')?.f ?? 1e-5;
    this.push({ type: 'batchnorm', eps, ...(momentum !== undefined ? { momentum: 1 - momentum } : {}) }, params, this.shape);
  }

  private layernorm(node: DecodedNode): void {
    const axis = this.attr(node, 'axis')?.i ?? -1;
    // Normalising from axis 1 to the last one covers each row's whole shape.
    if ((axis < 0 ? axis + this.shape.length + 1 : axis) !== 1) {
      this.fail(node, `axis ${axis}: only a LayerNormalization over the whole row is read`);
    }
    const size = product(this.shape);
    const scale = this.constant(node, 1)!;
    const bias = this.constant(node, 2, true);
    if (scale.floats.length !== size || (bias && bias.floats.length !== size)) this.fail(node, `expects ${size} values of scale and bias`);
    const eps = this.attr(node, 'epsilon')?.f ?? 1e-5;
    this.push({ type: 'layernorm', eps }, [scale.floats, bias ? bias.floats : new Float32Array(size)], this.shape);
  }
}
