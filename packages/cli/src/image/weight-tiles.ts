/**
 * A first layer's weights drawn as images of what each unit looks for: a dense layer on
 * side × side images gives each hidden unit a side × side tile of its incoming weights; a
 * convolution on one-channel images gives each filter a kh × kw tile of its kernel. Tiles are
 * laid out 16 to a row, each scaled to its own largest |weight|, positive red, negative blue.
 */
import { drawTileGrid, type TileImage } from './tile-grid.js';

export interface WeightTiles extends TileImage {
  readonly units: number;
}

/** Where a unit's weight for a pixel lies in the kernel, and the tile's size. */
export interface WeightLayout {
  readonly width: number;
  readonly height: number;
  readonly units: number;
  /** The kernel index of the weight from `pixel` (y·width + x) to `unit`. */
  index(pixel: number, unit: number): number;
}

/** A dense kernel, inputSize × units row-major (side² × units). */
export function denseLayout(side: number, units: number): WeightLayout {
  return { width: side, height: side, units, index: (pixel, unit) => pixel * units + unit };
}

/** A convolution kernel [filters, 1, kh, kw] on one-channel images. */
export function convLayout(filters: number, kernelH: number, kernelW: number): WeightLayout {
  return { width: kernelW, height: kernelH, units: filters, index: (pixel, unit) => unit * kernelH * kernelW + pixel };
}

/**
 * @param kernel the layer's kernel values
 * @param maxUnits draw at most this many units
 * @param zoom screen pixels per weight (default: enough for tiles of about 56 pixels)
 */
export function weightTiles(kernel: ArrayLike<number>, layout: WeightLayout, maxUnits = 64, zoom = Math.max(2, Math.round(56 / Math.max(layout.width, layout.height)))): WeightTiles {
  const shown = Math.min(layout.units, maxUnits);
  const pixels = layout.width * layout.height;
  const scale = Array.from({ length: shown }, (_, u) => {
    let maxAbs = 0;
    for (let p = 0; p < pixels; p++) maxAbs = Math.max(maxAbs, Math.abs(kernel[layout.index(p, u)]!));
    return maxAbs > 0 ? 1 / maxAbs : 0;
  });
  const across = Math.min(shown, 16);
  const image = drawTileGrid({
    tilesAcross: across,
    tilesDown: Math.ceil(shown / across),
    tileWidth: layout.width,
    tileHeight: layout.height,
    zoom,
    signed: true,
    value: (row, column, x, y) => {
      const u = row * across + column;
      return u < shown ? kernel[layout.index(y * layout.width + x, u)]! * scale[u]! : 0;
    },
  });
  return { ...image, units: shown };
}
