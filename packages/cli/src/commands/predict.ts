/**
 * `backprop predict`: a saved model on new inputs: inline values, a CSV file, or, for image
 * models such as MNIST ones, an image file. Applies the preprocessing saved with the model,
 * then prints the predicted class with its probabilities (or the predicted values).
 */
import { Command } from 'commander';
import { checkInputFile } from '../data/check-input-file.js';
import { inputLimit } from '../data/input-limits.js';
import { isFileInput, isImagePath, parseInlineRows, readCsvRows, type InputRows } from '../data/read-input-rows.js';
import { CliError, UsageError } from '../errors.js';
import { openModel, type OpenedModel } from '../model-io/open-model.js';
import { backendOption, outputOptions, type BackendChoice } from '../options/common-options.js';
import { addOptions, resolveOptions, type OptionDef } from '../options/option-table.js';
import { parseInteger } from '../options/parse-values.js';
import { count } from '../output/count.js';
import { displayNames } from '../output/display-names.js';
import { Output } from '../output/output.js';
import type { CliIo } from '../io.js';
import { preprocessRows } from '../model-io/apply-preprocessing.js';
import { predictionOf, type Prediction } from '../model-io/prediction-rows.js';

const PREDICT_OPTIONS: readonly OptionDef[] = [
  { flags: '--model <file.bpm>', description: 'the saved model', parse: (raw) => String(raw) },
  {
    flags: '--input <values|file>',
    description: 'inline values (5.1,3.5,1.4,0.2; rows separated by ;), a CSV file, or an image file (png, jpg, bmp, gif) for image models',
    parse: (raw) => String(raw),
  },
  { flags: '--top <k>', description: 'show the k most likely classes', parse: (raw) => parseInteger(raw, 1), defaultValue: 3 },
  backendOption,
  ...outputOptions,
];

const EXAMPLES = `
Examples:
  $ backprop train --data iris --epochs 200 --save iris.bpm --quiet
  $ backprop predict --model iris.bpm --input 5.1,3.5,1.4,0.2
  $ backprop predict --model iris.bpm --input "6.7,3.0,5.2,2.3;5.9,3.0,4.2,1.5" --json
  $ backprop train --data mnist --layers 32 --batch-size 64 --lr 0.05 --epochs 1 --save mnist.bpm --quiet
  $ backprop datasets --sample mnist --index 7 --out digit.png
  $ backprop predict --model mnist.bpm --input digit.png

Images of any size, colour or grey, dark-on-light or light-on-dark, are made MNIST-style:
grayscale, cropped to the ink, scaled into 20×20 and centred by mass in 28×28.`;

export function predictCommand(io: CliIo): Command {
  const command = new Command('predict').description('run a saved model on new inputs: values, a CSV file or an image');
  addOptions(command, PREDICT_OPTIONS);
  command.addHelpText('after', EXAMPLES);
  command.action(async (_opts: unknown, cmd: Command) => {
    const o = resolveOptions('predict', PREDICT_OPTIONS, cmd.opts(), undefined) as {
      model?: string;
      input?: string;
      top: number;
      backend: BackendChoice;
      json?: boolean;
      quiet?: boolean;
    };
    if (!o.model) throw new UsageError('missing --model <file.bpm> (the model to run).', 'predict');
    if (o.input === undefined) throw new UsageError('missing --input (values like 5.1,3.5,1.4,0.2, a CSV file or an image).', 'predict');
    const out = new Output({ quiet: Boolean(o.quiet), json: Boolean(o.json), stdout: io.stdout, stderr: io.stderr });
    const opened = await openModel(o.model, o.backend, out);
    const input = await readInput(o.input, opened);
    const where = (r: number): string => (input.kind === 'inline' ? `--input ${input.labels[r]}` : `'${o.input}' ${input.labels[r]}`);
    checkTokenIds(opened, input, where);
    // Image rows are in the training data's raw pixel space ([0, 1] ink), so they take the saved preprocessing too.
    const x = preprocessRows(opened, input.x, input.rows, where);
    const y = opened.model.predict(x, input.rows);
    report(out, opened, input, y, o.top);
  });
  return command;
}

async function readInput(input: string, opened: OpenedModel): Promise<InputRows> {
  const inputSize = opened.model.inputSize;
  if (!isFileInput(input)) return parseInlineRows(input, inputSize);
  checkInputFile(input, 'input file', 'give values, a CSV file or an image file', inputLimit('predict'));
  if (isImagePath(input)) {
    const guess = Math.round(Math.sqrt(inputSize));
    const side = opened.metadata.imageSide ?? (guess >= 8 ? guess : 0);
    if (side * side !== inputSize) {
      throw new CliError(`model '${opened.path}' takes ${count(inputSize, 'input')}, not an image: give values or a CSV file.`);
    }
    const { readDigitImage } = await import('../image/digit-image.js');
    const digit = await readDigitImage(input, side);
    return { kind: 'image', x: digit.pixels, rows: 1, labels: [input] };
  }
  return readCsvRows(input, inputSize, opened.metadata.featureNames);
}

/**
 * A model whose first layer is an embedding (`train --embedding`) reads token ids: integers in
 * [0, vocabSize), for a text model each the index of a character in its classes. Other values
 * are refused by row and position (a usage error), not left to the backend's range check.
 */
function checkTokenIds(opened: OpenedModel, input: InputRows, where: (row: number) => string): void {
  const first = opened.model.layers[0];
  if (first?.type !== 'embedding') return;
  const { vocabSize } = first.toSpec() as { vocabSize: number };
  const width = opened.model.inputSize;
  const bad = input.x.findIndex((v) => !(Number.isInteger(v) && v >= 0 && v < vocabSize));
  if (bad < 0) return;
  const classes = opened.metadata.classNames;
  const ids = classes?.length === vocabSize ? ` (id k is class k: ${classes.slice(0, 3).map((c, k) => `${k} ${JSON.stringify(c)}`).join(', ')}, …)` : '';
  throw new UsageError(
    `${where(Math.floor(bad / width))} value ${(bad % width) + 1} is ${input.x[bad]}, and model '${opened.path}' reads token ids, integers in [0, ${vocabSize})${ids}.`,
    'predict',
  );
}

function report(out: Output, opened: OpenedModel, input: InputRows, y: Float32Array, top: number): void {
  const shownNames = displayNames(opened.metadata.classNames ?? []);
  const predictions: Prediction[] = [];
  for (let r = 0; r < input.rows; r++) {
    const { prediction, order } = predictionOf(opened, y, r);
    if ('class' in prediction) {
      const shown = order.slice(0, Math.min(top, order.length)).map(([p, i]) => `${shownNames[i]} ${p.toFixed(3)}`);
      out.line(`${input.labels[r]}: ${shownNames[prediction.index]}  (${shown.join(', ')})`);
    } else {
      out.line(`${input.labels[r]}: ${prediction.values.map((v) => v.toPrecision(5)).join(', ')}`);
    }
    predictions.push(prediction);
  }
  out.summary({ model: opened.path, input: input.kind, rows: input.rows, predictions });
}
