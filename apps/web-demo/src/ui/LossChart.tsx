import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

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
  readonly label: string;
  /** uPlot's legend under the chart (off where the page shows the values itself). */
  readonly legend?: boolean;
  /** Said over the chart while it has no points (e.g. a loaded file without a training history). */
  readonly emptyNote?: string;
}

/** A live line chart (uPlot): one series per loss, redrawn in place as points are appended. */
export function LossChart({ data, version, height = 160, xLabel = 'epoch', yLabel = 'loss', logY = false, label, legend = true, emptyNote }: LossChartProps) {
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
      scales: { x: { time: false }, y: logY ? { distr: 3 } : { auto: true } },
      axes: [
        { label: xLabel, size: 36, labelSize: 14 },
        { label: yLabel, size: 48, labelSize: 14 },
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
  }, [seriesKey, height, logY, legend, empty]);

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
