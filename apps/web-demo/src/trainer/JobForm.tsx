import type { TrainConfig } from '@backprop/core';
import type { HiddenActivation } from '../playground/state.js';
import { fieldNumber } from '../ui/field-number.js';
import type { FormOptimizer } from '../worker/protocol.js';

/** Parses "16, 8" into layer sizes; throws with a message naming the bad entry. */
export function parseLayers(text: string): number[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  return trimmed.split(/[\s,]+/).map((s) => {
    const v = Number(s);
    if (!Number.isInteger(v) || v < 1 || v > 1024) throw new RangeError(`hidden layer size '${s}' must be an integer from 1 to 1024`);
    return v;
  });
}

export interface JobFormValues {
  readonly layers: string;
  readonly activation: HiddenActivation;
  readonly optimizer: FormOptimizer;
  readonly lr: number;
  readonly epochs: number;
  readonly batchSize: number;
  readonly seed: number;
}

/** The TrainConfig keys the form sets. */
export type FormConfig = Pick<TrainConfig, 'layers' | 'activation' | 'optimizer' | 'epochs' | 'batchSize'> & { readonly seed: number };

/** The form as TrainConfig keys; throws (naming the entry) for a bad hidden-layer list. */
export function formConfig(values: JobFormValues): FormConfig {
  return {
    layers: parseLayers(values.layers),
    activation: values.activation,
    optimizer: { name: values.optimizer, lr: values.lr },
    epochs: values.epochs,
    batchSize: values.batchSize,
    seed: values.seed,
  };
}

/** The hyper-parameter fields shared by the Iris and MNIST tabs. */
export function JobForm({ values, onChange, disabled }: { values: JobFormValues; onChange: (v: JobFormValues) => void; disabled: boolean }) {
  const set = (patch: Partial<JobFormValues>): void => onChange({ ...values, ...patch });
  return (
    <fieldset className="form" disabled={disabled} style={{ border: 0, padding: 0, margin: 0 }}>
      <label>
        <span>Hidden layers (sizes, comma-separated)</span>
        <input type="text" value={values.layers} onChange={(e) => set({ layers: e.target.value })} />
      </label>
      <label>
        <span>Activation</span>
        <select value={values.activation} onChange={(e) => set({ activation: e.target.value as HiddenActivation })}>
          <option value="relu">ReLU</option>
          <option value="tanh">Tanh</option>
          <option value="sigmoid">Sigmoid</option>
          <option value="linear">Linear</option>
        </select>
      </label>
      <label>
        <span>Optimizer</span>
        <select value={values.optimizer} onChange={(e) => set({ optimizer: e.target.value as FormOptimizer })}>
          <option value="sgd">SGD</option>
          <option value="momentum">SGD + momentum</option>
          <option value="adam">Adam</option>
        </select>
      </label>
      <label>
        <span>Learning rate</span>
        <input type="number" min={0} step="any" value={values.lr} onChange={(e) => set({ lr: fieldNumber(e.target.value, values.lr, { min: Number.NEGATIVE_INFINITY }) })} />
      </label>
      <label>
        <span>Epochs</span>
        <input type="number" min={1} max={10000} value={values.epochs} onChange={(e) => set({ epochs: fieldNumber(e.target.value, values.epochs, { min: 1, max: 10000, integer: true }) })} />
      </label>
      <label>
        <span>Batch size (0 = full batch)</span>
        <input type="number" min={0} value={values.batchSize} onChange={(e) => set({ batchSize: fieldNumber(e.target.value, values.batchSize, { min: 0, integer: true }) })} />
      </label>
      <label>
        <span>Seed</span>
        <input type="number" min={0} value={values.seed} onChange={(e) => set({ seed: fieldNumber(e.target.value, values.seed, { min: 0, max: 2 ** 32 - 1 /* core's seeds are 32-bit words */, integer: true }) })} />
      </label>
    </fieldset>
  );
}
