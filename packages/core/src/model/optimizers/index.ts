/** Optimizer construction from an OptimizerConfig, with defaults and validation. */
import type { Backend } from '../../backend/backend.js';
import type { Param } from '../layers/layer.js';
import type { DType, OptimizerConfig, OptimizerName } from '../types.js';
import { Adagrad } from './adagrad.js';
import { Adam } from './adam.js';
import { Adamax } from './adamax.js';
import { L1Regularized } from './l1.js';
import type { Optimizer } from './optimizer.js';
import { Nadam } from './nadam.js';
import { Rmsprop } from './rmsprop.js';
import { Sgd } from './sgd.js';

export type { Optimizer, OptimizerSlot, OptimizerState } from './optimizer.js';

export const OPTIMIZER_NAMES: readonly OptimizerName[] = ['sgd', 'momentum', 'nesterov', 'adam', 'adamw', 'rmsprop', 'adagrad', 'adamax', 'nadam'];

/** The optimizers that take a momentum μ. */
export const MOMENTUM_OPTIMIZERS: readonly OptimizerName[] = ['sgd', 'momentum', 'nesterov', 'rmsprop'];

/** An OptimizerConfig with every default filled in. */
export interface ResolvedOptimizerConfig {
  readonly name: OptimizerName;
  readonly lr: number;
  readonly momentum: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly alpha: number;
  readonly centered: boolean;
  readonly momentumDecay: number;
  readonly lrDecay: number;
  readonly initialAccumulatorValue: number;
  readonly weightDecay: number;
  /** L1 rate λ (0: none). */
  readonly l1: number;
}

/**
 * Fill defaults and validate (PyTorch's defaults): momentum 0.9 for 'momentum'/'nesterov' (0 for
 * 'sgd' and 'rmsprop'; only those four take one), β1 0.9, β2 0.999, ε 1e-8 (1e-10 for 'adagrad'),
 * rmsprop α 0.99 and not centred, nadam momentum decay 0.004, adagrad lr decay 0 and initial
 * accumulator 0; weight decay 0, except 0.01 for 'adamw'; L1 0.
 */
export function resolveOptimizerConfig(config: OptimizerConfig): ResolvedOptimizerConfig {
  if (config === null || typeof config !== 'object') throw new TypeError('optimizer: expected an object { name, lr, ... }');
  const name = config.name;
  if (!(OPTIMIZER_NAMES as readonly string[]).includes(name)) {
    throw new Error(`unknown optimizer '${String(name)}' (expected one of ${OPTIMIZER_NAMES.join(', ')})`);
  }
  const num = (key: string, value: number | undefined, fallback: number, ok: (v: number) => boolean, range: string): number => {
    const v = value ?? fallback;
    if (typeof v !== 'number' || !Number.isFinite(v) || !ok(v)) {
      throw new RangeError(`optimizer ${name}: ${key} must be ${range}, got ${String(value)}`);
    }
    return v;
  };
  const unit = (v: number): boolean => v >= 0 && v < 1;
  if (config.momentum !== undefined && config.momentum !== 0 && !MOMENTUM_OPTIMIZERS.includes(name)) {
    throw new RangeError(`optimizer ${name}: momentum applies to ${MOMENTUM_OPTIMIZERS.join(', ')}, not ${name}`);
  }
  if (config.centered !== undefined && typeof config.centered !== 'boolean') {
    throw new TypeError(`optimizer ${name}: centered must be a boolean, got ${String(config.centered)}`);
  }
  return {
    name,
    lr: num('lr', config.lr, Number.NaN, (v) => v > 0, 'a positive number'),
    momentum: num('momentum', config.momentum, name === 'momentum' || name === 'nesterov' ? 0.9 : 0, unit, 'in [0, 1)'),
    beta1: num('beta1', config.beta1, 0.9, unit, 'in [0, 1)'),
    beta2: num('beta2', config.beta2, 0.999, unit, 'in [0, 1)'),
    eps: num('eps', config.eps, name === 'adagrad' ? 1e-10 : 1e-8, (v) => v > 0, 'a positive number'),
    alpha: num('alpha', config.alpha, 0.99, unit, 'in [0, 1)'),
    centered: config.centered ?? false,
    momentumDecay: num('momentumDecay', config.momentumDecay, 0.004, (v) => v >= 0, '≥ 0'),
    lrDecay: num('lrDecay', config.lrDecay, 0, (v) => v >= 0, '≥ 0'),
    initialAccumulatorValue: num('initialAccumulatorValue', config.initialAccumulatorValue, 0, (v) => v >= 0, '≥ 0'),
    weightDecay: num('weightDecay', config.weightDecay, name === 'adamw' ? 0.01 : 0, (v) => v >= 0, '≥ 0'),
    l1: num('l1', config.l1, 0, (v) => v >= 0, '≥ 0'),
  };
}

/**
 * Build the optimizer for these parameters (state arrays in the model's dtype), with L1
 * regularisation of the kernels around it when `config.l1` > 0.
 */
export function createOptimizer(config: ResolvedOptimizerConfig, backend: Backend, params: readonly Param[], dtype: DType): Optimizer {
  const optimizer = createBaseOptimizer(config, backend, params, dtype);
  return config.l1 > 0 ? new L1Regularized(optimizer, backend, config.l1) : optimizer;
}

function createBaseOptimizer(config: ResolvedOptimizerConfig, backend: Backend, params: readonly Param[], dtype: DType): Optimizer {
  switch (config.name) {
    case 'sgd':
    case 'momentum':
    case 'nesterov':
      return new Sgd(config.name, backend, params, dtype, config.momentum, config.name === 'nesterov', config.weightDecay);
    case 'adam':
    case 'adamw':
      return new Adam(
        config.name,
        backend,
        params,
        dtype,
        config.beta1,
        config.beta2,
        config.eps,
        config.weightDecay,
        config.name === 'adamw',
      );
    case 'rmsprop':
      return new Rmsprop(backend, params, dtype, config.alpha, config.eps, config.weightDecay, config.momentum, config.centered);
    case 'adagrad':
      return new Adagrad(backend, params, dtype, config.lrDecay, config.eps, config.weightDecay, config.initialAccumulatorValue);
    case 'adamax':
      return new Adamax(backend, params, dtype, config.beta1, config.beta2, config.eps, config.weightDecay);
    case 'nadam':
      return new Nadam(backend, params, dtype, config.beta1, config.beta2, config.eps, config.weightDecay, config.momentumDecay);
  }
}
