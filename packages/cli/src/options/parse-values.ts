/**
 * Parsers for option values. Each throws commander's InvalidArgumentError with a message
 * that says what is expected, so a bad value becomes a usage error (exit 2). They are used
 * both for flags and for the same keys read from a --config file.
 */
import { parseSchedule as parseCoreSchedule, type LrSchedule } from '@backprop/core';
import { InvalidArgumentError } from 'commander';

/** A finite number, optionally bounded. */
export function parseNumber(raw: string | number, opts: { min?: number; max?: number; minExclusive?: boolean } = {}): number {
  const text = String(raw).trim();
  const value = text === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(value)) throw new InvalidArgumentError(`expected a number, got '${raw}'.`);
  if (opts.min !== undefined && (opts.minExclusive ? value <= opts.min : value < opts.min)) {
    throw new InvalidArgumentError(`must be ${opts.minExclusive ? '>' : '≥'} ${opts.min}, got ${value}.`);
  }
  if (opts.max !== undefined && value > opts.max) throw new InvalidArgumentError(`must be ≤ ${opts.max}, got ${value}.`);
  return value;
}

/** A whole number ≥ min. */
export function parseInteger(raw: string | number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const text = String(raw).trim();
  if (!/^[+-]?\d+$/.test(text)) throw new InvalidArgumentError(`expected a whole number, got '${raw}'.`);
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new InvalidArgumentError(`'${String(raw).trim()}' is too large (over ${Number.MAX_SAFE_INTEGER}).`);
  if (value < min) throw new InvalidArgumentError(`must be ≥ ${min}, got ${value}.`);
  if (value > max) throw new InvalidArgumentError(`must be ≤ ${max}, got ${value}.`);
  return value;
}

/** A fraction in [0, 1) (test/validation splits, dropout rates). */
export function parseFraction(raw: string | number): number {
  const value = parseNumber(raw, { min: 0 });
  if (value >= 1) throw new InvalidArgumentError(`must be a fraction in [0, 1), got ${value}.`);
  return value;
}

/** One of a fixed set of names. */
export function parseChoice<T extends string>(raw: string | number, choices: readonly T[]): T {
  const text = String(raw).trim();
  if ((choices as readonly string[]).includes(text)) return text as T;
  throw new InvalidArgumentError(`expected one of ${choices.join(', ')}; got '${raw}'.`);
}

/** Hidden layer sizes, comma separated: "8" or "256,128"; an empty value is refused. */
export function parseLayers(raw: string | number | readonly number[]): number[] {
  if (Array.isArray(raw)) return raw.map((v) => parseInteger(v as number, 1));
  const text = String(raw).trim();
  // Every model kind needs a hidden layer (core refuses an empty list); an empty value is more
  // often a shell variable left unset than a request, so it is refused here by name.
  if (text === '') throw new InvalidArgumentError('expected hidden layer sizes like 8 or 256,128; got an empty value.');
  return text.split(',').map((part) => {
    const p = part.trim();
    if (!/^\d+$/.test(p) || Number(p) < 1) {
      throw new InvalidArgumentError(`expected hidden layer sizes like 8 or 256,128; '${p}' is not a positive whole number.`);
    }
    if (!Number.isSafeInteger(Number(p))) throw new InvalidArgumentError(`layer size '${p}' is too large.`);
    return Number(p);
  });
}

/** A learning-rate schedule in its text form (`step:100:0.5`), checked with core's parser and rules. */
export function parseSchedule(raw: string | number): LrSchedule {
  try {
    return parseCoreSchedule(String(raw));
  } catch (error) {
    throw new InvalidArgumentError(`${(error as Error).message}.`);
  }
}
