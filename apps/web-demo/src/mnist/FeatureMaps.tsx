import { useEffect, useRef } from 'react';
import { featureMapImages } from './feature-maps.js';
import { paintGrey } from './grey-image.js';

/** One filter's map, drawn pixel for pixel and enlarged. */
function MapCanvas({ grey, width, height, label }: { grey: Uint8ClampedArray; width: number; height: number; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    paintGrey(ref.current, (i) => grey[i] as number, width, height);
  }, [grey, width, height]);
  const scale = Math.max(2, Math.floor(56 / Math.max(width, height)));
  return (
    <canvas
      ref={ref}
      width={width}
      height={height}
      className="feature-map"
      style={{ width: width * scale, height: height * scale, imageRendering: 'pixelated' }}
      role="img"
      aria-label={label}
    />
  );
}

/** A convolution layer's feature maps for the drawn digit, one small image per filter. */
export function FeatureMaps({ name, values, shape }: { name: string; values: Float32Array; shape: readonly number[] }) {
  const maps = featureMapImages(values, shape);
  const size = maps.height * maps.width;
  return (
    <figure className="feature-maps" data-testid="feature-maps" data-layer={name} style={{ margin: '0 0 10px' }}>
      <figcaption className="hint">
        {name}: {maps.channels} feature maps, {maps.height}×{maps.width} (black {maps.min.toFixed(2)}, white {maps.max.toFixed(2)})
      </figcaption>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4 }}>
        {Array.from({ length: maps.channels }, (_, c) => (
          <MapCanvas key={c} grey={maps.grey.subarray(c * size, (c + 1) * size)} width={maps.width} height={maps.height} label={`${name} filter ${c + 1}`} />
        ))}
      </div>
    </figure>
  );
}
