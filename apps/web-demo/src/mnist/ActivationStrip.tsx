import { useEffect, useRef } from 'react';
import { fillHeatmap } from '../ui/colors.js';

/**
 * One layer's activations for one input as a strip of cells (32 per row), shaded by value
 * relative to the layer's largest magnitude.
 */
export function ActivationStrip({ name, values }: { name: string; values: Float32Array }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const perRow = Math.min(32, values.length);
  const rows = Math.ceil(values.length / perRow);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    let max = 0;
    for (const v of values) max = Math.max(max, Math.abs(v));
    const image = ctx.createImageData(perRow, rows);
    const padded = new Float32Array(perRow * rows);
    padded.set(values);
    fillHeatmap(image.data, padded, perRow * rows, 0, 1, 1 / (max || 1));
    ctx.putImageData(image, 0, 0);
  }, [values, perRow, rows]);
  return (
    <div>
      <div className="hint">
        {name}: {values.length} units
      </div>
      <canvas
        ref={ref}
        width={perRow}
        height={rows}
        className="act-strip-canvas"
        style={{ width: perRow * 9, height: rows * 9, maxWidth: '100%', imageRendering: 'pixelated', display: 'block', margin: '2px 0 8px' }}
        role="img"
        aria-label={`activations of ${name}`}
      />
    </div>
  );
}
