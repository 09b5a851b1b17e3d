/**
 * Renders a Vega spec headlessly: Vega draws the SVG (no browser, no canvas) and
 * resvg turns it into a PNG. The file is written atomically (temp file + rename).
 * Heavy to load: commands import this module only when they draw.
 */
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { CliError } from '../errors.js';
import { writeFileAtomic } from '@backprop/core/node';
import { imageFormatOf } from './image-format.js';

/** The SVG text of a Vega spec. */
export async function renderSvg(spec: Record<string, unknown>): Promise<string> {
  const view = new vega.View(vega.parse(spec as vega.Spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** PNG bytes of an SVG, rendered at `scale`× for a crisp image. */
export function svgToPng(svg: string, scale = 2): Buffer {
  const resvg = new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}

/** Writes the chart to `path` as SVG or PNG, by its extension. */
export async function writeChart(path: string, spec: Record<string, unknown>, option = '--plot'): Promise<void> {
  const format = imageFormatOf(path, option);
  const svg = await renderSvg(spec);
  try {
    await writeFileAtomic(path, format === 'svg' ? svg : svgToPng(svg));
  } catch (error) {
    throw new CliError(`cannot write ${option} '${path}': ${(error as Error).message}`, { cause: error });
  }
}
