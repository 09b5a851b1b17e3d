/**
 * The figure of `backprop inspect --activations`: for a few input rows, each layer's
 * activations as a heatmap (rows = samples, columns = units), or for a layer whose output is
 * images (a convolution, a pooling) its feature maps, one small image per channel and sample;
 * for image models also the input digits and the first layer's weights as images. One Vega
 * spec; images are PNG data URLs (encoded by pngjs) placed with Vega image marks.
 */
import type { LayerActivations } from '@backprop/core';
import { count } from '../output/count.js';

/** A layer's feature maps as one PNG: a row of channel tiles per sample (see image/feature-maps.ts). */
export interface FeatureMapsImage {
  readonly url: string;
  readonly width: number;
  readonly height: number;
  /** Screen pixels per sample row of the image. */
  readonly rowHeight: number;
  /** [channels, height, width] of one output row. */
  readonly shape: readonly number[];
  /** Channels drawn (the first ones). */
  readonly channels: number;
}

export interface ActivationsFigureInput {
  readonly title: string;
  /** One label per sample row, e.g. "#3 setosa". */
  readonly sampleLabels: readonly string[];
  readonly layers: readonly (LayerActivations & { readonly activation?: string; readonly featureMaps?: FeatureMapsImage })[];
  /** For image models: each sample as a PNG data URL. */
  readonly sampleImages?: readonly string[];
  /** For image models: the first layer's weights as one PNG data URL (a grid of unit tiles). */
  readonly weightsImage?: { readonly url: string; readonly width: number; readonly height: number; readonly caption: string };
}

const WIDTH = 640;
const ROW = 16;
const GAP = 56;
/** Room left of a feature-map image for the sample labels. */
const LABELS = 72;

/** Activations that are never negative get a sequential scale; others a diverging one around 0. */
function isNonNegative(data: Float32Array): boolean {
  for (let i = 0; i < data.length; i++) if (data[i]! < 0) return false;
  return true;
}

export function activationsFigureSpec(input: ActivationsFigureInput): Record<string, unknown> {
  const marks: Record<string, unknown>[] = [];
  const data: Record<string, unknown>[] = [];
  let y = 0;

  if (input.sampleImages?.length) {
    const size = 56;
    marks.push({
      type: 'group',
      encode: { enter: { x: { value: 0 }, y: { value: y }, width: { value: WIDTH }, height: { value: size } } },
      title: { text: 'inputs', anchor: 'start', fontSize: 12 },
      marks: input.sampleImages.map((url, i) => ({
        type: 'image',
        encode: { enter: { url: { value: url }, x: { value: i * (size + 8) }, y: { value: 0 }, width: { value: size }, height: { value: size }, smooth: { value: false } } },
      })),
    });
    marks.push(
      ...input.sampleImages.map((_, i) => ({
        type: 'text',
        encode: { enter: { x: { value: i * (size + 8) + size / 2 }, y: { value: y + size + 12 }, text: { value: input.sampleLabels[i] ?? '' }, align: { value: 'center' }, fontSize: { value: 10 } } },
      })),
    );
    y += size + GAP;
  }

  input.layers.forEach((layer, li) => {
    const act = layer.activation ? ` (${layer.activation})` : '';
    if (layer.featureMaps) {
      const maps = layer.featureMaps;
      const [channels, height, width] = maps.shape;
      // Small maps drawn larger (pixels stay sharp), wide grids shrunk to the page.
      const scale = Math.min(2, (WIDTH - LABELS) / maps.width);
      const shown = maps.channels < (channels ?? 0) ? `the first ${maps.channels} of ${channels} channels` : count(channels ?? 0, 'channel');
      marks.push({
        type: 'group',
        encode: { enter: { x: { value: 0 }, y: { value: y }, width: { value: WIDTH }, height: { value: maps.height * scale } } },
        title: { text: `layer ${li + 1}: ${layer.type}${act}, ${shown} of ${height}×${width} (a row per sample, a column per channel)`, anchor: 'start', fontSize: 12 },
        marks: [
          ...input.sampleLabels.slice(0, layer.rows).map((label, r) => ({
            type: 'text',
            encode: { enter: { x: { value: LABELS - 6 }, y: { value: (r + 0.5) * maps.rowHeight * scale }, text: { value: label }, align: { value: 'right' }, baseline: { value: 'middle' }, fontSize: { value: 9 } } },
          })),
          { type: 'image', encode: { enter: { url: { value: maps.url }, x: { value: LABELS }, y: { value: 0 }, width: { value: maps.width * scale }, height: { value: maps.height * scale }, smooth: { value: false } } } },
        ],
      });
      y += maps.height * scale + GAP;
      return;
    }
    const name = `layer${li}`;
    const values: { sample: string; unit: number; value: number }[] = [];
    for (let r = 0; r < layer.rows; r++) {
      for (let c = 0; c < layer.cols; c++) values.push({ sample: input.sampleLabels[r] ?? String(r), unit: c, value: layer.data[r * layer.cols + c]! });
    }
    data.push({ name, values });
    const height = Math.max(layer.rows * ROW, 40);
    const nonNegative = isNonNegative(layer.data);
    let maxAbs = 0;
    for (const v of layer.data) maxAbs = Math.max(maxAbs, Math.abs(v));
    const color = nonNegative
      ? { name: 'color', type: 'linear', scheme: 'viridis', domain: [0, maxAbs || 1] }
      : { name: 'color', type: 'linear', scheme: 'redblue', reverse: true, domain: [-(maxAbs || 1), maxAbs || 1] };
    marks.push({
      type: 'group',
      encode: { enter: { x: { value: 0 }, y: { value: y }, width: { value: WIDTH }, height: { value: height } } },
      title: { text: `layer ${li + 1}: ${layer.type}${act}, ${count(layer.cols, 'unit')}`, anchor: 'start', fontSize: 12 },
      signals: [
        { name: 'width', update: String(WIDTH) },
        { name: 'height', update: String(height) },
      ],
      scales: [
        { name: 'x', type: 'band', domain: Array.from({ length: layer.cols }, (_, i) => i), range: [0, WIDTH], paddingInner: 0 },
        { name: 'y', type: 'band', domain: input.sampleLabels.slice(0, layer.rows), range: [0, height], paddingInner: 0.05 },
        color,
      ],
      axes: [
        { orient: 'bottom', scale: 'x', title: 'unit', values: tickUnits(layer.cols), labelFontSize: 9 },
        { orient: 'left', scale: 'y', title: 'sample', labelFontSize: 9 },
      ],
      legends: [{ fill: 'color', orient: 'right', gradientLength: Math.min(height, 120), title: 'activation' }],
      marks: [
        {
          type: 'rect',
          from: { data: name },
          encode: {
            enter: {
              x: { scale: 'x', field: 'unit' },
              width: { scale: 'x', band: 1 },
              y: { scale: 'y', field: 'sample' },
              height: { scale: 'y', band: 1 },
              fill: { scale: 'color', field: 'value' },
            },
          },
        },
      ],
    });
    y += height + GAP;
  });

  if (input.weightsImage) {
    const { url, width, height, caption } = input.weightsImage;
    const scale = Math.min(1, WIDTH / width);
    marks.push({
      type: 'group',
      encode: { enter: { x: { value: 0 }, y: { value: y }, width: { value: width * scale }, height: { value: height * scale } } },
      title: { text: caption, anchor: 'start', fontSize: 12 },
      marks: [{ type: 'image', encode: { enter: { url: { value: url }, x: { value: 0 }, y: { value: 0 }, width: { value: width * scale }, height: { value: height * scale }, smooth: { value: false } } } }],
    });
    y += height * scale + 10;
  }

  return {
    $schema: 'https://vega.github.io/schema/vega/v6.json',
    width: WIDTH,
    height: Math.max(40, y - GAP + 20),
    padding: 12,
    background: 'white',
    title: { text: input.title, fontSize: 14 },
    data,
    marks,
  };
}

/** About ten evenly spaced unit ticks. */
function tickUnits(units: number): number[] {
  const step = Math.max(1, Math.ceil(units / 10));
  const ticks: number[] = [];
  for (let i = 0; i < units; i += step) ticks.push(i);
  return ticks;
}
