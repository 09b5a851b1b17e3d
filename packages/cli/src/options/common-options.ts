/** Options most commands share. */
import { parseChoice, parseInteger } from './parse-values.js';
import type { OptionDef } from './option-table.js';

export const BACKEND_CHOICES = ['auto', 'ts', 'native', 'wasm'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

export const backendOption: OptionDef = {
  flags: '--backend <name>',
  description: `compute backend: ${BACKEND_CHOICES.join(', ')} (auto = native when it loads, else wasm, else ts)`,
  parse: (raw) => parseChoice(raw, BACKEND_CHOICES),
  defaultValue: 'auto',
};

export const seedOption: OptionDef = {
  flags: '--seed <n>',
  description: 'seed for every random choice (init, split, shuffle): same seed, same result',
  // Seeds are 32-bit words (core refuses others).
  parse: (raw) => parseInteger(raw, 0, 0xffffffff),
  defaultValue: 42,
};

export const jsonOption: OptionDef = {
  flags: '--json',
  description: 'print one JSON summary as the last line of output',
  cliOnly: true,
};

export const quietOption: OptionDef = {
  flags: '-q, --quiet',
  description: 'print no progress or tables (with --json: only the JSON line)',
  cliOnly: true,
};

export const verboseOption: OptionDef = {
  flags: '--verbose',
  description: 'print stack traces on errors',
  cliOnly: true,
};

export const outputOptions: readonly OptionDef[] = [jsonOption, quietOption, verboseOption];
