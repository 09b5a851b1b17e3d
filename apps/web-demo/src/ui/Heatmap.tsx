import { useEffect, useRef } from 'react';
import { fillHeatmap } from './colors.js';

export interface HeatmapProps {
  /** Values of a size × size grid, read as values[offset + i·stride]. */
  readonly values: ArrayLike<number> | null;
  readonly size: number;
  readonly offset?: number;
  readonly stride?: number;
  /** Display value = (v + shift) · scale, then clamped to [-1, 1]. */
  readonly scale?: number;
  readonly shift?: number;
  readonly discretize?: boolean;
  /** Colour strength, 1 = full (see fillHeatmap). */
  readonly gain?: number;
  /** CSS pixels. */
  readonly displaySize: number;
  readonly className?: string;
  readonly label: string;
}

/** A grid of values drawn as one pixel per cell and scaled up by CSS (crisp, cheap to redraw). */
export function Heatmap(props: HeatmapProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const image = useRef<ImageData | null>(null);
  const { values, size, offset = 0, stride = 1, scale = 1, shift = 0, discretize = false, gain = 1 } = props;
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || !values) return;
    if (image.current?.width !== size) image.current = ctx.createImageData(size, size);
    fillHeatmap(image.current.data, values, size * size, offset, stride, scale, shift, discretize, gain);
    ctx.putImageData(image.current, 0, 0);
  }, [values, size, offset, stride, scale, shift, discretize, gain]);
  return (
    <canvas
      ref={ref}
      width={size}
      height={size}
      className={`heatmap ${props.className ?? ''}`}
      style={{ width: props.displaySize, height: props.displaySize }}
      role="img"
      aria-label={props.label}
    />
  );
}
