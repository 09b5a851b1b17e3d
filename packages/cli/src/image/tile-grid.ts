/**
 * A grid of small images (tiles) in one PNG: a layer's weights per unit, a convolution's
 * feature maps per channel. Each tile is `tileWidth × tileHeight` values, each drawn as a
 * `zoom × zoom` block, with a 1-pixel white gutter round every tile. Values come in already
 * scaled to [−1, 1]: `signed` grids are white at 0, towards red for + and blue for −; the others
 * grey, white at 0 and black at 1 (ink on paper, as the input digits are drawn).
 */
import { rgbaToPng } from './png-image.js';

export interface TileGrid {
  readonly tilesAcross: number;
  readonly tilesDown: number;
  readonly tileWidth: number;
  readonly tileHeight: number;
  readonly zoom: number;
  readonly signed: boolean;
  /** The value in [−1, 1] at pixel (x, y) of the tile in grid row `row`, column `column`. */
  value(row: number, column: number, x: number, y: number): number;
}

export interface TileImage {
  readonly png: Buffer;
  readonly width: number;
  readonly height: number;
}

export function drawTileGrid(grid: TileGrid): TileImage {
  const cellW = grid.tileWidth * grid.zoom + 2;
  const cellH = grid.tileHeight * grid.zoom + 2;
  const width = grid.tilesAcross * cellW;
  const height = grid.tilesDown * cellH;
  const rgba = new Uint8Array(width * height * 4).fill(255);
  for (let row = 0; row < grid.tilesDown; row++) {
    for (let column = 0; column < grid.tilesAcross; column++) {
      for (let py = 0; py < grid.tileHeight * grid.zoom; py++) {
        for (let px = 0; px < grid.tileWidth * grid.zoom; px++) {
          const raw = grid.value(row, column, Math.floor(px / grid.zoom), Math.floor(py / grid.zoom));
          const t = Number.isFinite(raw) ? Math.max(-1, Math.min(1, raw)) : 0;
          const o = 4 * ((row * cellH + 1 + py) * width + column * cellW + 1 + px);
          if (grid.signed) {
            rgba[o] = Math.round(255 * (t < 0 ? 1 + t : 1));
            rgba[o + 1] = Math.round(255 * (1 - Math.abs(t)));
            rgba[o + 2] = Math.round(255 * (t > 0 ? 1 - t : 1));
          } else {
            rgba.fill(Math.round(255 * (1 - Math.max(0, t))), o, o + 3);
          }
        }
      }
    }
  }
  return { png: rgbaToPng(rgba, width, height), width, height };
}
