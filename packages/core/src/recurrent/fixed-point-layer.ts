/**
 * The 'fixed-point' layer: a fully recurrent network whose output is the state it settles into,
 * trained by Almeida–Pineda recurrent backpropagation. FixedPointCore (./fixed-point-core.ts)
 * holds the equations; this file adapts it to the Layer contract.
 *
 *   { type: 'fixed-point', units: Nh, outputSize: Nout, activation?, tolerance?, maxIterations?, initScale? }
 *
 * The layer's input row (inputSize = Nin values) clamps the input units; `units` free hidden units
 * and `outputSize` free output units receive from every unit (inputs, hidden, outputs, themselves
 * included). `forward` relaxes the free units from 0 to their fixed point and returns the output
 * units' states (rows × Nout); `backward` runs the adjoint relaxation. Each row is an independent
 * pattern, so the model's batching, shuffling and gradcheck apply unchanged.
 *
 * With sigmoid units the model fuses the sigmoid with 'binary-cross-entropy' (setEmitLogits):
 * forward then returns the output units' net inputs u_out at the fixed point and backward takes
 * ∂L/∂u_out.
 *
 * Parameters, in save order: inputKernel [Nf, Nin], recurrentKernel [Nf, Nf], bias [Nf] with
 * Nf = Nh + Nout (hidden rows first). Kernels start U(−s, s) with s = initScale/√(Nin + Nf), drawn
 * from the model's PRNG (inputKernel first); biases start at 0.
 */
import type { FloatArray } from '../backend/backend.js';
import type { Layer, LayerContext, Param } from '../model/layers/layer.js';
import { checkSpecKeys } from '../model/layers/spec-keys.js';
import type { LayerSpec } from '../model/types.js';
import { type FixedPointActivation, FixedPointCore } from './fixed-point-core.js';
import { Scratch } from './scratch.js';

/** Spec of a 'fixed-point' layer. */
export type FixedPointSpec = {
  readonly type: 'fixed-point';
  /** Nh: free hidden units (may be 0). */
  readonly units: number;
  /** Nout: free output units, the layer's output width. */
  readonly outputSize: number;
  /** f of the free units, default 'sigmoid'. */
  readonly activation?: FixedPointActivation;
  /**
   * Convergence: a forward relaxation stops when the RMS change per unit of a sweep is at most
   * this, the adjoint when its RMS change is at most this × RMS(δ). Default 1e-6 (whatever the
   * dtype, so that a saved float64 model loads as float32; gradchecks pass a tighter one).
   */
  readonly tolerance?: number;
  /**
   * Sweeps before a relaxation gives up with a RelaxationError; default 5000. Training takes a
   * network towards slow, near-critical relaxations (on Iris some batches need 2,000 sweeps),
   * and each sweep is one small GEMM.
   */
  readonly maxIterations?: number;
  /** Initial kernels are U(−initScale, initScale)/√(Nin + Nf); default 1. */
  readonly initScale?: number;
};

const FIXED_POINT_KEYS = ['units', 'outputSize', 'activation', 'tolerance', 'maxIterations', 'initScale'] as const;

/**
 * A fully recurrent network relaxed to its fixed point, as a model layer (see the file header);
 * built by Model.create from a {@link FixedPointSpec}. `core.lastForwardIterations` and
 * `core.lastAdjointIterations` give the sweeps of the last batch.
 */
export class FixedPointLayer implements Layer {
  readonly type = 'fixed-point';
  readonly inputSize: number;
  readonly outputSize: number;
  readonly units: number;
  readonly activation: FixedPointActivation;
  readonly tolerance: number;
  readonly maxIterations: number;
  readonly initScale: number;
  /** The numeric engine (exposed for relaxation counts, benchmarks and tests). */
  readonly core: FixedPointCore;
  private readonly paramList: Param[];
  private readonly out: Scratch;
  private readonly dx: Scratch;
  private emitLogits = false;
  private forwardRows = -1;

  constructor(inputSize: number, spec: FixedPointSpec, context: LayerContext) {
    const where = `layer ${context.index + 1} (fixed-point)`;
    const count = (v: unknown, name: string, min: number): number => {
      if (!Number.isInteger(v) || (v as number) < min) throw new Error(`${where}: ${name} must be an integer ≥ ${min}, got ${String(v)}`);
      return v as number;
    };
    this.inputSize = inputSize;
    this.units = count(spec.units, 'units', 0);
    this.outputSize = count(spec.outputSize, 'outputSize', 1);
    this.activation = spec.activation ?? 'sigmoid';
    if (this.activation !== 'sigmoid' && this.activation !== 'tanh') {
      throw new Error(`${where}: activation must be 'sigmoid' or 'tanh', got '${String(spec.activation)}'`);
    }
    this.tolerance = spec.tolerance ?? 1e-6;
    if (typeof this.tolerance !== 'number' || !Number.isFinite(this.tolerance) || this.tolerance <= 0) {
      throw new Error(`${where}: tolerance must be a finite number > 0, got ${String(spec.tolerance)}`);
    }
    this.maxIterations = count(spec.maxIterations ?? 5000, 'maxIterations', 1);
    this.initScale = spec.initScale ?? 1;
    if (typeof this.initScale !== 'number' || !Number.isFinite(this.initScale) || this.initScale < 0) {
      throw new Error(`${where}: initScale must be a finite number ≥ 0, got ${String(spec.initScale)}`);
    }
    this.core = new FixedPointCore({
      backend: context.backend,
      dtype: context.dtype,
      inputSize,
      units: this.units,
      outputSize: this.outputSize,
      activation: this.activation,
      tolerance: this.tolerance,
      maxIterations: this.maxIterations,
      ...(context.reserve ? { reserve: context.reserve } : {}),
    });
    this.paramList = this.core.params();
    const s = this.initScale / Math.sqrt(inputSize + this.core.free);
    for (const p of [this.core.inputKernel, this.core.recurrentKernel]) {
      for (let i = 0; i < p.value.length; i++) p.value[i] = context.rng.uniform(-s, s);
    }
    this.out = new Scratch(context.dtype);
    this.dx = new Scratch(context.dtype);
  }

  params(): readonly Param[] {
    return this.paramList;
  }

  forward(input: FloatArray, rows: number, _training: boolean): FloatArray {
    this.forwardRows = -1;
    this.core.relax(input, rows);
    this.forwardRows = rows;
    const out = this.out.view(rows * this.outputSize);
    this.core.outputs(this.emitLogits, out);
    return out;
  }

  backward(gradOutput: FloatArray, rows: number, needInputGrad = true): FloatArray | null {
    if (this.forwardRows !== rows) throw new Error(`fixed-point: backward for ${rows} rows after a forward of ${this.forwardRows}`);
    const dx = needInputGrad ? this.dx.view(rows * this.inputSize) : null;
    this.core.backward(gradOutput, this.emitLogits, dx);
    return dx;
  }

  /** Sigmoid units only: forward returns u_out and backward takes ∂L/∂u_out (see the header). */
  setEmitLogits(on: boolean): void {
    if (on && this.activation !== 'sigmoid') throw new Error(`fixed-point: only sigmoid units can emit logits, these are ${this.activation}`);
    this.emitLogits = on;
  }

  toSpec(): FixedPointSpec {
    return {
      type: 'fixed-point',
      units: this.units,
      outputSize: this.outputSize,
      activation: this.activation,
      tolerance: this.tolerance,
      maxIterations: this.maxIterations,
      initScale: this.initScale,
    };
  }
}

/** Layer factory for the registry ('fixed-point'). */
export function createFixedPoint(spec: LayerSpec, inputSize: number, context: LayerContext): Layer {
  checkSpecKeys(spec, FIXED_POINT_KEYS, `layer ${context.index + 1} (fixed-point)`);
  return new FixedPointLayer(inputSize, spec as FixedPointSpec, context);
}
