/** `backprop datasets`: what data is built in (core's catalogue), and how to bring your own. */
import { builtinDatasets, datasetLabels } from '@backprop/core';
import { loadRawDataset } from '../data/load-raw-dataset.js';
import { UsageError } from '../errors.js';
import { grayToPng } from '../image/png-image.js';
import { writeFileAtomic } from '@backprop/core/node';
import { parseInteger } from '../options/parse-values.js';
import { Command } from 'commander';
import { checkOutputFolder } from '../output/check-output-folder.js';
import { count } from '../output/count.js';
import { Output } from '../output/output.js';
import { addOptions } from '../options/option-table.js';
import { jsonOption, quietOption, verboseOption } from '../options/common-options.js';
import type { CliIo } from '../io.js';
import { displayName } from '../output/display-names.js';

interface ListedDataset {
  readonly name: string;
  readonly kind: string;
  readonly size: string;
  readonly description: string;
}

/** Data that is not built in but that --data accepts. */
const OWN_DATA: readonly ListedDataset[] = [
  {
    name: 'mnist-idx:<dir>',
    kind: 'classification',
    size: 'as in the files',
    description: 'a folder with the four standard MNIST/Fashion-MNIST IDX files (train-images-idx3-ubyte …, plain or .gz)',
  },
  {
    name: '<file.csv>',
    kind: 'classification or regression',
    size: 'as in the file',
    description: 'a CSV file (header detected); --target names the target column (default: the last)',
  },
];

export function datasetsCommand(io: CliIo): Command {
  const command = new Command('datasets').description('list the built-in data sets and the data formats train accepts');
  addOptions(command, [
    { flags: '--sample <set>', description: 'write one row of an image data set (e.g. mnist) as a PNG, with --out', parse: (raw) => String(raw) },
    { flags: '--index <i>', description: 'which row --sample writes', parse: (raw) => parseInteger(raw, 0), defaultValue: 0 },
    { flags: '--out <file.png>', description: 'where --sample writes the image (dark ink on white, 4× size)', parse: (raw) => String(raw) },
    jsonOption,
    quietOption,
    verboseOption,
  ]);
  command.addHelpText(
    'after',
    '\nExamples:\n  $ backprop datasets\n  $ backprop datasets --json\n  $ backprop datasets --sample mnist --index 7 --out digit.png',
  );
  command.action(async (opts: { json?: boolean; quiet?: boolean; sample?: string; index?: number; out?: string }) => {
    const out = new Output({ json: Boolean(opts.json), quiet: Boolean(opts.quiet), stdout: io.stdout, stderr: io.stderr });
    if (opts.sample !== undefined) {
      await writeSample(out, opts.sample, opts.index ?? 0, opts.out);
      return;
    }
    // Without --sample they would be ignored and no image written, with exit 0.
    if (opts.index !== undefined || opts.out !== undefined) {
      throw new UsageError('--index and --out go with --sample <set>, e.g. --sample mnist --index 7 --out digit.png.', 'datasets');
    }
    const builtin: ListedDataset[] = builtinDatasets().map((d) => ({ name: d.name, kind: d.kind, size: d.size, description: d.description }));
    const all = [...builtin, ...OWN_DATA];
    const width = Math.max(...all.map((d) => d.name.length));
    out.line('Built in:');
    for (const d of builtin) out.line(`  ${d.name.padEnd(width)}  ${d.kind}, ${d.size}\n  ${' '.repeat(width)}  ${d.description}`);
    out.line('Your own data:');
    for (const d of OWN_DATA) out.line(`  ${d.name.padEnd(width)}  ${d.kind}\n  ${' '.repeat(width)}  ${d.description}`);
    out.summary({ datasets: all });
  });
  return command;
}

/** Writes row `index` of an image data set as a PNG (ink dark on white, as people draw digits). */
async function writeSample(out: Output, set: string, index: number, file: string | undefined): Promise<void> {
  if (file === undefined) throw new UsageError('--sample needs --out <file.png>.', 'datasets');
  if (file.trim() === '') throw new UsageError('--out: the file name is empty.', 'datasets');
  if (!/\.png$/i.test(file)) throw new UsageError(`--out '${file}': the file name must end in .png.`, 'datasets');
  checkOutputFolder(file, '--out', 'datasets');
  const raw = await loadRawDataset(set, { command: 'datasets' });
  if (!raw.imageSide) throw new UsageError(`data set '${set}' does not hold images.`, 'datasets');
  if (index >= raw.data.n) throw new UsageError(`--index ${index} is past the last row of '${set}' (${count(raw.data.n, 'row')}).`, 'datasets');
  const side = raw.imageSide;
  const pixels = raw.data.x.subarray(index * side * side, (index + 1) * side * side);
  await writeFileAtomic(file, grayToPng(pixels, side, side, { invert: true, scale: 4 }));
  const label = raw.data.classNames ? raw.data.classNames[datasetLabels(raw.data)[index]!] : undefined;
  out.line(`wrote ${set} row ${index}${label !== undefined ? ` (class ${displayName(label)})` : ''} to ${file}`);
  out.summary({ set, index, ...(label !== undefined ? { label } : {}), file });
}
