import { useEffect, useRef } from 'react';
import { fillHeatmap } from '../ui/colors.js';
import type { FirstLayerWeights } from '../worker/protocol.js';

/** How many first-layer units to draw at most. */
const MAX_UNITS = 64;

/**
 * Each first-layer unit's 784 incoming weights as a 28×28 image (blue positive, orange
 * negative, scaled by that unit's largest magnitude): the strokes each hidden unit looks for.
 */
export function WeightImages({ weights, side = 28 }: { weights: FirstLayerWeights; side?: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const units = Math.min(MAX_UNITS, weights.units);
  const perRow = 8;
  const rows = Math.ceil(units / perRow);
  const gap = 2;
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx || weights.inputSize !== side * side) return;
    ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    const image = ctx.createImageData(side, side);
    for (let j = 0; j < units; j++) {
      let max = 0;
      for (let i = 0; i < weights.inputSize; i++) max = Math.max(max, Math.abs(weights.kernel[i * weights.units + j] as number));
      // Column j of the row-major inputSize × units kernel.
      fillHeatmap(image.data, weights.kernel, side * side, j, weights.units, 1 / (max || 1));
      ctx.putImageData(image, (j % perRow) * (side + gap), Math.floor(j / perRow) * (side + gap));
    }
  }, [weights, units, side]);
  if (weights.inputSize !== side * side) return <p className="hint">The first layer does not take {side}×{side} images.</p>;
  return (
    <canvas
      ref={ref}
      className="weights-grid"
      width={perRow * (side + gap)}
      height={rows * (side + gap)}
      style={{ width: perRow * (side + gap) * 2, maxWidth: '100%', imageRendering: 'pixelated' }}
      role="img"
      aria-label={`incoming weights of the first ${units} hidden units as images`}
      data-testid="first-layer-weights"
    />
  );
}
