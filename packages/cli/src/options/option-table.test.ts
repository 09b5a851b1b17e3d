import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { optionKey, resolveOptions, type OptionDef } from './option-table.js';
import { parseInteger, parseNumber } from './parse-values.js';

const defs: OptionDef[] = [
  { flags: '--lr <rate>', description: 'rate', parse: (r) => parseNumber(r), defaultValue: 0.1 },
  { flags: '--batch-size <n>', description: 'batch', parse: (r) => parseInteger(r), defaultValue: 32 },
  { flags: '--json', description: 'json' },
  { flags: '--config <file>', description: 'config', cliOnly: true },
];

describe('option resolution: flags > config > defaults', () => {
  it('derives camelCase keys from flags', () => {
    expect(optionKey(defs[1]!)).toBe('batchSize');
    expect(optionKey({ flags: '-q, --quiet', description: '' })).toBe('quiet');
  });

  it('takes defaults, then config values, then flags', () => {
    expect(resolveOptions('train', defs, {}, undefined)).toEqual({ lr: 0.1, batchSize: 32 });
    expect(resolveOptions('train', defs, {}, { 'batch-size': 0, lr: '0.5', json: true })).toEqual({ lr: 0.5, batchSize: 0, json: true });
    expect(resolveOptions('train', defs, { lr: 0.01 }, { lr: 0.5, batchSize: 8 })).toEqual({ lr: 0.01, batchSize: 8 });
  });

  it('refuses unknown keys and bad values in a config file, naming the key', () => {
    expect(() => resolveOptions('train', defs, {}, { learningRate: 1 }, 'run.json')).toThrow(UsageError);
    expect(() => resolveOptions('train', defs, {}, { learningRate: 1 }, 'run.json')).toThrow(/run.json: unknown key 'learningRate'/);
    expect(() => resolveOptions('train', defs, {}, { lr: 'fast' }, 'run.json')).toThrow(/run.json: 'lr': expected a number/);
    expect(() => resolveOptions('train', defs, {}, { json: 'yes' }, 'run.json')).toThrow(/'json' must be true or false/);
    expect(() => resolveOptions('train', defs, {}, { config: 'x' }, 'run.json')).toThrow(/unknown key 'config'/);
  });
});
