import type { HiddenActivation } from '../playground/state.js';
import type { FitJob } from '../worker/protocol.js';

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
  readonly optimizer: FitJob['optimizer'];
  readonly lr: number;
  readonly epochs: number;
  readonly batchSize: number;
  readonly seed: number;
}

/** The hyper-parameter fields shared by the Iris and MNIST tabs. */
export function JobForm({ values, onChange, disabled }: { values: JobFormValues; onChange: (v: JobFormValues) => void; disabled: boolean }) {
  const set = (patch: Partial<JobFormValues>): void => onChange({ ...values, ...patch });
  const num = (v: string, fallback: number): number => (v.trim() === '' || !Number.isFinite(Number(v)) ? fallback : Number(v));
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
        <select value={values.optimizer} onChange={(e) => set({ optimizer: e.target.value as FitJob['optimizer'] })}>
          <option value="sgd">SGD</option>
          <option value="momentum">SGD + momentum</option>
          <option value="adam">Adam</option>
        </select>
      </label>
      <label>
        <span>Learning rate</span>
        <input type="number" min={0} step="any" value={values.lr} onChange={(e) => set({ lr: num(e.target.value, values.lr) })} />
      </label>
      <label>
        <span>Epochs</span>
        <input type="number" min={1} max={10000} value={values.epochs} onChange={(e) => set({ epochs: Math.max(1, Math.round(num(e.target.value, values.epochs))) })} />
      </label>
      <label>
        <span>Batch size (0 = full batch)</span>
        <input type="number" min={0} value={values.batchSize} onChange={(e) => set({ batchSize: Math.max(0, Math.round(num(e.target.value, values.batchSize))) })} />
      </label>
      <label>
        <span>Seed</span>
        <input type="number" min={0} value={values.seed} onChange={(e) => set({ seed: Math.max(0, Math.round(num(e.target.value, values.seed))) })} />
      </label>
    </fieldset>
  );
}
