/**
 * Turn a drawing into an MNIST-style input, the way the MNIST digits were made (LeCun et al.):
 * crop to the ink, scale the ink's bounding box so its longer side is 20 pixels (keeping the
 * aspect ratio, anti-aliased by area averaging), then place it in a 28×28 field so that its
 * centre of mass sits at the centre. Pixels are ink intensities in [0, 1], row-major.
 */

export interface Box {
  readonly x0: number;
  readonly y0: number;
  /** Exclusive. */
  readonly x1: number;
  readonly y1: number;
}

/** The smallest box holding every pixel above `threshold`, or null for an empty drawing. */
export function inkBoundingBox(pixels: ArrayLike<number>, width: number, height: number, threshold = 0.05): Box | null {
  if (pixels.length !== width * height) throw new RangeError(`expected ${width}×${height} = ${width * height} pixels, got ${pixels.length}`);
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if ((pixels[y * width + x] as number) > threshold) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  return x1 < 0 ? null : { x0, y0, x1: x1 + 1, y1: y1 + 1 };
}

/**
 * Area-averaging resample of the box to outW × outH: each output pixel is the mean of the
 * source area it covers (fractional overlaps weighted), so thin strokes become grey, not gaps.
 */
export function resampleBox(pixels: ArrayLike<number>, width: number, box: Box, outW: number, outH: number): Float32Array {
  const out = new Float32Array(outW * outH);
  const sx = (box.x1 - box.x0) / outW;
  const sy = (box.y1 - box.y0) / outH;
  for (let oy = 0; oy < outH; oy++) {
    const ya = box.y0 + oy * sy;
    const yb = ya + sy;
    for (let ox = 0; ox < outW; ox++) {
      const xa = box.x0 + ox * sx;
      const xb = xa + sx;
      let sum = 0;
      for (let y = Math.floor(ya); y < Math.ceil(yb); y++) {
        const wy = Math.min(yb, y + 1) - Math.max(ya, y);
        if (wy <= 0) continue;
        for (let x = Math.floor(xa); x < Math.ceil(xb); x++) {
          const wx = Math.min(xb, x + 1) - Math.max(xa, x);
          if (wx > 0) sum += (pixels[y * width + x] as number) * wx * wy;
        }
      }
      out[oy * outW + ox] = sum / (sx * sy);
    }
  }
  return out;
}

/** Centre of mass (x, y) of an image, in pixel-centre coordinates; the centre for an empty image. */
export function centreOfMass(img: ArrayLike<number>, width: number, height: number): { x: number; y: number } {
  let m = 0;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = img[y * width + x] as number;
      m += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
    }
  }
  return m > 0 ? { x: mx / m, y: my / m } : { x: width / 2, y: height / 2 };
}

/**
 * The whole MNIST preprocessing of a drawing (ink intensities in [0, 1], width × height):
 * returns 784 values in [0, 1], or null when nothing is drawn.
 */
export function toMnistInput(pixels: ArrayLike<number>, width: number, height: number, box = 20, side = 28): Float32Array | null {
  const ink = inkBoundingBox(pixels, width, height);
  if (!ink) return null;
  const w = ink.x1 - ink.x0;
  const h = ink.y1 - ink.y0;
  // Longer side to `box` pixels, the other in proportion (at least 1).
  const scale = box / Math.max(w, h);
  const outW = Math.max(1, Math.round(w * scale));
  const outH = Math.max(1, Math.round(h * scale));
  const small = resampleBox(pixels, width, ink, outW, outH);
  const com = centreOfMass(small, outW, outH);
  // Integer shift that brings the centre of mass nearest to the field's centre, kept inside.
  const dx = Math.min(side - outW, Math.max(0, Math.round(side / 2 - com.x)));
  const dy = Math.min(side - outH, Math.max(0, Math.round(side / 2 - com.y)));
  const out = new Float32Array(side * side);
  for (let y = 0; y < outH; y++) {
    for (let x = 0; x < outW; x++) out[(y + dy) * side + (x + dx)] = Math.min(1, small[y * outW + x] as number);
  }
  return out;
}
