/**
 * What the network drawing highlights for the explainer's current stage: the units whose
 * values or deltas the stage shows, and the links that carry them (forward into those units,
 * or backward from the next layer's deltas).
 */
import type { ExplainStage } from '../explain/stages.js';

export interface NetHighlight {
  /** 0-based dense layer whose units are highlighted (the hidden layers, then the output), or null. */
  readonly units: number | null;
  /** 0-based dense layer whose kernel's links are highlighted, every layer's, or none. */
  readonly links: number | 'all' | null;
  /** Which way the highlighted links carry the stage's numbers. */
  readonly direction: 'forward' | 'backward';
  /** Said under the drawing. */
  readonly caption: string;
}

export function stageHighlight(stage: ExplainStage | null, layers: number): NetHighlight | null {
  if (!stage) return null;
  const name = (l: number): string => (l === layers ? 'the output' : `layer ${l}`);
  switch (stage.kind) {
    case 'forward':
      return { units: stage.layer - 1, links: stage.layer - 1, direction: 'forward', caption: `Highlighted: ${name(stage.layer)}'s values, computed through its incoming links.` };
    case 'output-error':
      return { units: stage.layer - 1, links: null, direction: 'backward', caption: 'Highlighted: the output, where the error starts.' };
    case 'delta':
      // δˡ comes back over the links of layer l + 1 (its kernel, 0-based index l).
      return { units: stage.layer - 1, links: stage.layer, direction: 'backward', caption: `Highlighted: layer ${stage.layer}'s deltas, carried back over the links from ${name(stage.layer + 1)}.` };
    case 'gradients':
      return { units: null, links: 'all', direction: 'backward', caption: 'Highlighted: every link, each with its own gradient.' };
    case 'update':
      return { units: null, links: 'all', direction: 'forward', caption: 'Highlighted: every link, each updated.' };
  }
}
