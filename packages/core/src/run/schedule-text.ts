/**
 * The short text form of a learning-rate schedule, as flags and config files write it:
 * `constant`, `step:<every>:<gamma>`, `exponential:<gamma>`, `cosine` or `cosine:<minLr>`.
 */
import { checkSchedule } from '../model/schedules.js';
import type { LrSchedule } from '../model/types.js';

const FORMS = 'constant, step:<every>:<gamma>, exponential:<gamma> or cosine[:<minLr>]';

/**
 * The schedule a text names, checked (see checkSchedule).
 * @throws RangeError naming the accepted forms, or the value out of range
 */
export function parseSchedule(text: string): LrSchedule {
  return checkSchedule(parseForm(text));
}

function parseForm(text: string): LrSchedule {
  const [kind, ...args] = text.trim().split(':');
  const bad = (): never => {
    throw new RangeError(`expected ${FORMS}; got '${text}'`);
  };
  const num = (s: string | undefined): number => {
    if (s === undefined || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s.trim())) return bad();
    return Number(s);
  };
  switch (kind) {
    case 'constant':
      return args.length ? bad() : { type: 'constant' };
    case 'step':
      return args.length === 2 ? { type: 'step', stepSize: num(args[0]), gamma: num(args[1]) } : bad();
    case 'exponential':
      return args.length === 1 ? { type: 'exponential', gamma: num(args[0]) } : bad();
    case 'cosine':
      if (args.length > 1) return bad();
      return args.length ? { type: 'cosine', minLr: num(args[0]) } : { type: 'cosine' };
    default:
      return bad();
  }
}
