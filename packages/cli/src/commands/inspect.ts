/**
 * `backprop inspect`: what a saved model is (layers, shapes, parameter counts, training
 * metadata), and with --activations what each layer sees for a few inputs (heatmaps, or for
 * layers that output images their feature maps per channel; for image models also the inputs
 * and the first layer's weights as images).
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
import { displayNames, escapeControls, escapeJsonText } from '../output/display-names.js';
import { shortList } from '../output/short-list.js';
import { checkOutputFolder } from '../output/check-output-folder.js';
import { flagOf } from '../options/config-flags.js';
import { Output } from '../output/output.js';
import { imageFormatOf } from '../plot/image-format.js';
import { formatAccuracy, formatLoss } from '../progress/format.js';
import type { CliIo } from '../io.js';

const INSPECT_OPTIONS: readonly OptionDef[] = [
  { flags: '--model <file.bpm>', description: 'the saved model', parse: (raw) => String(raw) },
  {
    flags: '--activations <file.png|file.svg>',
    description: "draw each layer's activations for a few inputs as heatmaps, and the feature maps of convolution and pooling layers as an image per channel",
    parse: (raw) => String(raw),
  },
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
  $ backprop inspect --model mnist.bpm --activations mnist-activations.png --data mnist --samples 10

--activations draws, for a classifier, the first row of each class in class order (so 10
samples of MNIST show the digits 0 to 9), then the next row of each class, until --samples;
for other models, rows spread evenly over the data set.`;

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
    if (o.activations !== undefined) {
      if (o.activations.trim() === '') throw new UsageError('--activations: the file name is empty.', 'inspect');
      imageFormatOf(o.activations, '--activations');
      checkOutputFolder(o.activations, '--activations', 'inspect');
    } else if (given['data'] !== undefined || given['samples'] !== undefined) {
      throw new UsageError('--data and --samples choose the inputs of --activations <file.png|file.svg>: give it too.', 'inspect');
    }
    const out = new Output({ quiet: Boolean(o.quiet), json: Boolean(o.json), stdout: io.stdout, stderr: io.stderr });
    const opened = await openModel(o.model, o.backend, out);
    const { model, metadata } = opened;
    // Read and check the inputs before printing anything, so a data set that does not fit fails alone.
    const inputs = o.activations ? await activationInputs(opened, o) : undefined;

    out.line(model.summary());
    if (metadata.classNames) out.line(`classes: ${displayNames(metadata.classNames).join(', ')}`);
    if (metadata.featureNames) out.line(`features: ${shortList(metadata.featureNames)}`);
    if (metadata.preprocessor) out.line(`input preprocessing: ${metadata.preprocessor.type} (fitted on the training rows)`);
    if (metadata.config && Object.keys(metadata.config).length) {
      out.line('trained with:');
      // Each config key as the train flag that sets it (optimizer.lr is --lr), so a run can be repeated from this list.
      const entries = Object.entries(metadata.config).flatMap(([key, value]) =>
        key === 'optimizer' && value !== null && typeof value === 'object' && !Array.isArray(value)
          ? Object.entries(value).map(([sub, v]) => [`optimizer.${sub}`, v] as const)
          : [[key, value] as const],
      );
      for (const [key, value] of entries) out.line(`  ${escapeControls(flagOf(key).slice(2))}: ${escapeJsonText(JSON.stringify(value))}`);
    }
    if (metadata.result) {
      const r = metadata.result;
      const acc = r.testAccuracy !== undefined ? `, test accuracy ${formatAccuracy(r.testAccuracy)}` : '';
      out.line(
        `result: ${count(r.epochs, 'epoch')} on ${escapeControls(r.data)} (${r.trainRows} train / ${r.testRows} test rows)${acc}, ` +
          `train loss ${formatLoss(r.trainLoss)}, ${escapeControls(r.backend)} backend, ${r.seconds.toFixed(2)} s`,
      );
    }
    let figure: { file: string; rows: number[] } | undefined;
    if (inputs) {
      figure = await drawActivations(opened, o, inputs);
      out.line(`wrote the activations of ${count(figure.rows.length, 'input')} to ${figure.file} (rows ${figure.rows.join(', ')} of ${inputs.name})`);
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
        ...(l.outputShape ? { outputShape: l.outputShape } : {}),
        parameters: l.params().map((p) => ({ name: p.name, shape: p.shape })),
      })),
      metadata,
      ...(figure ? { activations: figure.file, activationRows: figure.rows } : {}),
    });
  });
  return command;
}

/**
 * The rows --activations draws. With class labels: the first row of each class in class order,
 * then the second of each, and so on, until `samples` (built-in sets are grouped by class, so
 * evenly spaced rows would skip some classes). Without: rows spread evenly over the data set.
 */
export function activationRows(labels: ArrayLike<number> | undefined, n: number, samples: number): number[] {
  const k = Math.min(n, samples);
  if (!labels) return Array.from({ length: k }, (_, i) => Math.floor(((i + 0.5) * n) / k));
  const byClass: number[][] = [];
  for (let r = 0; r < n; r++) (byClass[labels[r]!] ??= []).push(r);
  const classes = byClass.filter((rows) => rows !== undefined);
  const picked: number[] = [];
  for (let round = 0; picked.length < k; round++) {
    for (const rows of classes) if (round < rows.length && picked.length < k) picked.push(rows[round]!);
  }
  return picked;
}

/** Each row's class index in the model's class order, when the data are labelled with those classes. */
function rowLabels(data: Dataset, classNames: readonly string[] | undefined): ArrayLike<number> | undefined {
  if (!classNames || !data.classNames) return undefined;
  if (data.outputSize === data.classNames.length) return datasetLabels(data);
  // Binary data: one 0/1 target column for two classes.
  if (data.outputSize === 1 && data.classNames.length === 2) return Array.from(data.y, (v) => (v > 0.5 ? 1 : 0));
  return undefined;
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

async function drawActivations(opened: OpenedModel, o: InspectOptions, raw: ActivationInputs): Promise<{ file: string; rows: number[] }> {
  const { model, metadata } = opened;
  const dataName = raw.name;
  const classNames = metadata.classNames ?? raw.data.classNames;
  const labels = rowLabels(raw.data, classNames);
  const rows = activationRows(labels, raw.data.n, o.samples);
  const x = new Float32Array(rows.length * model.inputSize);
  rows.forEach((r, i) => x.set(raw.data.x.subarray(r * model.inputSize, (r + 1) * model.inputSize), i * model.inputSize));
  const input = opened.preprocessor ? opened.preprocessor.transform(x, rows.length) : x;
  const acts = model.activations(input, rows.length);
  const side = metadata.imageSide ?? raw.imageSide;

  let sampleImages: string[] | undefined;
  let weightsImage: { url: string; width: number; height: number; caption: string } | undefined;
  if (side && side * side === model.inputSize) {
    sampleImages = rows.map((_, i) => dataUrl(grayToPng(x.subarray(i * model.inputSize, (i + 1) * model.inputSize), side, side, { invert: true })));
    weightsImage = await firstLayerWeights(model, side);
  }
  const { featureMaps } = await import('../image/feature-maps.js');
  const { activationsFigureSpec } = await import('../plot/activations-figure.js');
  const spec = activationsFigureSpec({
    title: `${o.model}: activations on ${dataName}`,
    sampleLabels: sampleLabels(rows, labels, classNames),
    layers: acts.map((a, i) => {
      const layer = model.layers[i];
      const shape = layer?.outputShape;
      const maps = shape?.length === 3 ? featureMaps(a.data, a.rows, shape as [number, number, number]) : undefined;
      return {
        ...a,
        ...(layer?.activation ? { activation: layer.activation } : {}),
        ...(maps ? { featureMaps: { url: dataUrl(maps.png), width: maps.width, height: maps.height, rowHeight: maps.rowHeight, shape: shape!, channels: maps.channels } } : {}),
      };
    }),
    ...(sampleImages ? { sampleImages } : {}),
    ...(weightsImage ? { weightsImage } : {}),
  });
  const { writeChart } = await import('../plot/render-chart.js');
  await writeChart(o.activations!, spec, '--activations');
  return { file: o.activations!, rows };
}

/**
 * The first layer's weights as images of what each unit looks for, when they are images: a
 * dense layer on side × side inputs (side² × units), or a convolution on one-channel images
 * ([filters, 1, kh, kw]).
 */
async function firstLayerWeights(model: OpenedModel['model'], side: number): Promise<{ url: string; width: number; height: number; caption: string } | undefined> {
  const first = model.layers[0];
  const kernel = first?.params().find((p) => p.name === 'kernel');
  if (!first || !kernel) return undefined;
  const { convLayout, denseLayout, weightTiles } = await import('../image/weight-tiles.js');
  const [a, b, kh, kw] = kernel.shape;
  if (first.type === 'dense' && kernel.shape.length === 2 && a === side * side) {
    const tiles = weightTiles(kernel.value, denseLayout(side, first.outputSize));
    return { url: dataUrl(tiles.png), width: tiles.width, height: tiles.height, caption: `first-layer weights of ${tiles.units} of ${first.outputSize} units as ${side}×${side} images (red +, blue −)` };
  }
  if (first.type === 'conv2d' && kernel.shape.length === 4 && b === 1 && a && kh && kw) {
    const tiles = weightTiles(kernel.value, convLayout(a, kh, kw));
    return { url: dataUrl(tiles.png), width: tiles.width, height: tiles.height, caption: `first-layer kernels of ${tiles.units} of ${a} filters as ${kh}×${kw} images (red +, blue −)` };
  }
  return undefined;
}

function sampleLabels(rows: readonly number[], labels: ArrayLike<number> | undefined, classNames: readonly string[] | undefined): string[] {
  if (!labels || !classNames) return rows.map((r) => `#${r}`);
  const names = displayNames(classNames);
  return rows.map((r) => `#${r} ${names[labels[r]!] ?? ''}`.trim());
}

function dataUrl(png: Buffer): string {
  return `data:image/png;base64,${png.toString('base64')}`;
}
