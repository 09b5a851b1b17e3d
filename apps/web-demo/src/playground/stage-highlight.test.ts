import { describe, expect, it } from 'vitest';
import { explainStages } from '../explain/stages.js';
import { stageHighlight } from './stage-highlight.js';

describe('the network highlight for each explainer stage', () => {
  it('follows the values forward, then the deltas back over the next layer\'s links', () => {
    const picks = explainStages(3).map((s) => {
      const h = stageHighlight(s, 3);
      return h && [h.units, h.links, h.direction];
    });
    expect(picks).toEqual([
      [0, 0, 'forward'],
      [1, 1, 'forward'],
      [2, 2, 'forward'],
      [2, null, 'backward'],
      [1, 2, 'backward'],
      [0, 1, 'backward'],
      [null, 'all', 'backward'],
      [null, 'all', 'forward'],
    ]);
    expect(stageHighlight(null, 3)).toBeNull();
  });
});
