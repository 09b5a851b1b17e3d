/**
 * Learning-rate schedules, evaluated per epoch (e is the 0-based epoch, E the total epochs):
 *   constant     lr
 *   step         lr · γ^⌊e / stepSize⌋
 *   exponential  lr · γ^e
 *   cosine       minLr + (lr − minLr) · (1 + cos(π·e/E)) / 2     (Loshchilov & Hutter 2017, no restarts)
 */
import type { LrSchedule } from './types.js';

/** Throws a clear error for an unknown or ill-formed schedule. */
export function checkSchedule(schedule: LrSchedule | undefined): LrSchedule {
  const s = schedule ?? { type: 'constant' };
  const bad = (why: string): never => {
    throw new RangeError(`learning-rate schedule '${String(s.type)}': ${why}`);
  };
  switch (s.type) {
    case 'constant':
      return s;
    case 'step':
      if (!Number.isInteger(s.stepSize) || s.stepSize < 1) bad(`stepSize must be a positive integer, got ${String(s.stepSize)}`);
      if (!(s.gamma > 0 && Number.isFinite(s.gamma))) bad(`gamma must be a positive number, got ${String(s.gamma)}`);
      return s;
    case 'exponential':
      if (!(s.gamma > 0 && Number.isFinite(s.gamma))) bad(`gamma must be a positive number, got ${String(s.gamma)}`);
      return s;
    case 'cosine':
      if (s.minLr !== undefined && !(s.minLr >= 0 && Number.isFinite(s.minLr))) bad(`minLr must be ≥ 0, got ${String(s.minLr)}`);
      return s;
    default:
      throw new RangeError(
        `unknown learning-rate schedule '${String((s as { type: unknown }).type)}' (expected constant, step, exponential, cosine)`,
      );
  }
}

/** The learning rate of 0-based epoch `epoch` out of `epochs`. */
export function scheduledLr(schedule: LrSchedule, baseLr: number, epoch: number, epochs: number): number {
  switch (schedule.type) {
    case 'constant':
      return baseLr;
    case 'step':
      return baseLr * Math.pow(schedule.gamma, Math.floor(epoch / schedule.stepSize));
    case 'exponential':
      return baseLr * Math.pow(schedule.gamma, epoch);
    case 'cosine': {
      const minLr = schedule.minLr ?? 0;
      return minLr + ((baseLr - minLr) * (1 + Math.cos((Math.PI * epoch) / Math.max(1, epochs)))) / 2;
    }
  }
}
