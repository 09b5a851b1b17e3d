/**
 * The size limits of the files the command line reads: core's default for each kind of file, or,
 * for every kind at once, the MiB given in BACKPROP_MAX_INPUT_MB (to read a larger model or data
 * file than the defaults allow, or to lower the limits on a small machine).
 */
import { INPUT_FILE_LIMITS } from '@backprop/core/node';
import { CliError } from '../errors.js';

/**
 * The kinds of input file, each with its default limit in bytes: core's, and for predict's
 * --input (rows to predict, or one image) 64 MiB — training data go through train --data.
 */
const DEFAULT_LIMITS = { ...INPUT_FILE_LIMITS, predict: 64 * 2 ** 20 } as const;
export type InputKind = keyof typeof DEFAULT_LIMITS;

/** The override in bytes from BACKPROP_MAX_INPUT_MB, or undefined when it is not set. */
export function inputLimitOverride(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env['BACKPROP_MAX_INPUT_MB'];
  if (raw === undefined || raw === '') return undefined;
  const mib = /^\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : Number.NaN;
  if (!(mib > 0) || !Number.isFinite(mib)) throw new CliError(`BACKPROP_MAX_INPUT_MB must be a positive number of MiB, got '${raw}'.`);
  return Math.floor(mib * 2 ** 20);
}

/** The largest file of this kind the command line reads, in bytes. */
export function inputLimit(kind: InputKind, env: NodeJS.ProcessEnv = process.env): number {
  return inputLimitOverride(env) ?? DEFAULT_LIMITS[kind];
}
