import type { TrainConfig } from '@backprop/core';
import type { HiddenActivation } from '../playground/state.js';
import { fieldNumber } from '../ui/field-number.js';
import type { FormOptimizer } from '../worker/protocol.js';

/**
 * Parses "16, 8" into layer sizes; throws with a message naming the bad entry. With `tokens`
 * (a convolutional network), entries that are not numbers are kept as core's layer tokens
 * (conv:8:5:p2, pool:2, …), which core's train checks and explains.
 */
export function parseLayers(text: string, tokens = false): (number | string)[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  return trimmed.split(/[\s,]+/).map((s) => {
    if (tokens && !/^\d+$/.test(s)) return s;
    const v = Number(s);
    if (!Number.isInteger(v) || v < 1 || v > 1024) throw new RangeError(`hidden layer size '${s}' must be an integer from 1 to 1024`);
    return v;
  });
}

/** The network kinds the MNIST form offers: core's `model: 'mlp' | 'cnn'`. */
export type FormNetwork = 'mlp' | 'cnn';

export interface JobFormValues {
  /** Shown only where set (the MNIST tab): a dense network or a convolutional one. */
  readonly network?: FormNetwork;
  readonly layers: string;
  readonly activation: HiddenActivation;
  readonly optimizer: FormOptimizer;
  readonly lr: number;
  readonly epochs: number;
  readonly batchSize: number;
  readonly seed: number;
}

/** The TrainConfig keys the form sets. */
export type FormConfig = Pick<TrainConfig, 'model' | 'layers' | 'activation' | 'optimizer' | 'epochs' | 'batchSize'> & { readonly seed: number };

/** The form as TrainConfig keys; throws (naming the entry) for a bad hidden-layer list. */
export function formConfig(values: JobFormValues): FormConfig {
  const cnn = values.network === 'cnn';
  return {
    ...(cnn ? { model: 'cnn' as const } : {}),
    layers: parseLayers(values.layers, cnn),
    activation: values.activation,
    optimizer: { name: values.optimizer, lr: values.lr },
    epochs: values.epochs,
    batchSize: values.batchSize,
    seed: values.seed,
  };
}

/** The hyper-parameter fields shared by the Iris and MNIST tabs. */
export function JobForm({
  values,
  onChange,
  disabled,
  onNetwork,
}: {
  values: JobFormValues;
  onChange: (v: JobFormValues) => void;
  disabled: boolean;
  /** Where the tab has a network choice: the form values for the kind chosen (each kind has its own layers). */
  onNetwork?: (network: FormNetwork) => JobFormValues;
}) {
  const set = (patch: Partial<JobFormValues>): void => onChange({ ...values, ...patch });
  return (
    <fieldset className="form" disabled={disabled} style={{ border: 0, padding: 0, margin: 0 }}>
      {values.network !== undefined && onNetwork && (
        <label>
          <span>Network</span>
          <select value={values.network} onChange={(e) => onChange(onNetwork(e.target.value as FormNetwork))}>
            <option value="mlp">MLP (dense layers)</option>
            <option value="cnn">CNN (convolutions)</option>
          </select>
        </label>
      )}
      <label>
        <span>{values.network === 'cnn' ? 'Hidden layers (core tokens: conv:filters:kernel, pool:size, units)' : 'Hidden layers (sizes, comma-separated)'}</span>
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
