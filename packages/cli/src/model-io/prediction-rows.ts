/**
 * A model's outputs as `backprop predict --json` reports them: for a classifier with stored class
 * names, the best class, its index and every class's probability; otherwise the output values.
 * `backprop serve` answers with the same objects.
 */
import type { LoadedModelFile } from './model-file.js';

/** One row's prediction. */
export type Prediction =
  | { readonly class: string; readonly index: number; readonly probabilities: Record<string, number> }
  | { readonly values: number[] };

/**
 * Each row's class probabilities, when the model is a classifier with stored class names: one
 * output per class (softmax), or one sigmoid output for two classes, p(class 1) (binary
 * cross-entropy; class 0 has 1 − p). Undefined for other models (regression).
 */
export function classProbabilities(opened: LoadedModelFile, y: Float32Array, r: number): number[] | undefined {
  const cols = opened.model.outputSize;
  const classNames = opened.metadata.classNames;
  if (!classNames) return undefined;
  if (classNames.length === cols) return Array.from(y.subarray(r * cols, (r + 1) * cols));
  if (classNames.length === 2 && cols === 1) return [1 - y[r]!, y[r]!];
  return undefined;
}

/** Row r of the outputs y, as a prediction; `order` lists the classes from the most likely (empty for values). */
export function predictionOf(opened: LoadedModelFile, y: Float32Array, r: number): { prediction: Prediction; order: [number, number][] } {
  const probabilities = classProbabilities(opened, y, r);
  const classNames = opened.metadata.classNames ?? [];
  if (!probabilities) {
    const cols = opened.model.outputSize;
    return { prediction: { values: Array.from(y.subarray(r * cols, (r + 1) * cols)) }, order: [] };
  }
  const order = probabilities.map((p, i): [number, number] => [p, i]).sort((a, b) => b[0] - a[0]);
  const best = order[0]![1];
  return {
    prediction: { class: classNames[best]!, index: best, probabilities: Object.fromEntries(classNames.map((name, i) => [name, probabilities[i]!])) },
    order,
  };
}
