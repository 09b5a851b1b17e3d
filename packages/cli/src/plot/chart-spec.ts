/**
 * Builds a Vega specification for one or more line-chart panels stacked vertically, each
 * with labelled axes and a legend. The training plot (loss and accuracy per epoch) and
 * the forecast plot (prediction over truth) are both made of such panels.
 */

/** One named line. */
export interface Series {
  readonly name: string;
  readonly points: ReadonlyArray<readonly [number, number]>;
}

export interface Panel {
  readonly title: string;
  readonly xTitle: string;
  readonly yTitle: string;
  readonly series: readonly Series[];
  /** Use a log scale on y when all values are positive (loss curves). */
  readonly logY?: boolean;
  /** Fixed y domain, e.g. [0, 1] for accuracy. */
  readonly yDomain?: readonly [number, number];
}

const WIDTH = 560;
const HEIGHT = 220;
const GAP = 70;
const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd'];

/** A Vega spec (plain JSON) drawing the panels one under the other. */
export function chartSpec(panels: readonly Panel[], title?: string): Record<string, unknown> {
  const data = panels.map((panel, i) => ({
    name: `panel${i}`,
    values: panel.series.flatMap((s) =>
      s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)).map(([x, y]) => ({ x, y, series: s.name })),
    ),
  }));
  const marks = panels.map((panel, i) => panelGroup(panel, i));
  return {
    $schema: 'https://vega.github.io/schema/vega/v6.json',
    width: WIDTH,
    height: panels.length * HEIGHT + (panels.length - 1) * GAP,
    padding: 10,
    background: 'white',
    ...(title ? { title: { text: title, fontSize: 15 } } : {}),
    data,
    marks,
  };
}

function panelGroup(panel: Panel, i: number): Record<string, unknown> {
  const source = `panel${i}`;
  const positive = panel.series.every((s) => s.points.every(([, y]) => !Number.isFinite(y) || y > 0));
  const yScale: Record<string, unknown> = {
    name: 'y',
    type: panel.logY && positive ? 'log' : 'linear',
    range: [HEIGHT, 0],
    // A nice log domain can run a decade past the data; keep log axes tight.
    nice: !(panel.logY && positive),
    zero: false,
    domain: panel.yDomain ? [...panel.yDomain] : { data: source, field: 'y' },
  };
  return {
    type: 'group',
    encode: { enter: { x: { value: 0 }, y: { value: i * (HEIGHT + GAP) }, width: { value: WIDTH }, height: { value: HEIGHT } } },
    title: { text: panel.title, anchor: 'start', fontSize: 13 },
    // Axes size their grid lines from the enclosing width/height signals: give each panel its own.
    signals: [
      { name: 'width', update: String(WIDTH) },
      { name: 'height', update: String(HEIGHT) },
    ],
    scales: [
      { name: 'x', type: 'linear', range: [0, WIDTH], zero: false, nice: false, domain: { data: source, field: 'x' } },
      yScale,
      { name: 'color', type: 'ordinal', range: COLORS, domain: panel.series.map((s) => s.name) },
    ],
    axes: [
      { orient: 'bottom', scale: 'x', title: panel.xTitle, grid: true, tickMinStep: 1 },
      { orient: 'left', scale: 'y', title: panel.yTitle, grid: true },
    ],
    legends: [{ stroke: 'color', orient: 'top-right', symbolType: 'stroke' }],
    marks: [
      {
        type: 'group',
        from: { facet: { name: `${source}_series`, data: source, groupby: 'series' } },
        marks: [
          {
            type: 'line',
            from: { data: `${source}_series` },
            encode: {
              enter: {
                x: { scale: 'x', field: 'x' },
                y: { scale: 'y', field: 'y' },
                stroke: { scale: 'color', field: 'series' },
                strokeWidth: { value: 2 },
              },
            },
          },
        ],
      },
    ],
  };
}
