import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, LEARNING_RATES, REG_RATES, needsReset, paramsToState, stateToParams, type PlaygroundState } from './state.js';

describe('playground URL state', () => {
  it('round-trips every field through the URL', () => {
    const s: PlaygroundState = {
      ...DEFAULT_STATE,
      problem: 'regression',
      dataset: 'spiral',
      regDataset: 'reg-gauss',
      noise: 25,
      trainPct: 70,
      batchSize: 3,
      seed: 12345,
      features: ['x1', 'x2', 'sinx1', 'x1x2'],
      hidden: [8, 8, 3],
      lr: 0.3,
      activation: 'relu',
      regularization: 'l2',
      regRate: 0.003,
      showTest: true,
      discretize: true,
    };
    const url = stateToParams(s).toString();
    const back = paramsToState(new URLSearchParams(url));
    expect(back.warnings).toEqual([]);
    // Features come back in canonical order.
    expect(back.state).toEqual({ ...s, features: ['x1', 'x2', 'x1x2', 'sinx1'] });
  });

  it('accepts an empty hidden list (no hidden layer)', () => {
    expect(paramsToState(new URLSearchParams('hidden=')).state.hidden).toEqual([]);
  });

  it('falls back to defaults for bad values and says which', () => {
    const { state, warnings } = paramsToState(new URLSearchParams('dataset=moons&noise=99&hidden=4,0&features=x9&lr=abc'));
    expect(state.dataset).toBe(DEFAULT_STATE.dataset);
    expect(state.noise).toBe(DEFAULT_STATE.noise);
    expect(state.hidden).toEqual(DEFAULT_STATE.hidden);
    expect(state.features).toEqual(DEFAULT_STATE.features);
    expect(state.lr).toBe(DEFAULT_STATE.lr);
    expect(warnings.map((w) => w.split(':')[0])).toEqual(['features', 'hidden', 'dataset', 'noise', 'lr']);
  });

  it('refuses a learning or regularisation rate that none of the menus offers', () => {
    // The controls are menus of fixed values: a rate outside them would train with a value
    // the page cannot show (the menu showed its first entry, 0.00001, while training used 0.05).
    const { state, warnings } = paramsToState(new URLSearchParams('lr=0.05&regRate=0.2'));
    expect(state.lr).toBe(DEFAULT_STATE.lr);
    expect(state.regRate).toBe(DEFAULT_STATE.regRate);
    expect(warnings).toEqual([`lr: '0.05' is not one of ${LEARNING_RATES.join(', ')}`, `regRate: '0.2' is not one of ${REG_RATES.join(', ')}`]);
    expect(paramsToState(new URLSearchParams('lr=0.3&regRate=0.003')).state).toMatchObject({ lr: 0.3, regRate: 0.003 });
  });

  it('resets the network only for changes that alter data or architecture', () => {
    expect(needsReset(DEFAULT_STATE, { ...DEFAULT_STATE, lr: 0.1 })).toBe(false);
    expect(needsReset(DEFAULT_STATE, { ...DEFAULT_STATE, batchSize: 20, regRate: 0.1 })).toBe(false);
    expect(needsReset(DEFAULT_STATE, { ...DEFAULT_STATE, hidden: [4, 3] })).toBe(true);
    expect(needsReset(DEFAULT_STATE, { ...DEFAULT_STATE, seed: 2 })).toBe(true);
    // The regression set only matters when the problem is regression.
    expect(needsReset(DEFAULT_STATE, { ...DEFAULT_STATE, regDataset: 'reg-gauss' })).toBe(false);
  });
});
