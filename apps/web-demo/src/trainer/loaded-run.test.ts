import type { JsonValue } from '@backprop/core';
import { describe, expect, it } from 'vitest';
import type { JobFormValues } from './JobForm.js';
import { formValuesOf, historyOf } from './loaded-run.js';

const form: JobFormValues = { network: 'mlp', layers: '64', activation: 'relu', optimizer: 'adam', lr: 0.002, epochs: 3, batchSize: 32, seed: 1 };

describe('formValuesOf', () => {
  it('reads the resolved config the CLI and the page save', () => {
    const metadata = { training: { config: { data: 'mnist', model: 'mlp', layers: [32, 16], activation: 'tanh', optimizer: { name: 'momentum', lr: 0.05, momentum: 0.9 }, epochs: 7, batchSize: 0, seed: 9 } } };
    expect(formValuesOf(metadata, form)).toEqual({ network: 'mlp', layers: '32, 16', activation: 'tanh', optimizer: 'momentum', lr: 0.05, epochs: 7, batchSize: 0, seed: 9 });
  });
  it('reads a CNN as its layer tokens', () => {
    const metadata = { training: { config: { model: 'cnn', layers: ['conv:8:5:p2', 'pool:2', 64], optimizer: { name: 'adam', lr: 0.001 } } } };
    expect(formValuesOf(metadata, form)).toMatchObject({ network: 'cnn', layers: 'conv:8:5:p2, pool:2, 64', lr: 0.001 });
  });
  it('keeps the form where the file says nothing or something the form cannot show', () => {
    expect(formValuesOf({ dataset: 'x' }, form)).toEqual(form);
    expect(formValuesOf({ training: { config: { activation: 'gelu', optimizer: { name: 'rmsprop' }, layers: [{ type: 'dense' }] } } }, form)).toEqual(form);
    // A form without a network choice (Iris) gets none.
    const { network: _n, ...iris } = form;
    expect(formValuesOf({ training: { config: { model: 'cnn' } } }, iris)).toEqual(iris);
  });
});

describe('historyOf', () => {
  it('reads the epochs saved, a missing test loss as NaN', () => {
    const history: JsonValue = [{ epoch: 1, loss: 0.9, testLoss: 1.1, testAccuracy: 0.5 }, { epoch: 2, loss: 0.5, testLoss: null }];
    const metadata = { training: { history } };
    expect(historyOf(metadata)).toEqual([
      { epoch: 1, loss: 0.9, testLoss: 1.1, testAccuracy: 0.5 },
      { epoch: 2, loss: 0.5, testLoss: Number.NaN },
    ]);
  });
  it('is null for a file without one (the CLI writes none) or with a malformed one', () => {
    expect(historyOf({ training: { config: {} } })).toBeNull();
    expect(historyOf({ training: { history: [] } })).toBeNull();
    expect(historyOf({ training: { history: [{ epoch: 'one', loss: 1 }] } })).toBeNull();
  });
});
