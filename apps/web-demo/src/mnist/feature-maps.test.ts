import { describe, expect, it } from 'vitest';
import { featureMapImages } from './feature-maps.js';

describe('featureMapImages', () => {
  it('scales all channels of a layer together, channel-major', () => {
    // 2 channels of 1×2: values −1 … 3.
    const maps = featureMapImages([-1, 0, 1, 3], [2, 1, 2]);
    expect([maps.channels, maps.height, maps.width, maps.min, maps.max]).toEqual([2, 1, 2, -1, 3]);
    expect(Array.from(maps.grey)).toEqual([0, 64, 128, 255]);
  });
  it('refuses a shape that does not match the values', () => {
    expect(() => featureMapImages([1, 2, 3], [1, 2, 2])).toThrow('feature maps need [channels, height, width] matching 3 values, got [1, 2, 2]');
  });
});
