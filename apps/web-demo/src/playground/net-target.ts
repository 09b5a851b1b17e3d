/** What the pointer is on in the network view: a neuron (of a dense layer) or a link (one kernel weight). */
export type NetTarget =
  | {
      readonly kind: 'neuron';
      /** 0-based dense layer: the hidden layers, then the output. */
      readonly layer: number;
      readonly unit: number;
      readonly label: string;
    }
  | LinkTarget;

export interface LinkTarget {
  readonly kind: 'link';
  /** 0-based dense layer whose kernel holds the weight. */
  readonly layer: number;
  /** Row-major index in that kernel (inputSize × units). */
  readonly index: number;
  readonly label: string;
  /** The weight as last drawn. */
  readonly weight: number;
}

/** What a network view calls a dense layer's unit: hidden neurons by layer and number, the last layer "the output". */
export function unitName(layer: number, unit: number, layers: number): string {
  return layer === layers - 1 ? 'the output' : `layer ${layer + 1} neuron ${unit + 1}`;
}

/** Every link of the network (one per kernel weight), named by the units it joins. */
export function linkTargets(weights: readonly { inputSize: number; units: number; kernel: Float32Array }[], inputLabels: readonly string[]): LinkTarget[] {
  const out: LinkTarget[] = [];
  weights.forEach((layer, l) => {
    for (let i = 0; i < layer.inputSize; i++) {
      for (let j = 0; j < layer.units; j++) {
        const index = i * layer.units + j;
        const from = l === 0 ? (inputLabels[i] ?? `input ${i + 1}`) : unitName(l - 1, i, weights.length);
        out.push({ kind: 'link', layer: l, index, weight: layer.kernel[index] as number, label: `from ${from} to ${unitName(l, j, weights.length)}` });
      }
    }
  });
  return out;
}
