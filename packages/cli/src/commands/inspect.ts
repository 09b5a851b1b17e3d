/**
 * `backprop inspect`: what a saved model is (layers, shapes, parameter counts, training
 * metadata), and with --activations what each layer sees for a few inputs (heatmaps; for
 * image models also the inputs and the first layer's weights as images).
 */
import { datasetLabels, type Dataset } from '@backprop/core';
import { Command } from 'commander';
import { generatedDataOptions, loadRawDataset, type RawDataset } from '../data/load-raw-dataset.js';
import { UsageError } from '../errors.js';
import { grayToPng } from '../image/png-image.js';
import { fitDataToModel, openModel, type OpenedModel } from '../model-io/open-model.js';
import { backendOption, outputOptions, type BackendChoice } from '../options/common-options.js';
import { addOptions, resolveOptions, type OptionDef } from '../options/option-table.js';
import { parseInteger } from '../options/parse-values.js';
import { count } from '../output/count.js';
import { shortList } from '../output/short-list.js';
import { checkOutputFolder } from '../output/check-output-folder.js';
import { Output } from '../output/output.js';
import { imageFormatOf } from '../plot/image-format.js';
import type { CliIo } from '../program.js';

const INSPECT_OPTIONS: readonly OptionDef[] = [
  { flags: '--model <file.bpm>', description: 'the saved model', parse: (raw) => String(raw) },
  { flags: '--activations <file.png|file.svg>', description: "draw each layer's activations for a few inputs as heatmaps", parse: (raw) => String(raw) },
  { flags: '--data <set>', description: 'inputs for --activations', parse: (raw) => String(raw), defaultDescription: 'the data the model was trained on' },
  { flags: '--samples <n>', description: 'how many inputs --activations draws (at most 64)', parse: (raw) => parseInteger(raw, 1, 64), defaultValue: 8 },
  backendOption,
  ...outputOptions,
];

const EXAMPLES = `
Examples:
  $ backprop train --data iris --epochs 200 --save iris.bpm --quiet
  $ backprop inspect --model iris.bpm
  $ backprop inspect --model iris.bpm --activations iris-activations.png --data iris --samples 8
  $ backprop train --data mnist --layers 32 --batch-size 64 --lr 0.05 --epochs 1 --save mnist.bpm --quiet
  $ backprop inspect --model mnist.bpm --activations mnist-activations.png --data mnist --samples 8`;

interface InspectOptions {
  model?: string;
  activations?: string;
  data?: string;
  samples: number;
  backend: BackendChoice;
  json?: boolean;
  quiet?: boolean;
}

export function inspectCommand(io: CliIo): Command {
  const command = new Command('inspect').description("show a saved model's layers, shapes, parameters and training record; draw its activations");
  addOptions(command, INSPECT_OPTIONS);
  command.addHelpText('after', EXAMPLES);
  command.action(async (_opts: unknown, cmd: Command) => {
    const given = cmd.opts<Record<string, unknown>>();
    const o = resolveOptions('inspect', INSPECT_OPTIONS, given, undefined) as unknown as InspectOptions;
    if (!o.model) throw new UsageError('missing --model <file.bpm> (the model to inspect).', 'inspect');
    if (o.activations) {
      imageFormatOf(o.activations, '--activations');
      checkOutputFolder(o.activations, '--activations');
    } else if (given['data'] !== undefined || given['samples'] !== undefined) {
      throw new UsageError('--data and --samples choose the inputs of --activations <file.png|file.svg>: give it too.', 'inspect');
    }
    const out = new Output({ quiet: Boolean(o.quiet), json: Boolean(o.json), stdout: io.stdout, stderr: io.stderr });
    const opened = await openModel(o.model, o.backend, out);
    const { model, metadata } = opened;
    // Read and check the inputs before printing anything, so a data set that does not fit fails alone.
    const inputs = o.activations ? await activationInputs(opened, o) : undefined;

    out.line(model.summary());
    if (metadata.classNames) out.line(`classes: ${metadata.classNames.join(', ')}`);
    if (metadata.featureNames) out.line(`features: ${shortList(metadata.featureNames)}`);
    if (metadata.preprocessor) out.line(`input preprocessing: ${metadata.preprocessor.type} (fitted on the training rows)`);
    if (metadata.config && Object.keys(metadata.config).length) {
      out.line('trained with:');
      for (const [key, value] of Object.entries(metadata.config)) out.line(`  ${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${JSON.stringify(value)}`);
    }
    if (metadata.result) {
      const r = metadata.result;
      const acc = r.testAccuracy !== undefined ? `, test accuracy ${r.testAccuracy.toFixed(4)}` : '';
      out.line(`result: ${count(r.epochs, 'epoch')} on ${r.data} (${r.trainRows} train / ${r.testRows} test rows)${acc}, train loss ${r.trainLoss.toFixed(4)}, ${r.backend} backend, ${r.seconds.toFixed(2)} s`);
    }
    let figure: string | undefined;
    if (inputs) {
      figure = await drawActivations(opened, o, inputs);
      out.line(`wrote the activations of ${Math.min(o.samples, inputs.data.n)} inputs to ${figure}`);
    }
    out.summary({
      model: o.model,
      inputSize: model.inputSize,
      outputSize: model.outputSize,
      loss: model.spec.loss,
      parameters: model.parameterCount(),
      layers: model.layers.map((l, i) => ({
        index: i,
        type: l.type,
        ...(l.activation ? { activation: l.activation } : {}),
        inputSize: l.inputSize,
        outputSize: l.outputSize,
        parameters: l.params().map((p) => ({ name: p.name, shape: p.shape })),
      })),
      metadata,
      ...(figure ? { activations: figure } : {}),
    });
  });
  return command;
}

/** Row indices spread evenly over the data set (built-in sets are grouped by class). */
function spreadRows(n: number, count: number): number[] {
  const k = Math.min(n, count);
  return Array.from({ length: k }, (_, i) => Math.floor(((i + 0.5) * n) / k));
}

type ActivationInputs = RawDataset & { readonly name: string };

/** The data set --activations draws from (--data, else the one the model was trained on), fitted to the model. */
async function activationInputs(opened: OpenedModel, o: InspectOptions): Promise<ActivationInputs> {
  const config = opened.metadata.config ?? {};
  const dataName = o.data ?? (typeof config['data'] === 'string' ? config['data'] : undefined);
  if (!dataName) throw new UsageError(`model '${o.model}' does not record its data set: give --data.`, 'inspect');
  const loaded = await loadRawDataset(dataName, {
    command: 'inspect',
    ...(typeof config['target'] === 'string' ? { target: config['target'] } : {}),
    ...generatedDataOptions(config),
  });
  return { ...loaded, data: fitDataToModel(opened, loaded.data, dataName), name: dataName };
}

async function drawActivations(opened: OpenedModel, o: InspectOptions, raw: ActivationInputs): Promise<string> {
  const { model, metadata } = opened;
  const dataName = raw.name;
  const rows = spreadRows(raw.data.n, o.samples);
  const x = new Float32Array(rows.length * model.inputSize);
  rows.forEach((r, i) => x.set(raw.data.x.subarray(r * model.inputSize, (r + 1) * model.inputSize), i * model.inputSize));
  const input = opened.preprocessor ? opened.preprocessor.transform(x, rows.length) : x;
  const acts = model.activations(input, rows.length);
  const classNames = metadata.classNames ?? raw.data.classNames;
  const labels = sampleLabels(raw.data, rows, classNames);
  const side = metadata.imageSide ?? raw.imageSide;

  let sampleImages: string[] | undefined;
  let weightsImage: { url: string; width: number; height: number; caption: string } | undefined;
  if (side && side * side === model.inputSize) {
    sampleImages = rows.map((_, i) => dataUrl(grayToPng(x.subarray(i * model.inputSize, (i + 1) * model.inputSize), side, side, { invert: true })));
    const first = model.layers[0];
    const kernel = first?.params().find((p) => p.name === 'kernel');
    if (first && kernel) {
      const { weightTiles } = await import('../image/weight-tiles.js');
      const tiles = weightTiles(kernel.value, side, first.outputSize);
      weightsImage = {
        url: dataUrl(tiles.png),
        width: tiles.width,
        height: tiles.height,
        caption: `first-layer weights of ${tiles.units} of ${first.outputSize} units as ${side}×${side} images (red +, blue −)`,
      };
    }
  }
  const { activationsFigureSpec } = await import('../plot/activations-figure.js');
  const spec = activationsFigureSpec({
    title: `${o.model}: activations on ${dataName}`,
    sampleLabels: labels,
    layers: acts.map((a, i) => ({ ...a, ...(model.layers[i]?.activation ? { activation: model.layers[i]!.activation } : {}) })),
    ...(sampleImages ? { sampleImages } : {}),
    ...(weightsImage ? { weightsImage } : {}),
  });
  const { writeChart } = await import('../plot/render-chart.js');
  await writeChart(o.activations!, spec, '--activations');
  return o.activations!;
}

function sampleLabels(data: Dataset, rows: readonly number[], classNames: readonly string[] | undefined): string[] {
  if (!classNames || !data.classNames) return rows.map((r) => `#${r}`);
  const labels = datasetLabels(data);
  return rows.map((r) => `#${r} ${classNames[labels[r]!] ?? ''}`.trim());
}

function dataUrl(png: Buffer): string {
  return `data:image/png;base64,${png.toString('base64')}`;
}
