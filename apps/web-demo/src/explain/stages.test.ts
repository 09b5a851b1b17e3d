import { describe, expect, it } from 'vitest';
import { explainStages, stageIndicator } from './stages.js';

describe('explainer stages', () => {
  it('walks forward layer by layer, then the output error, the deltas backward, the gradients and the update', () => {
    const stages = explainStages(3);
    expect(stages.map((_, i) => stageIndicator(i, stages))).toEqual([
      'Stage 1 of 8: forward pass, layer 1',
      'Stage 2 of 8: forward pass, layer 2',
      'Stage 3 of 8: forward pass, layer 3',
      'Stage 4 of 8: output error',
      'Stage 5 of 8: deltas of layer 2',
      'Stage 6 of 8: deltas of layer 1',
      'Stage 7 of 8: gradients',
      'Stage 8 of 8: update',
    ]);
  });

  it('has no backward delta stage without a hidden layer', () => {
    expect(explainStages(1).map((s) => s.kind)).toEqual(['forward', 'output-error', 'gradients', 'update']);
  });
});
