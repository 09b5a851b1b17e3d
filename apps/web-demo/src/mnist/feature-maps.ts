/**
 * A convolution layer's output for one digit as grey images, one per filter: core lays a conv
 * layer's row out as [channels, height, width] (channel-major), and all maps of a layer share
 * one scale (the layer's min → black, max → white), so brighter means the filter answered
 * more strongly than in a darker map.
 */

/** The maps of one layer: `grey` is channels × height × width bytes, channel-major. */
export interface FeatureMapImages {
  readonly channels: number;
  readonly height: number;
  readonly width: number;
  readonly min: number;
  readonly max: number;
  readonly grey: Uint8ClampedArray;
}

/** `values` is one row of the layer's activations, `shape` its [channels, height, width]. */
export function featureMapImages(values: ArrayLike<number>, shape: readonly number[]): FeatureMapImages {
  const [channels = 0, height = 0, width = 0] = shape;
  const n = channels * height * width;
  if (shape.length !== 3 || n !== values.length) throw new RangeError(`feature maps need [channels, height, width] matching ${values.length} values, got [${shape.join(', ')}]`);
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const span = max - min || 1;
  const grey = new Uint8ClampedArray(n);
  for (let i = 0; i < n; i++) grey[i] = Math.round((((values[i] as number) - min) / span) * 255);
  return { channels, height, width, min, max, grey };
}
