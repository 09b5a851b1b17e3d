/** The optimizer contract: one fused backend step per parameter, with exportable state. */
import type { FloatArray } from '../../backend/backend.js';
import { allocFloat } from '../buffers.js';
import type { Param } from '../layers/layer.js';
import type { DType, OptimizerName } from '../types.js';

/** One state tensor of one parameter (e.g. Adam's first moment of parameter 3). */
export interface OptimizerSlot {
  /** Index of the parameter in the model's parameter order. */
  readonly param: number;
  /** 'velocity' (momentum), 'm' and 'v' (Adam). */
  readonly slot: string;
  readonly data: FloatArray;
}

/** Everything an optimizer needs to continue exactly where it stopped. */
export interface OptimizerState {
  readonly name: OptimizerName;
  /** Updates applied so far (Adam's bias-correction t). */
  readonly step: number;
  readonly slots: readonly OptimizerSlot[];
}

export interface Optimizer {
  readonly name: OptimizerName;
  /** Apply one update to every parameter from its `grad`, at learning rate `lr`. */
  step(params: readonly Param[], lr: number): void;
  /** Copies of the state. */
  getState(): OptimizerState;
  /** Restore a state from getState (shapes must match the parameters). */
  setState(state: OptimizerState): void;
}

/** Copy `slots` of a state into this optimizer's own arrays, with clear errors. */
export function restoreSlots(
  name: OptimizerName,
  state: OptimizerState,
  own: readonly { param: number; slot: string; data: FloatArray }[],
): void {
  if (state.name !== name) throw new Error(`optimizer state is for '${state.name}', not '${name}'`);
  if (!Number.isInteger(state.step) || state.step < 0) throw new Error(`optimizer state: invalid step ${String(state.step)}`);
  if (state.slots.length !== own.length) {
    throw new Error(`optimizer state has ${state.slots.length} slots, this model's '${name}' optimizer has ${own.length}`);
  }
  state.slots.forEach((s, i) => {
    const o = own[i] as { param: number; slot: string; data: FloatArray };
    if (s.param !== o.param || s.slot !== o.slot || s.data.length !== o.data.length) {
      throw new Error(
        `optimizer state slot ${i} (${s.slot} of parameter ${s.param}, ${s.data.length} values) does not match ` +
          `${o.slot} of parameter ${o.param} (${o.data.length} values)`,
      );
    }
  });
  state.slots.forEach((s, i) => (own[i] as { data: FloatArray }).data.set(s.data));
}

/**
 * What the optimizers share: their state slots (zeroed arrays in the model's dtype, in save
 * order), the count of updates, and the state's export and restore. A subclass adds its slots in
 * its constructor and implements `step`.
 */
export abstract class SlotOptimizer implements Optimizer {
  protected readonly slots: OptimizerSlot[] = [];
  protected steps = 0;

  constructor(
    readonly name: OptimizerName,
    private readonly dtype: DType,
  ) {}

  /** A new slot `slot` of parameter `param`, `length` values, filled with `fill` (default 0). */
  protected addSlot(param: number, slot: string, length: number, fill = 0): FloatArray {
    const data = allocFloat(this.dtype, length);
    if (fill !== 0) data.fill(fill);
    this.slots.push({ param, slot, data });
    return data;
  }

  abstract step(params: readonly Param[], lr: number): void;

  getState(): OptimizerState {
    return { name: this.name, step: this.steps, slots: this.slots.map((s) => ({ ...s, data: s.data.slice() })) };
  }

  setState(state: OptimizerState): void {
    restoreSlots(this.name, state, this.slots);
    this.steps = state.step;
  }
}
