import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { parseChoice, parseFraction, parseInteger, parseLayers, parseNumber, parseSchedule } from './parse-values.js';

describe('option value parsers', () => {
  it('parse numbers and refuse junk with a message that says what was expected', () => {
    expect(parseNumber('0.1')).toBe(0.1);
    expect(parseNumber(3)).toBe(3);
    expect(() => parseNumber('abc')).toThrow(/expected a number, got 'abc'/);
    expect(() => parseNumber('')).toThrow(InvalidArgumentError);
    expect(() => parseNumber('-1', { min: 0, minExclusive: true })).toThrow(/must be > 0/);
  });

  it('parse whole numbers', () => {
    expect(parseInteger('1000', 1)).toBe(1000);
    expect(parseInteger('0')).toBe(0);
    expect(() => parseInteger('1.5')).toThrow(/whole number/);
    expect(() => parseInteger('0', 1)).toThrow(/≥ 1/);
  });

  it('parse fractions in [0, 1)', () => {
    expect(parseFraction('0.3')).toBe(0.3);
    expect(() => parseFraction('1')).toThrow(/\[0, 1\)/);
    expect(() => parseFraction('-0.1')).toThrow(/≥ 0/);
  });

  it('parse choices', () => {
    expect(parseChoice('adam', ['sgd', 'adam'])).toBe('adam');
    expect(() => parseChoice('rmsprop', ['sgd', 'adam'])).toThrow(/one of sgd, adam; got 'rmsprop'/);
  });

  it('parse hidden layer lists', () => {
    expect(parseLayers('8')).toEqual([8]);
    expect(parseLayers('256, 128')).toEqual([256, 128]);
    expect(() => parseLayers('')).toThrow('expected hidden layer sizes like 8 or 256,128; got an empty value.');
    expect(() => parseLayers('  ')).toThrow(/got an empty value/);
    expect(parseLayers([4, 2])).toEqual([4, 2]);
    expect(() => parseLayers('8,x')).toThrow(/'x' is not a positive whole number/);
    expect(() => parseLayers('0')).toThrow(InvalidArgumentError);
  });

  it('parse learning-rate schedules', () => {
    expect(parseSchedule('constant')).toEqual({ type: 'constant' });
    expect(parseSchedule('step:100:0.5')).toEqual({ type: 'step', stepSize: 100, gamma: 0.5 });
    expect(parseSchedule('exponential:0.99')).toEqual({ type: 'exponential', gamma: 0.99 });
    expect(parseSchedule('cosine')).toEqual({ type: 'cosine' });
    expect(parseSchedule('cosine:0.001')).toEqual({ type: 'cosine', minLr: 0.001 });
    expect(() => parseSchedule('step:100')).toThrow(/step:<every>:<gamma>/);
    expect(() => parseSchedule('step:0:0.5')).toThrow(/schedule 'step': stepSize must be a positive integer, got 0/);
    expect(() => parseSchedule('linear')).toThrow(/expected constant/);
  });
});

describe('integers past 2^53', () => {
  it('are refused as too large, not rounded', () => {
    expect(() => parseInteger('99999999999999999999', 1)).toThrow("'99999999999999999999' is too large (over 9007199254740991).");
    expect(() => parseLayers('8,99999999999999999999')).toThrow("layer size '99999999999999999999' is too large.");
  });
});
