import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { epochLabel, epochTicks } from './epoch-axis.js';

export interface LossSeries {
  readonly x: number[];
  /** Values per x; null leaves a gap. */
  readonly series: { readonly label: string; readonly values: (number | null)[]; readonly color: string; readonly dash?: number[] }[];
}

export interface LossChartProps {
  readonly data: LossSeries;
  /** Bumped by the caller whenever `data` arrays were appended to in place. */
  readonly version: number;
  readonly height?: number;
  readonly xLabel?: string;
  readonly yLabel?: string;
  readonly logY?: boolean;
  /** Epochs on an asinh axis (linear near 0, logarithmic beyond) with epoch ticks, so early learning stays visible at any epoch count. */
  readonly epochAxis?: boolean;
  readonly label: string;
  /** uPlot's legend under the chart (off where the page shows the values itself). */
  readonly legend?: boolean;
  /** Said over the chart while it has no points (e.g. a loaded file without a training history). */
  readonly emptyNote?: string;
}

/** A live line chart (uPlot): one series per loss, redrawn in place as points are appended. */
export function LossChart({ data, version, height = 160, xLabel = 'epoch', yLabel = 'loss', logY = false, epochAxis = false, label, legend = true, emptyNote }: LossChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const seriesKey = data.series.map((s) => s.label).join('|');
  // uPlot keeps its last scales when its data is emptied, so a restarted run would show the
  // previous run's axes and grid until its first point: an emptied chart is built afresh.
  const empty = data.x.length === 0;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const width = Math.max(200, el.clientWidth);
    const opts: uPlot.Options = {
      width,
      height,
      legend: { show: legend, live: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: epochAxis ? { time: false, distr: 4, asinh: 1, range: (u, min, max) => (u.data[0].length === 0 ? [min, max] : [0, Math.max(10, max)]) } : { time: false }, y: logY ? { distr: 3 } : { auto: true } },
      axes: [
        {
          label: xLabel,
          size: 36,
          labelSize: 14,
          ...(epochAxis ? { filter: (_u: uPlot, splits: number[]) => splits, splits: (u: uPlot) => epochTicks(u.scales.x?.max ?? 10), values: (_u: uPlot, ticks: (number | null)[]) => ticks.map((v) => (v === null ? '' : epochLabel(v))) } : {}),
        },
        { label: yLabel, size: 48, labelSize: 14, values: (_u: uPlot, ticks: (number | null)[]) => ticks.map((v) => (v === null ? '' : String(Number(v.toPrecision(3))))) },
      ],
      series: [{ label: xLabel }, ...data.series.map((s) => ({ label: s.label, stroke: s.color, width: 2, ...(s.dash ? { dash: s.dash } : {}) }))],
    };
    const p = new uPlot(opts, [data.x, ...data.series.map((s) => s.values)] as uPlot.AlignedData, el);
    plot.current = p;
    const resize = new ResizeObserver(() => {
      const w = Math.max(200, el.clientWidth);
      if (w !== p.width) p.setSize({ width: w, height });
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      p.destroy();
      plot.current = null;
    };
    // The chart is rebuilt only when the set of series changes; new points go through setData.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [seriesKey, height, logY, epochAxis, legend, empty]);

  useEffect(() => {
    plot.current?.setData([data.x, ...data.series.map((s) => s.values)] as uPlot.AlignedData);
  }, [data, version]);

  return (
    <div className="loss-chart-box" style={{ position: 'relative' }}>
      <div ref={box} className="loss-chart" role="img" aria-label={label} />
      {empty && emptyNote && (
        <p className="hint loss-chart-note" role="status" style={{ position: 'absolute', inset: 0, display: 'flex', alignItems: 'center', justifyContent: 'center', margin: 0 }}>
          {emptyNote}
        </p>
      )}
    </div>
  );
}
