/**
 * A first layer's weights drawn as images: for an image model (inputs side × side) each hidden
 * unit's incoming weights form a side × side picture of what the unit looks for. Tiles are laid
 * out in a grid, each scaled to its own largest |weight|, positive red, negative blue.
 */
import { rgbaToPng } from './png-image.js';

export interface WeightTiles {
  readonly png: Buffer;
  readonly width: number;
  readonly height: number;
  readonly units: number;
}

/**
 * @param kernel the dense kernel, inputSize × units row-major (side² × units)
 * @param maxUnits draw at most this many units
 */
export function weightTiles(kernel: ArrayLike<number>, side: number, units: number, maxUnits = 64, zoom = 2): WeightTiles {
  const shown = Math.min(units, maxUnits);
  const cols = Math.min(shown, 16);
  const rowsOfTiles = Math.ceil(shown / cols);
  const cell = side * zoom + 2; // 1-pixel white gutter each side
  const width = cols * cell;
  const height = rowsOfTiles * cell;
  const rgba = new Uint8Array(width * height * 4).fill(255);
  for (let u = 0; u < shown; u++) {
    let maxAbs = 0;
    for (let p = 0; p < side * side; p++) maxAbs = Math.max(maxAbs, Math.abs(kernel[p * units + u]!));
    const ox = (u % cols) * cell + 1;
    const oy = Math.floor(u / cols) * cell + 1;
    for (let py = 0; py < side * zoom; py++) {
      for (let px = 0; px < side * zoom; px++) {
        const w = kernel[(Math.floor(py / zoom) * side + Math.floor(px / zoom)) * units + u]!;
        const t = maxAbs > 0 ? w / maxAbs : 0;
        const o = 4 * ((oy + py) * width + ox + px);
        // White at 0, towards red for positive and blue for negative weights.
        rgba[o] = Math.round(255 * (t < 0 ? 1 + t : 1));
        rgba[o + 1] = Math.round(255 * (1 - Math.abs(t)));
        rgba[o + 2] = Math.round(255 * (t > 0 ? 1 - t : 1));
        rgba[o + 3] = 255;
      }
    }
  }
  return { png: rgbaToPng(rgba, width, height), width, height, units: shown };
}
