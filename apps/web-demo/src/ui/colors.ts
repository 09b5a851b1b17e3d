/**
 * Playground's diverging colour scale: orange for −1, white-grey for 0, blue for +1, used
 * for heatmaps, points and weights alike so that one colour means one sign everywhere.
 */
export const NEGATIVE: readonly [number, number, number] = [245, 147, 34];
export const NEUTRAL: readonly [number, number, number] = [232, 234, 235];
export const POSITIVE: readonly [number, number, number] = [8, 119, 189];

/** RGB for v in [-1, 1] (clamped). */
export function divergingRgb(v: number): [number, number, number] {
  const t = Number.isFinite(v) ? Math.max(-1, Math.min(1, v)) : 0;
  const end = t < 0 ? NEGATIVE : POSITIVE;
  const a = Math.abs(t);
  return [
    Math.round(NEUTRAL[0] + (end[0] - NEUTRAL[0]) * a),
    Math.round(NEUTRAL[1] + (end[1] - NEUTRAL[1]) * a),
    Math.round(NEUTRAL[2] + (end[2] - NEUTRAL[2]) * a),
  ];
}

export function divergingCss(v: number): string {
  const [r, g, b] = divergingRgb(v);
  return `rgb(${r},${g},${b})`;
}

/** Levels of the lookup table that heatmaps draw from (v ∈ [-1, 1] quantised). */
const LUT_LEVELS = 512;
let lut: Uint32Array | null = null;

/** RGBA words (little-endian byte order, as a Uint32Array view of ImageData reads them). */
function colourTable(): Uint32Array {
  if (lut) return lut;
  const bytes = new Uint8ClampedArray(LUT_LEVELS * 4);
  for (let i = 0; i < LUT_LEVELS; i++) {
    const [r, g, b] = divergingRgb((i / (LUT_LEVELS - 1)) * 2 - 1);
    bytes.set([r, g, b, 255], i * 4);
  }
  lut = new Uint32Array(bytes.buffer);
  return lut;
}

/**
 * Fill RGBA pixels from values: pixel i gets the colour of values[offset + i·stride] shifted by
 * `shift` and scaled by `scale` (so a layer's activations, unit-interleaved, can be drawn one
 * unit at a time). With `discretize`, values snap to ±1 by sign (Playground's "discretize output").
 */
export function fillHeatmap(
  pixels: Uint8ClampedArray,
  values: ArrayLike<number>,
  count: number,
  offset = 0,
  stride = 1,
  scale = 1,
  shift = 0,
  discretize = false,
  gain = 1,
): void {
  if (pixels.length < count * 4) throw new RangeError(`heatmap needs ${count * 4} bytes, got ${pixels.length}`);
  const table = colourTable();
  const words = new Uint32Array(pixels.buffer, pixels.byteOffset, count);
  const top = LUT_LEVELS - 1;
  for (let i = 0; i < count; i++) {
    let v = ((values[offset + i * stride] as number) + shift) * scale;
    if (discretize) v = v >= 0 ? 1 : -1;
    v = (v > 1 ? 1 : v < -1 ? -1 : v) * gain;
    // NaN maps to the neutral middle.
    const level = v >= 1 ? top : v <= -1 ? 0 : v === v ? Math.round(((v + 1) / 2) * top) : top >> 1;
    words[i] = table[level] as number;
  }
}
