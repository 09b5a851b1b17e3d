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
