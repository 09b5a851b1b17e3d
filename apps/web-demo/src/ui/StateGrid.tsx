import { useEffect, useRef } from 'react';
import { divergingRgb } from './colors.js';

export interface StateGridProps {
  /** The values shown, in the caller's layout (`at` reads them); a change redraws the grid. */
  readonly values: readonly number[];
  /** Columns (e.g. time steps) and rows (e.g. units) of the grid. */
  readonly cols: number;
  readonly rows: number;
  /** The value of column c, row r (the layout of `values`). */
  readonly at: (c: number, r: number) => number;
  /** Labels under the columns (e.g. the characters read), optional. */
  readonly colLabels?: readonly string[];
  readonly label: string;
  readonly testId?: string;
}

/**
 * A small grid of values in [-1, 1] (hidden states, unit states), one canvas pixel per cell,
 * scaled up by CSS to the panel's width (stretched, not square: a cell is a value, not a pixel of an image). The values travel in a data attribute so a test can
 * compare them with the model's, and the canvas carries an accessible name.
 */
export function StateGrid({ values, cols, rows, at, colLabels, label, testId }: StateGridProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx || cols < 1 || rows < 1) return;
    const img = ctx.createImageData(cols, rows);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const [R, G, B] = divergingRgb(at(c, r));
        const i = (r * cols + c) * 4;
        img.data[i] = R;
        img.data[i + 1] = G;
        img.data[i + 2] = B;
        img.data[i + 3] = 255;
      }
    }
    ctx.putImageData(img, 0, 0);
  }, [values, cols, rows, at]);
  return (
    <figure className="state-grid">
      <canvas ref={ref} width={cols} height={rows} className="heatmap" style={{ height: Math.min(240, rows * 12) }} role="img" aria-label={label} data-testid={testId} data-values={JSON.stringify(values)} />
      {colLabels && (
        <div className="state-grid-labels" aria-hidden="true" style={{ gridTemplateColumns: `repeat(${cols}, 1fr)` }}>
          {colLabels.map((l, i) => (
            <span key={i}>{l === ' ' ? '␣' : l === '\n' ? '↵' : l}</span>
          ))}
        </div>
      )}
    </figure>
  );
}
