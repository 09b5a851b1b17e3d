import { describe, expect, it } from 'vitest';
import { ConfigError } from '../util/config-error.js';
import { checkLayerEntries, layerTokenOf, parseLayerToken, parseLayerTokens } from './layer-tokens.js';

function refusal(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).keys).toEqual(['layers']);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('layer tokens: every form', () => {
  it.each([
    ['120', { type: 'dense', units: 120 }],
    ['conv:6:5', { type: 'conv2d', filters: 6, kernelSize: 5 }],
    ['conv:6:5:p2', { type: 'conv2d', filters: 6, kernelSize: 5, padding: 2 }],
    ['conv:6:5:p0', { type: 'conv2d', filters: 6, kernelSize: 5, padding: 0 }],
    ['conv:32:3:same', { type: 'conv2d', filters: 32, kernelSize: 3, padding: 'same' }],
    ['conv:8:3:s2', { type: 'conv2d', filters: 8, kernelSize: 3, stride: 2 }],
    ['conv:8:3:s2:p1', { type: 'conv2d', filters: 8, kernelSize: 3, stride: 2, padding: 1 }],
    ['conv:8:3:p1:s2', { type: 'conv2d', filters: 8, kernelSize: 3, stride: 2, padding: 1 }],
    ['pool:2', { type: 'maxpool2d', kernelSize: 2 }],
    ['pool:3:s2', { type: 'maxpool2d', kernelSize: 3, stride: 2 }],
    ['pool:3:s2:p1', { type: 'maxpool2d', kernelSize: 3, stride: 2, padding: 1 }],
    ['avgpool:2', { type: 'avgpool2d', kernelSize: 2 }],
    ['avgpool:3:s1:p1', { type: 'avgpool2d', kernelSize: 3, stride: 1, padding: 1 }],
    ['gap', { type: 'globalavgpool2d' }],
    ['globalavgpool', { type: 'globalavgpool2d' }],
    ['bn', { type: 'batchnorm' }],
    ['ln', { type: 'layernorm' }],
    ['dropout:0.5', { type: 'dropout', rate: 0.5 }],
    ['dropout:0', { type: 'dropout', rate: 0 }],
    ['dropout:.25', { type: 'dropout', rate: 0.25 }],
    ['flatten', { type: 'flatten' }],
    [' pool:2 ', { type: 'maxpool2d', kernelSize: 2 }],
  ])('%s', (token, spec) => {
    expect(parseLayerToken(token)).toEqual(spec);
  });

  it('each spec writes back to one canonical token, which reads to the same spec', () => {
    const canonical: Record<string, string | number> = {
      '120': 120,
      '0120': 120,
      'conv:6:5:p0': 'conv:6:5',
      'conv:6:5:s1': 'conv:6:5',
      'conv:8:3:p1:s2': 'conv:8:3:s2:p1',
      'conv:32:3:same': 'conv:32:3:same',
      'pool:2:s2': 'pool:2',
      'pool:3:s2:p1': 'pool:3:s2:p1',
      'avgpool:2': 'avgpool:2',
      globalavgpool: 'gap',
      'dropout:.25': 'dropout:0.25',
      bn: 'bn',
      ln: 'ln',
      flatten: 'flatten',
    };
    for (const [token, expected] of Object.entries(canonical)) {
      const written = layerTokenOf(parseLayerToken(token));
      expect(written).toBe(expected);
      expect(layerTokenOf(parseLayerToken(String(written)))).toBe(expected);
    }
  });

  it('a --layers value: LeNet-5 as numbers and canonical tokens', () => {
    expect(parseLayerTokens('conv:6:5:p2,pool:2,conv:16:5,pool:2,120,84')).toEqual(['conv:6:5:p2', 'pool:2', 'conv:16:5', 'pool:2', 120, 84]);
    expect(parseLayerTokens('256, 128')).toEqual([256, 128]);
    expect(parseLayerTokens('conv:8:3:same,bn,pool:2,gap,dropout:0.5,flatten,10')).toEqual(['conv:8:3:same', 'bn', 'pool:2', 'gap', 'dropout:0.5', 'flatten', 10]);
  });
});

describe('layer tokens: every bad form names the token and the form expected', () => {
  it.each([
    ['x', /^layers entry 'x' is not a layer: expected one of <units> \(dense\), conv:<filters>:<kernel>/],
    ['conv', /^layers entry 'conv' is not a layer: expected conv:<filters>:<kernel>\[:s<stride>\]\[:p<padding>\|:same\], e\.g\. conv:6:5:p2$/],
    ['conv:6', /entry 'conv:6' is not a layer: expected conv:<filters>:<kernel>/],
    ['conv:6:x', /entry 'conv:6:x' is not a layer: expected conv:/],
    ['conv:0:5', /entry 'conv:0:5': 0 is out of range \(1 to 16777216\); expected conv:/],
    ['conv:6:0', /entry 'conv:6:0': 0 is out of range \(1 to 65536\)/],
    ['conv:6:5:s0', /entry 'conv:6:5:s0': 0 is out of range \(1 to 65536\)/],
    ['conv:6:5:p2:same', /entry 'conv:6:5:p2:same' is not a layer: expected conv:/],
    ['conv:6:5:same:same', /is not a layer: expected conv:/],
    ['conv:6:5:s1:s2', /is not a layer: expected conv:/],
    ['conv:6:5:q1', /is not a layer: expected conv:/],
    ['conv:6:5:', /is not a layer: expected conv:/],
    ['conv:6.5:5', /is not a layer: expected conv:/],
    ['conv:-6:5', /is not a layer: expected conv:/],
    ['pool', /entry 'pool' is not a layer: expected pool:<size>\[:s<stride>\]\[:p<padding>\], e\.g\. pool:2$/],
    ['pool:0', /entry 'pool:0': 0 is out of range/],
    ['pool:2:same', /entry 'pool:2:same' is not a layer: expected pool:<size>/],
    ['pool:2:2', /entry 'pool:2:2' is not a layer: expected pool:<size>/],
    ['avgpool:x', /entry 'avgpool:x' is not a layer: expected avgpool:<size>/],
    ['dropout', /entry 'dropout' is not a layer: expected dropout:<rate> with 0 ≤ rate < 1/],
    ['dropout:1', /expected dropout:<rate> with 0 ≤ rate < 1/],
    ['dropout:-0.1', /expected dropout:<rate>/],
    ['dropout:0.5:1', /expected dropout:<rate>/],
    ['dropout:abc', /expected dropout:<rate>/],
    ['gap:2', /entry 'gap:2' is not a layer: expected 'gap' alone \(it takes no arguments\)/],
    ['bn:1', /expected 'bn' alone/],
    ['flatten:1', /expected 'flatten' alone/],
    ['0', /entry '0': 0 is out of range \(1 to 16777216\); expected a dense layer of 1 or more units/],
    ['-8', /entry '-8' is not a layer: expected one of/],
    ['8.5', /entry '8.5' is not a layer/],
    ['99999999999999999999', /out of range/],
    ['', /entry '' is not a layer/],
    ['Conv:6:5', /entry 'Conv:6:5' is not a layer: expected one of/],
  ])('%s', (token, message) => {
    expect(refusal(() => parseLayerToken(token)).message).toMatch(message);
  });

  it('the error renders its key as the front end names it', () => {
    expect(refusal(() => parseLayerTokens('8,pool')).format((k) => `--${k}`)).toMatch(/^--layers entry 'pool' is not a layer/);
  });

  it('an empty value or an empty entry', () => {
    expect(refusal(() => parseLayerTokens('')).message).toMatch(/^layers is empty: expected a comma-separated list of <units> \(dense\), conv:/);
    expect(refusal(() => parseLayerTokens('  ')).message).toMatch(/is empty/);
    expect(refusal(() => parseLayerTokens('8,,4')).message).toMatch(/entry '' is not a layer/);
  });
});

describe('checkLayerEntries: a config value', () => {
  it('mixes numbers, tokens and layer objects; tokens come out canonical, objects as given', () => {
    const conv = { type: 'conv2d', filters: 8, kernelSize: [3, 5], dilation: 2 };
    expect(checkLayerEntries([conv, 'pool:2:s2', '64', 10])).toEqual([conv, 'pool:2', 64, 10]);
    expect(checkLayerEntries('16,8')).toEqual([16, 8]);
  });

  it('what resolves reads back to itself', () => {
    const once = checkLayerEntries(['conv:6:5:p0', { type: 'batchnorm', momentum: 0.2 }, 'globalavgpool', 10]);
    expect(checkLayerEntries(once)).toEqual(once);
  });

  it.each([
    [[], /must be a non-empty list of layers/],
    [5, /must be a non-empty list of layers/],
    [{ type: 'dense', units: 3 }, /must be a non-empty list of layers/],
    [[0], /a dense layer's units must be an integer from 1 to 16777216, got 0/],
    [[2.5], /got 2.5/],
    [[null], /each entry must be a number, a token such as 'conv:6:5' or a layer object \{ type, … \}, got null/],
    [[[3]], /got \[3\]/],
    [[{ units: 3 }], /got \{"units":3\}/],
    [['conv:6'], /entry 'conv:6' is not a layer/],
  ])('%j is refused', (value, message) => {
    expect(refusal(() => checkLayerEntries(value)).message).toMatch(message);
  });
});
