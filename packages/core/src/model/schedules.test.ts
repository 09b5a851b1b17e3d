import { describe, expect, it } from 'vitest';
import { checkSchedule, scheduledLr } from './schedules.js';

describe('learning-rate schedules', () => {
  it('constant, step, exponential and cosine give the documented values', () => {
    expect(scheduledLr({ type: 'constant' }, 0.1, 7, 10)).toBe(0.1);
    expect([0, 2, 3, 5, 6].map((e) => scheduledLr({ type: 'step', stepSize: 3, gamma: 0.5 }, 0.1, e, 10))).toEqual([0.1, 0.1, 0.05, 0.05, 0.025]);
    expect(scheduledLr({ type: 'exponential', gamma: 0.9 }, 1, 2, 10)).toBeCloseTo(0.81, 15);
    const cos = { type: 'cosine', minLr: 0.01 } as const;
    expect(scheduledLr(cos, 0.1, 0, 10)).toBeCloseTo(0.1, 15);
    expect(scheduledLr(cos, 0.1, 5, 10)).toBeCloseTo(0.055, 15);
    expect(scheduledLr(cos, 0.1, 10, 10)).toBeCloseTo(0.01, 15);
  });

  it('refuses unknown or malformed schedules', () => {
    expect(() => checkSchedule({ type: 'warmup' } as never)).toThrow(/unknown learning-rate schedule 'warmup'/);
    expect(() => checkSchedule({ type: 'exponential', gamma: 0 })).toThrow(/gamma must be a positive number/);
    expect(checkSchedule(undefined)).toEqual({ type: 'constant' });
  });
});
