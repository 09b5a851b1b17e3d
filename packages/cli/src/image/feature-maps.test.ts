import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { activationsFigureSpec } from '../plot/activations-figure.js';
import { featureMaps } from './feature-maps.js';
import { convLayout, denseLayout, weightTiles } from './weight-tiles.js';

/** The RGB of pixel (x, y) of a PNG. */
function pixel(png: Buffer, x: number, y: number): number[] {
  const image = PNG.sync.read(png);
  const o = 4 * (y * image.width + x);
  return [image.data[o]!, image.data[o + 1]!, image.data[o + 2]!];
}

describe('featureMaps', () => {
  // 2 rows of [2 channels, 2×3 pixels]: channel 0 of row 0 holds 0…5, every other value 1.
  const data = Float32Array.from({ length: 24 }, (_, i) => (i < 6 ? i : 1));

  it('one row of tiles per sample, one tile per channel, each channel scaled over the samples', () => {
    const maps = featureMaps(data, 2, [2, 2, 3]);
    // Tiles of 3×2 values zoomed 9× (about 28 screen pixels), a 1-pixel gutter round each.
    expect([maps.width, maps.height, maps.channels, maps.rowHeight]).toEqual([2 * (27 + 2), 2 * (18 + 2), 2, 20]);
    // Never negative: grey, white at 0, black at the channel's largest value (5 in channel 0).
    expect(pixel(maps.png, 1, 1)).toEqual([255, 255, 255]);
    expect(pixel(maps.png, 1 + 2 * 9, 1 + 9)).toEqual([0, 0, 0]);
    expect(pixel(maps.png, 1 + 9, 1)).toEqual(Array(3).fill(Math.round(255 * (1 - 1 / 5))));
    // Channel 1 is 1 everywhere: black; the gutter stays white.
    expect(pixel(maps.png, 29 + 1, 1)).toEqual([0, 0, 0]);
    expect(pixel(maps.png, 0, 0)).toEqual([255, 255, 255]);
  });

  it('signed maps are red for +, blue for −; at most maxChannels channels', () => {
    const signed = Float32Array.from([2, -2, 0, 1]);
    const maps = featureMaps(signed, 1, [4, 1, 1], 3);
    expect(maps.channels).toBe(3);
    expect(pixel(maps.png, 1, 1)).toEqual([255, 0, 0]);
    // 1×1 maps zoomed 28×: cells of 30 pixels.
    expect(pixel(maps.png, 30 + 1, 1)).toEqual([0, 0, 255]);
    expect(pixel(maps.png, 60 + 1, 1)).toEqual([255, 255, 255]);
  });
});

describe('weightTiles', () => {
  it('reads a dense kernel input-major and a convolution kernel filter-major', () => {
    // Dense: 2×2 inputs × 2 units; unit 0 weighs pixel 0 by 1, unit 1 pixel 1 by −1.
    const dense = weightTiles(Float32Array.from([1, 0, 0, -1, 0, 0, 0, 0]), denseLayout(2, 2), 64, 1);
    expect([dense.units, dense.width, dense.height]).toEqual([2, 8, 4]);
    expect(pixel(dense.png, 1, 1)).toEqual([255, 0, 0]);
    expect(pixel(dense.png, 5, 1)).toEqual([255, 255, 255]);
    expect(pixel(dense.png, 6, 1)).toEqual([0, 0, 255]);
    // Convolution [2 filters, 1, 1, 2]: filter 1 is (−3, 3).
    const conv = weightTiles(Float32Array.from([0, 1, -3, 3]), convLayout(2, 1, 2), 64, 1);
    expect([conv.units, conv.width, conv.height]).toEqual([2, 8, 3]);
    expect(pixel(conv.png, 2, 1)).toEqual([255, 0, 0]);
    expect(pixel(conv.png, 5, 1)).toEqual([0, 0, 255]);
    expect(pixel(conv.png, 6, 1)).toEqual([255, 0, 0]);
  });
});

describe('activationsFigureSpec', () => {
  it('draws a layer with feature maps as an image with the sample labels, others as heatmaps', () => {
    const spec = activationsFigureSpec({
      title: 't',
      sampleLabels: ['#0 a', '#1 b'],
      layers: [
        { layer: 0, type: 'conv2d', name: 'conv2d_1', rows: 2, cols: 4, data: new Float32Array(8), activation: 'relu', featureMaps: { url: 'data:image/png;base64,', width: 100, height: 40, rowHeight: 20, shape: [32, 1, 2], channels: 16 } },
        { layer: 1, type: 'dense', name: 'dense_2', rows: 2, cols: 3, data: new Float32Array(6) },
      ],
    });
    const text = JSON.stringify(spec);
    expect(text).toContain('layer 1: conv2d (relu), the first 16 of 32 channels of 1×2 (a row per sample, a column per channel)');
    expect(text).toContain('"text":{"value":"#1 b"}');
    expect(text).toContain('layer 2: dense, 3 units');
    // Only the heatmap layer has a data table.
    expect((spec['data'] as { name: string }[]).map((d) => d.name)).toEqual(['layer1']);
  });
});
