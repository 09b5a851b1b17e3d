/**
 * Conformance cases for the fused optimizer steps (SGD with momentum / Nesterov / weight
 * decay, Adam and AdamW), run for several consecutive steps so that state carried in the
 * velocity and moment arrays is checked too, and the one error the interface promises.
 */
import type { FloatArray } from '../backend/backend.js';
import { assertClose } from './compare.js';
import { refAdamStep, refSgdStep } from './reference.js';
import { assertThrows, type SuiteContext } from './suite-context.js';

const OPT_SIZES: readonly number[] = [1, 3, 17, 257];

/** Copies float64 reference values into the typed array the backend works on (state carried between steps). */
function load(dst: FloatArray, src: ArrayLike<number>): void {
  for (let i = 0; i < src.length; i++) dst[i] = src[i]!;
}

export function registerOptimizerCases(ctx: SuiteContext): void {
  ctx.api.describe('sgdStep', () => {
    const configs = [
      { momentum: 0, nesterov: false, weightDecay: 0, velocity: false },
      { momentum: 0, nesterov: false, weightDecay: 0.01, velocity: true },
      { momentum: 0.9, nesterov: false, weightDecay: 0, velocity: true },
      { momentum: 0.9, nesterov: true, weightDecay: 0.01, velocity: true },
      { momentum: 0.5, nesterov: false, weightDecay: 0.1, velocity: true },
    ];
    for (const cfg of configs) {
      const label = `momentum ${cfg.momentum}${cfg.nesterov ? ' (Nesterov)' : ''}, weight decay ${cfg.weightDecay}, velocity ${cfg.velocity ? 'given' : 'null'}`;
      ctx.test(label, ({ backend, arena, tol }) => {
        const lr = 0.1;
        for (const n of OPT_SIZES) {
          const w = arena.uniformOutput(`weights (n ${n})`, n);
          // Velocity with momentum 0 is not to be touched; with momentum it is state.
          const vel = !cfg.velocity ? null : cfg.momentum > 0 ? arena.uniformOutput(`velocity (n ${n})`, n, -0.5, 0.5) : arena.uniform(`velocity (n ${n})`, n);
          for (let step = 1; step <= 3; step++) {
            const g = arena.uniform(`grads (n ${n}, step ${step})`, n, -2, 2);
            const ref = refSgdStep(n, w, g, vel, lr, cfg.momentum, cfg.nesterov, cfg.weightDecay);
            // Error scale: |w| + lr·(|g| + wd·|w| + (1 + μ)·|v_new|).
            const scale = Array.from({ length: n }, (_, i) => {
              const v = ref.velocity ? Math.abs(ref.velocity[i]!) * (1 + cfg.momentum) : 0;
              return Math.abs(w[i]!) + lr * (Math.abs(g[i]!) + cfg.weightDecay * Math.abs(w[i]!) + v) + Math.abs(ref.weights[i]!);
            });
            const velScale = Array.from({ length: n }, (_, i) => cfg.momentum * Math.abs(vel ? vel[i]! : 0) + Math.abs(g[i]!) + cfg.weightDecay * Math.abs(w[i]!));
            backend.sgdStep(n, w, g, vel, lr, cfg.momentum, cfg.nesterov, cfg.weightDecay);
            assertClose(`sgdStep weights, n ${n}, step ${step} (${label})`, w, ref.weights, tol.optimizer, (i) => scale[i]!);
            if (vel && ref.velocity && cfg.momentum > 0) {
              assertClose(`sgdStep velocity, n ${n}, step ${step} (${label})`, vel, ref.velocity, tol.optimizer, (i) => velScale[i]!);
            }
            // Keep the next step's reference independent of this step's rounding.
            load(w, ref.weights);
            if (vel && ref.velocity && cfg.momentum > 0) load(vel, ref.velocity);
          }
        }
      });
    }
    ctx.plain('throws when momentum > 0 and velocity is null', (backend) => {
      const make = (n: number): FloatArray => (ctx.dtype === 'float32' ? new Float32Array(n) : new Float64Array(n));
      assertThrows('sgdStep(momentum 0.9, velocity null)', () => backend.sgdStep(4, make(4), make(4), null, 0.1, 0.9, false, 0), /velocity/i);
    });
  });

  ctx.api.describe('adamStep', () => {
    const configs = [
      { decoupled: false, weightDecay: 0, lr: 0.01 },
      { decoupled: false, weightDecay: 0.01, lr: 0.01 },
      { decoupled: true, weightDecay: 0.01, lr: 0.1 },
      { decoupled: true, weightDecay: 0.1, lr: 0.001 },
    ];
    for (const cfg of configs) {
      const label = `${cfg.decoupled ? 'AdamW' : 'Adam'}, weight decay ${cfg.weightDecay}, lr ${cfg.lr}`;
      for (const firstStep of [1, 10]) {
        ctx.test(`${label}, steps ${firstStep}..${firstStep + 2}`, ({ backend, arena, tol }) => {
          const [beta1, beta2, eps] = [0.9, 0.999, 1e-8];
          for (const n of OPT_SIZES) {
            const w = arena.uniformOutput(`weights (n ${n})`, n);
            const fresh = firstStep === 1;
            const m = fresh ? arena.output(`m (n ${n})`, n, () => 0) : arena.uniformOutput(`m (n ${n})`, n, -0.1, 0.1);
            const v = fresh ? arena.output(`v (n ${n})`, n, () => 0) : arena.uniformOutput(`v (n ${n})`, n, 0.001, 0.1);
            for (let step = firstStep; step < firstStep + 3; step++) {
              const g = arena.uniform(`grads (n ${n}, step ${step})`, n, -1, 1);
              const ref = refAdamStep(n, w, g, m, v, cfg.lr, beta1, beta2, eps, cfg.weightDecay, cfg.decoupled, step);
              // Error scale: |w| plus the size of the update lr·|m̂|/(√v̂ + ε) (and of the decay term).
              const scale = Array.from({ length: n }, (_, i) => {
                const mHat = Math.abs(ref.m[i]!) / (1 - beta1 ** step);
                const vHat = ref.v[i]! / (1 - beta2 ** step);
                return Math.abs(w[i]!) * (1 + cfg.lr * cfg.weightDecay) + (cfg.lr * mHat) / (Math.sqrt(vHat) + eps);
              });
              const mScale = Array.from({ length: n }, (_, i) => beta1 * Math.abs(m[i]!) + (1 - beta1) * (Math.abs(g[i]!) + cfg.weightDecay * Math.abs(w[i]!)));
              backend.adamStep(n, w, g, m, v, cfg.lr, beta1, beta2, eps, cfg.weightDecay, cfg.decoupled, step);
              const what = `n ${n}, step ${step} (${label})`;
              assertClose(`adamStep weights, ${what}`, w, ref.weights, tol.optimizer, (i) => scale[i]!);
              assertClose(`adamStep m, ${what}`, m, ref.m, tol.optimizer, (i) => mScale[i]!);
              assertClose(`adamStep v, ${what}`, v, ref.v, tol.optimizer);
              load(w, ref.weights);
              load(m, ref.m);
              load(v, ref.v);
            }
          }
        });
      }
    }
  });
}
