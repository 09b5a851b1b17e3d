/**
 * The explainer's walk-through: one training step cut into stages in the order backprop runs
 * them. Layers are numbered 1…L as in the tutorial (L the output layer).
 */
export type ExplainStage =
  | { readonly kind: 'forward'; readonly layer: number }
  | { readonly kind: 'output-error'; readonly layer: number }
  | { readonly kind: 'delta'; readonly layer: number }
  | { readonly kind: 'gradients' }
  | { readonly kind: 'update' };

/** Every stage of a step through a network of `layers` dense layers, in order. */
export function explainStages(layers: number): ExplainStage[] {
  const stages: ExplainStage[] = [];
  for (let l = 1; l <= layers; l++) stages.push({ kind: 'forward', layer: l });
  stages.push({ kind: 'output-error', layer: layers });
  // Backward: from the last hidden layer down to the first.
  for (let l = layers - 1; l >= 1; l--) stages.push({ kind: 'delta', layer: l });
  stages.push({ kind: 'gradients' }, { kind: 'update' });
  return stages;
}

/** What a stage is about, in the words of the stage indicator. */
export function stageTitle(stage: ExplainStage): string {
  switch (stage.kind) {
    case 'forward':
      return `forward pass, layer ${stage.layer}`;
    case 'output-error':
      return 'output error';
    case 'delta':
      return `deltas of layer ${stage.layer}`;
    case 'gradients':
      return 'gradients';
    case 'update':
      return 'update';
  }
}

/** "Stage 3 of 7: deltas of layer 2". */
export function stageIndicator(index: number, stages: readonly ExplainStage[]): string {
  const stage = stages[index];
  return stage ? `Stage ${index + 1} of ${stages.length}: ${stageTitle(stage)}` : '';
}
