/**
 * A layer's image output ([channels, height, width] per row, e.g. after a convolution or a
 * pooling) for a few inputs, drawn as a grid: one row of tiles per input, one tile per channel.
 * Each channel is scaled to its largest |value| over the inputs drawn, so one channel compares
 * across inputs; maps that are never negative (after relu or pooling of relu) are drawn in grey,
 * black for the largest, signed ones white at 0, red +, blue −.
 */
import { drawTileGrid, type TileImage } from './tile-grid.js';

export interface FeatureMaps extends TileImage {
  /** Channels drawn (the first ones, at most `maxChannels`). */
  readonly channels: number;
  /** Screen pixels per tile row, gutter included. */
  readonly rowHeight: number;
}

/**
 * @param data rows × (channels·height·width) values, NCHW
 * @param shape one row's [channels, height, width]
 */
export function featureMaps(data: ArrayLike<number>, rows: number, shape: readonly [number, number, number], maxChannels = 16): FeatureMaps {
  const [channels, height, width] = shape;
  const shown = Math.min(channels, maxChannels);
  const plane = height * width;
  const scale = Array.from({ length: shown }, (_, c) => {
    let maxAbs = 0;
    for (let r = 0; r < rows; r++) for (let p = 0; p < plane; p++) maxAbs = Math.max(maxAbs, Math.abs(data[(r * channels + c) * plane + p]!));
    return maxAbs > 0 ? 1 / maxAbs : 0;
  });
  let signed = false;
  for (let i = 0; i < rows * channels * plane && !signed; i++) signed = data[i]! < 0;
  // Tiles of about 28 screen pixels: a 28×28 map at 1:1, a 5×5 one 6 times larger.
  const zoom = Math.max(1, Math.round(28 / Math.max(height, width)));
  const image = drawTileGrid({
    tilesAcross: shown,
    tilesDown: rows,
    tileWidth: width,
    tileHeight: height,
    zoom,
    signed,
    value: (r, c, x, y) => data[(r * channels + c) * plane + y * width + x]! * scale[c]!,
  });
  return { ...image, channels: shown, rowHeight: height * zoom + 2 };
}
