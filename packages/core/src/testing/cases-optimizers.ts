/**
 * Conformance cases for the fused optimizer steps (SGD with momentum / Nesterov / weight
 * decay, Adam and AdamW), run for several consecutive steps so that state carried in the
 * velocity and moment arrays is checked too, and the one error the interface promises; then
 * RMSprop (plain, centred, with momentum), Adagrad, Adamax and NAdam the same way.
 */
import type { FloatArray } from '../backend/backend.js';
import { assertClose } from './compare.js';
import { refAdagradStep, refAdamaxStep, refAdamStep, refNadamMu, refNadamStep, refRmspropStep, refSgdStep } from './reference.js';
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

  registerNewOptimizerCases(ctx);
}

/** |x| element-wise, for error scales. */
const abs = (x: ArrayLike<number>, i: number): number => Math.abs(x[i]!);

function registerNewOptimizerCases(ctx: SuiteContext): void {
  ctx.api.describe('rmspropStep', () => {
    const configs = [
      { centered: false, momentum: 0, weightDecay: 0 },
      { centered: true, momentum: 0, weightDecay: 0.01 },
      { centered: false, momentum: 0.9, weightDecay: 0.01 },
      { centered: true, momentum: 0.5, weightDecay: 0 },
    ];
    for (const cfg of configs) {
      const label = `${cfg.centered ? 'centered' : 'plain'}, momentum ${cfg.momentum}, weight decay ${cfg.weightDecay}`;
      ctx.test(label, ({ backend, arena, tol }) => {
        const [lr, alpha, eps] = [0.01, 0.99, 1e-8];
        for (const n of OPT_SIZES) {
          const w = arena.uniformOutput(`weights (n ${n})`, n);
          const s = arena.uniformOutput(`squareAvg (n ${n})`, n, 0.5, 1);
          // |ḡ| < √s keeps s − ḡ² well away from 0 (and its square root well conditioned).
          const a = cfg.centered ? arena.uniformOutput(`gradAvg (n ${n})`, n, -0.3, 0.3) : null;
          const b = cfg.momentum > 0 ? arena.uniformOutput(`momentumBuffer (n ${n})`, n, -0.5, 0.5) : null;
          for (let step = 1; step <= 3; step++) {
            const g = arena.uniform(`grads (n ${n}, step ${step})`, n, -1, 1);
            const ref = refRmspropStep(n, w, g, s, a, b, lr, alpha, eps, cfg.weightDecay, cfg.momentum, cfg.centered);
            const scale = (i: number): number => abs(w, i) + lr * ((abs(g, i) + 1) * 10 + (ref.momentumBuffer ? abs(ref.momentumBuffer, i) : 0));
            backend.rmspropStep(n, w, g, s, a, b, lr, alpha, eps, cfg.weightDecay, cfg.momentum, cfg.centered);
            const what = `n ${n}, step ${step} (${label})`;
            assertClose(`rmspropStep weights, ${what}`, w, ref.weights, tol.optimizer, scale);
            assertClose(`rmspropStep squareAvg, ${what}`, s, ref.squareAvg, tol.optimizer);
            load(w, ref.weights);
            load(s, ref.squareAvg);
            if (a && ref.gradAvg) {
              assertClose(`rmspropStep gradAvg, ${what}`, a, ref.gradAvg, tol.optimizer, (i) => abs(a, i) + abs(g, i) + 1);
              load(a, ref.gradAvg);
            }
            if (b && ref.momentumBuffer) {
              assertClose(`rmspropStep momentumBuffer, ${what}`, b, ref.momentumBuffer, tol.optimizer, (i) => abs(b, i) + 10 * (abs(g, i) + 1));
              load(b, ref.momentumBuffer);
            }
          }
        }
      });
    }
  });

  ctx.api.describe('adagradStep', () => {
    for (const cfg of [
      { lrDecay: 0, weightDecay: 0, firstStep: 1 },
      { lrDecay: 0.01, weightDecay: 0.01, firstStep: 10 },
    ]) {
      const label = `lr decay ${cfg.lrDecay}, weight decay ${cfg.weightDecay}, steps ${cfg.firstStep}..${cfg.firstStep + 2}`;
      ctx.test(label, ({ backend, arena, tol }) => {
        const [lr, eps] = [0.01, 1e-10];
        for (const n of OPT_SIZES) {
          const w = arena.uniformOutput(`weights (n ${n})`, n);
          const sum = cfg.firstStep === 1 ? arena.output(`sum (n ${n})`, n, () => 0) : arena.uniformOutput(`sum (n ${n})`, n, 0.1, 2);
          for (let step = cfg.firstStep; step < cfg.firstStep + 3; step++) {
            const g = arena.uniform(`grads (n ${n}, step ${step})`, n, -1, 1);
            const ref = refAdagradStep(n, w, g, sum, lr, cfg.lrDecay, eps, cfg.weightDecay, step);
            backend.adagradStep(n, w, g, sum, lr, cfg.lrDecay, eps, cfg.weightDecay, step);
            const what = `n ${n}, step ${step} (${label})`;
            assertClose(`adagradStep weights, ${what}`, w, ref.weights, tol.optimizer, (i) => abs(ref.weights, i) + lr);
            assertClose(`adagradStep sum, ${what}`, sum, ref.sum, tol.optimizer);
            load(w, ref.weights);
            load(sum, ref.sum);
          }
        }
      });
    }
  });

  ctx.api.describe('adamaxStep', () => {
    for (const cfg of [
      { weightDecay: 0, firstStep: 1 },
      { weightDecay: 0.01, firstStep: 10 },
    ]) {
      const label = `weight decay ${cfg.weightDecay}, steps ${cfg.firstStep}..${cfg.firstStep + 2}`;
      ctx.test(label, ({ backend, arena, tol }) => {
        const [lr, beta1, beta2, eps] = [0.002, 0.9, 0.999, 1e-8];
        for (const n of OPT_SIZES) {
          const w = arena.uniformOutput(`weights (n ${n})`, n);
          const fresh = cfg.firstStep === 1;
          const m = fresh ? arena.output(`m (n ${n})`, n, () => 0) : arena.uniformOutput(`m (n ${n})`, n, -0.1, 0.1);
          const u = fresh ? arena.output(`u (n ${n})`, n, () => 0) : arena.uniformOutput(`u (n ${n})`, n, 0.1, 1);
          for (let step = cfg.firstStep; step < cfg.firstStep + 3; step++) {
            const g = arena.uniform(`grads (n ${n}, step ${step})`, n, -1, 1);
            const ref = refAdamaxStep(n, w, g, m, u, lr, beta1, beta2, eps, cfg.weightDecay, step);
            backend.adamaxStep(n, w, g, m, u, lr, beta1, beta2, eps, cfg.weightDecay, step);
            const what = `n ${n}, step ${step} (${label})`;
            const clr = lr / (1 - beta1 ** step);
            assertClose(`adamaxStep weights, ${what}`, w, ref.weights, tol.optimizer, (i) => abs(ref.weights, i) + clr);
            assertClose(`adamaxStep m, ${what}`, m, ref.m, tol.optimizer, (i) => abs(m, i) + abs(g, i) + 0.01);
            assertClose(`adamaxStep u, ${what}`, u, ref.u, tol.optimizer);
            load(w, ref.weights);
            load(m, ref.m);
            load(u, ref.u);
          }
        }
      });
    }
  });

  ctx.api.describe('nadamStep', () => {
    for (const cfg of [
      { weightDecay: 0, firstStep: 1 },
      { weightDecay: 0.01, firstStep: 10 },
    ]) {
      const label = `weight decay ${cfg.weightDecay}, steps ${cfg.firstStep}..${cfg.firstStep + 2}`;
      ctx.test(label, ({ backend, arena, tol }) => {
        const [lr, beta1, beta2, eps, psi] = [0.002, 0.9, 0.999, 1e-8, 0.004];
        for (const n of OPT_SIZES) {
          const w = arena.uniformOutput(`weights (n ${n})`, n);
          const fresh = cfg.firstStep === 1;
          const m = fresh ? arena.output(`m (n ${n})`, n, () => 0) : arena.uniformOutput(`m (n ${n})`, n, -0.1, 0.1);
          const v = fresh ? arena.output(`v (n ${n})`, n, () => 0) : arena.uniformOutput(`v (n ${n})`, n, 0.001, 0.1);
          let muProduct = 1;
          for (let t = 1; t < cfg.firstStep; t++) muProduct *= refNadamMu(beta1, psi, t);
          for (let step = cfg.firstStep; step < cfg.firstStep + 3; step++) {
            muProduct *= refNadamMu(beta1, psi, step);
            const g = arena.uniform(`grads (n ${n}, step ${step})`, n, -1, 1);
            const ref = refNadamStep(n, w, g, m, v, lr, beta1, beta2, eps, cfg.weightDecay, psi, muProduct, step);
            backend.nadamStep(n, w, g, m, v, lr, beta1, beta2, eps, cfg.weightDecay, psi, muProduct, step);
            const what = `n ${n}, step ${step} (${label})`;
            // The update is at most about lr·(|g| + |m|)/(√v̂ + ε) times the coefficients, each ≤ ~10.
            const scale = (i: number): number => {
              const d = Math.sqrt(ref.v[i]! / (1 - beta2 ** step)) + eps;
              return abs(ref.weights, i) + (10 * lr * (abs(g, i) + abs(ref.m, i) + 1e-3)) / d;
            };
            assertClose(`nadamStep weights, ${what}`, w, ref.weights, tol.optimizer, scale);
            assertClose(`nadamStep m, ${what}`, m, ref.m, tol.optimizer, (i) => abs(m, i) + abs(g, i) + 0.01);
            assertClose(`nadamStep v, ${what}`, v, ref.v, tol.optimizer);
            load(w, ref.weights);
            load(m, ref.m);
            load(v, ref.v);
          }
        }
      });
    }
  });
}
