/** `backprop datasets`: what data is built in (core's catalogue), and how to bring your own. */
import { builtinDatasets } from '@backprop/core';
import { Command } from 'commander';
import { Output } from '../output/output.js';
import { addOptions } from '../options/option-table.js';
import { jsonOption, quietOption, verboseOption } from '../options/common-options.js';
import type { CliIo } from '../program.js';

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
  addOptions(command, [jsonOption, quietOption, verboseOption]);
  command.addHelpText('after', '\nExamples:\n  $ backprop datasets\n  $ backprop datasets --json');
  command.action((opts: { json?: boolean; quiet?: boolean }) => {
    const out = new Output({ json: Boolean(opts.json), quiet: Boolean(opts.quiet), stdout: io.stdout, stderr: io.stderr });
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
