/**
 * `backprop train`: build a network from flags (or --config), train it with live progress,
 * report train/test metrics and the confusion matrix, and optionally save the model, write
 * checkpoints, resume from one, and plot the curves.
 */
import {
  getBackend,
  Model,
  setBackendWarningHandler,
  type Backend,
  type EpochLog,
  type Evaluation,
  type FitOptions,
  type History,
  type LossName,
  type ModelSpec,
  type OptimizerConfig,
  type TrainingState,
} from '@backprop/core';
import { Command } from 'commander';
import { prepareTrainingData, type PreparedData } from '../data/prepare-training-data.js';
import { loadRawDataset } from '../data/load-raw-dataset.js';
import { CliError, UsageError } from '../errors.js';
import { formatConfusion } from '../output/confusion-table.js';
import { checkOutputFolder } from '../output/check-output-folder.js';
import { Output } from '../output/output.js';
import { addOptions } from '../options/option-table.js';
import { asciiLossChart } from '../plot/ascii-loss.js';
import { imageFormatOf } from '../plot/image-format.js';
import { trainingPlotSpec } from '../plot/training-plot.js';
import { createProgress } from '../progress/create-progress.js';
import { formatAccuracy, formatDuration, formatLoss, formatRate } from '../progress/format.js';
import { Interrupted, type CliIo } from '../program.js';
import { loadModelFile, saveModelFile } from '../model-io/model-file.js';
import type { CliModelMetadata, TrainingRecord } from '../model-io/model-metadata.js';
import { scheduleToString } from '../options/parse-values.js';
import { buildMlpSpec, buildRecurrentSpec, defaultLoss, defaultOutputActivation } from './build-spec.js';
import { checkpointPath, defaultLr, resolveTrainOptions } from './resolve-train-options.js';
import { TRAIN_OPTIONS, type TrainOptions } from './train-options.js';

const EXAMPLES = `
Examples:
  $ backprop train --data iris --layers 8 --activation sigmoid --loss cross-entropy --optimizer sgd --lr 0.1 --epochs 1000 --batch-size 0 --test-split 0.3 --seed 42 --save iris.bpm
  $ backprop train --data iris --layers 8 --activation sigmoid --output-activation sigmoid --loss mse --lr 0.5 --epochs 300 --batch-size 0 --json
  $ backprop train --data iris --layers 16,8 --optimizer adam --lr 0.01 --epochs 50 --validation-split 0.2 --early-stopping 10 --plot iris-loss.svg
  $ backprop train --data mnist --layers 32 --batch-size 64 --lr 0.05 --epochs 1 --test-split 0.2 --save mnist.bpm --quiet --json
  $ backprop train --data iris --epochs 40 --checkpoint-every 20 --checkpoint ck.bpm --quiet
  $ backprop train --resume ck.bpm --epochs 60 --json
  $ backprop train --data sine --model rnn --hidden 32 --seq-len 50 --epochs 5 --plot sine.png --json
  $ backprop train --data xor --model rbp --json

Every flag can also be set in a JSON file given with --config (same names; flags win).
Ctrl-C stops after the current batch; with --save the last completed epoch is kept as a checkpoint.`;

export function trainCommand(io: CliIo): Command {
  const command = new Command('train').description('train a network on a data set and report its accuracy');
  addOptions(command, TRAIN_OPTIONS);
  command.addHelpText('after', EXAMPLES);
  command.action(async (_opts: unknown, cmd: Command) => {
    await runTrain(await resolveTrainOptions(cmd), io);
  });
  return command;
}

interface Snapshot {
  readonly weights: Float32Array[];
  readonly state: TrainingState;
}

export async function runTrain(options: TrainOptions, io: CliIo): Promise<void> {
  const out = new Output({ quiet: Boolean(options.quiet), json: Boolean(options.json), stdout: io.stdout, stderr: io.stderr });
  if (options.plot) imageFormatOf(options.plot);
  if (options.save) checkOutputFolder(options.save, '--save');
  if (options.plot) checkOutputFolder(options.plot, '--plot');
  if (options.checkpointEvery || (options.save && options.model !== 'rbp')) checkOutputFolder(checkpointPath(options), '--checkpoint');
  setBackendWarningHandler((message) => out.warn(message));
  const backend = await loadBackend(options.backend);
  if (options.model === 'rbp') {
    const { runTrainFixedPoint } = await import('./train-fixed-point.js');
    return runTrainFixedPoint(options, backend, out);
  }

  const raw = await loadRawDataset(options.data, {
    command: 'train',
    seed: options.seed,
    ...(options.target ? { target: options.target } : {}),
    ...(options.seqLen ? { seqLen: options.seqLen } : {}),
  });
  const normalize = options.normalize ?? raw.defaultNormalize;
  const data = prepareTrainingData(raw, options.testSplit, options.seed, normalize);
  const loss: LossName = options.loss ?? defaultLoss(raw.task);
  const outputActivation = options.outputActivation ?? defaultOutputActivation(loss, raw.task);
  const batchRows = options.batchSize > 0 ? Math.min(options.batchSize, data.train.n) : data.train.n;
  const lr = options.lr ?? defaultLr(options.optimizer, options.model, loss, batchRows);

  let model: Model;
  let initialEpoch = 0;
  if (options.resume) {
    const loaded = await loadModelFile(options.resume, backend);
    model = loaded.model;
    if (!loaded.trainingState) throw new CliError(`'${options.resume}' holds no training state: it is a saved model, not a checkpoint.`);
    initialEpoch = loaded.trainingState.epoch;
    checkResumable(model, data, options);
  } else {
    const { inputSize, outputSize } = data.train;
    const spec: ModelSpec =
      options.model === 'mlp'
        ? buildMlpSpec(options, loss, outputActivation, inputSize, outputSize)
        : buildRecurrentSpec(options.model, options.hidden ?? 32, options.seqLen ?? raw.seqLen ?? inputSize, loss, outputActivation, inputSize, outputSize);
    try {
      model = Model.create(spec, { backend, seed: options.seed });
    } catch (error) {
      throw new UsageError((error as Error).message, 'train');
    }
  }

  const optimizer: OptimizerConfig = {
    name: options.optimizer,
    lr,
    ...(options.momentum !== undefined ? { momentum: options.momentum } : {}),
    ...(options.weightDecay ? { weightDecay: options.weightDecay } : {}),
    ...(options.l1 ? { l1: options.l1 } : {}),
  };
  const rows = `${data.train.n} train${data.test ? ` / ${data.test.n} test` : ''} rows`;
  out.line(`training ${describeNetwork(model)} on ${options.data} (${rows}) with backend ${backend.info.description}`);
  if (initialEpoch > 0) out.line(`resuming from '${options.resume}' at epoch ${initialEpoch}/${options.epochs}`);

  const progress = createProgress({ quiet: out.quiet, stdout: io.stdout, stderr: io.stderr });
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  let lastGood: Snapshot | undefined;
  const keepSnapshots = Boolean(options.save || options.checkpointEvery);
  const checkpointFile = checkpointPath(options);
  const metadataBase = (): CliModelMetadata => modelMetadata(options, data, { loss, outputActivation, lr, normalize });

  const fitOptions: FitOptions = {
    epochs: options.epochs,
    initialEpoch,
    batchSize: options.batchSize,
    optimizer,
    schedule: options.schedule,
    ...(options.validationSplit > 0 ? { validationSplit: options.validationSplit } : {}),
    ...(options.earlyStopping !== undefined ? { earlyStopping: { patience: options.earlyStopping, restoreBestWeights: true } } : {}),
    ...(options.clipNorm !== undefined ? { clipNorm: options.clipNorm } : {}),
    signal: controller.signal,
    onBatchEnd: (log) => progress.batch(log),
    onEpochEnd: async (log: EpochLog) => {
      progress.epoch(log);
      if (keepSnapshots) lastGood = { weights: model.getWeights(), state: model.getTrainingState() };
      if (options.checkpointEvery && log.epoch % options.checkpointEvery === 0) {
        await saveModelFile(checkpointFile, model, metadataBase(), { checkpoint: true });
      }
    },
  };

  progress.start({ epochs: options.epochs, startEpoch: initialEpoch, samples: data.train.n });
  let history: History;
  try {
    history = await model.fit(data.train, fitOptions);
  } catch (error) {
    progress.stop();
    if ((error as Error).name === 'DivergenceError') {
      // Core names its options; on the command line they are flags.
      const message = (error as Error).message.replace('clipNorm, e.g. 1', '--clip-norm 1').replace('standardising the inputs', 'standardising the inputs (--standardize)');
      throw new CliError(message.replace(/learning rate \(it was ([^)]*)\)/, 'learning rate (--lr; it was $1)'));
    }
    throw error;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
  progress.stop();

  if (history.stopReason === 'aborted') {
    await saveInterrupted(model, lastGood, options, checkpointFile, metadataBase(), out);
    // The history counts completed epochs whether or not a snapshot was kept (only --save keeps one).
    const completed = history.epochs.at(-1)?.epoch ?? initialEpoch;
    throw new Interrupted(`interrupted after ${completed} completed epoch${completed === 1 ? '' : 's'}.`);
  }

  const seconds = history.epochs.reduce((s, e) => s + e.seconds, 0);
  // Rows actually trained on (a validation split holds some out): each epoch's rate × its time.
  const samples = history.epochs.reduce((s, e) => s + e.samplesPerSecond * e.seconds, 0);
  const trainEval = model.evaluate(data.train);
  const testEval = data.test ? model.evaluate(data.test) : undefined;
  const epochsRun = history.epochs.length ? history.epochs[history.epochs.length - 1]!.epoch : initialEpoch;
  const classNames = data.train.classNames ?? [];

  if (history.stopReason === 'early-stopping') {
    out.line(`early stopping at epoch ${epochsRun}: restored the weights of epoch ${history.bestEpoch}`);
  }
  printResults(out, trainEval, testEval, classNames);
  out.line(`trained ${history.epochs.length} epochs in ${formatDuration(seconds)} (${formatRate(samples / Math.max(seconds, 1e-9))} samples/s)`);

  const interactive = Boolean(io.stdout.isTTY) && !out.quiet;
  if (interactive && history.epochs.length > 1) {
    out.line('\nloss per epoch:');
    out.line(asciiLossChart(history.epochs.map((e) => e.loss)));
  }

  const record: TrainingRecord = {
    data: options.data,
    epochs: epochsRun,
    trainRows: data.train.n,
    testRows: data.test?.n ?? 0,
    ...(trainEval.accuracy !== undefined ? { trainAccuracy: trainEval.accuracy } : {}),
    ...(testEval?.accuracy !== undefined ? { testAccuracy: testEval.accuracy } : {}),
    trainLoss: trainEval.loss,
    ...(testEval ? { testLoss: testEval.loss } : {}),
    backend: backend.info.name,
    seconds,
    stopReason: history.stopReason,
  };
  if (options.save) {
    await saveModelFile(options.save, model, { ...metadataBase(), result: record });
    out.line(`saved the model to ${options.save}`);
  }
  if (options.plot) {
    const { writeChart } = await import('../plot/render-chart.js');
    const extra = options.data === 'sine' ? [(await import('../plot/forecast-panel.js')).sineForecastPanel(model, options.seqLen ?? raw.seqLen ?? model.inputSize, options.seed)] : [];
    await writeChart(options.plot, trainingPlotSpec(history.epochs, `backprop train --data ${options.data}`, extra));
    out.line(`wrote the training plot to ${options.plot}`);
  }
  out.summary({
    data: options.data,
    epochs: epochsRun,
    trainAccuracy: trainEval.accuracy ?? null,
    testAccuracy: testEval?.accuracy ?? null,
    trainLoss: trainEval.loss,
    testLoss: testEval?.loss ?? null,
    ...(history.epochs.at(-1)?.valLoss !== undefined ? { valLoss: history.epochs.at(-1)!.valLoss } : {}),
    stopReason: history.stopReason,
    backend: backend.info.name,
    isa: backend.info.isa ?? null,
    threads: backend.info.threads ?? 1,
    seconds,
    samplesPerSecond: samples / Math.max(seconds, 1e-9),
    parameters: model.parameterCount(),
    // Named after the flags: `model` is --model's kind (as in the rbp summary), `save` the --save path.
    model: options.model,
    ...(options.save ? { save: options.save } : {}),
  });
}

async function loadBackend(name: TrainOptions['backend']): Promise<Backend> {
  try {
    return await getBackend(name);
  } catch (error) {
    throw new CliError(`cannot use the '${name}' backend: ${(error as Error).message}`, { cause: error });
  }
}

function describeNetwork(model: Model): string {
  const first = model.layers[0];
  if (first && ['rnn', 'lstm', 'gru'].includes(first.type)) {
    const spec = first.toSpec() as { seqLen?: number; features?: number; units?: number };
    return `an ${first.type.toUpperCase()} (${spec.seqLen} steps × ${spec.features} features → ${spec.units} hidden → ${model.outputSize})`;
  }
  const sizes = [model.inputSize, ...model.layers.filter((l) => l.type !== 'dropout').map((l) => l.outputSize)];
  return `a ${sizes.join('-')} network`;
}

/**
 * The metadata saved with the model: its config in --config form (every option, with the
 * defaults that were derived spelled out), so that `train --resume` and readers of the file
 * know exactly how it was trained.
 */
function modelMetadata(
  options: TrainOptions,
  data: PreparedData,
  derived: { loss: string; outputActivation: string; lr: number; normalize: string },
): CliModelMetadata {
  const { json: _j, quiet: _q, verbose: _v, config: _c, resume: _r, standardize: _s, scale: _sc, schedule, ...rest } = options;
  return {
    ...(data.train.classNames ? { classNames: data.train.classNames } : {}),
    ...(data.train.featureNames ? { featureNames: data.train.featureNames } : {}),
    ...(data.preprocessor ? { preprocessor: data.preprocessor.toJSON() } : {}),
    ...(data.raw.imageSide ? { imageSide: data.raw.imageSide } : {}),
    // Only the options the network kind reads: an RNN's file does not claim mlp --layers it never had.
    config: { ...rest, ...(options.model === 'mlp' ? {} : { layers: undefined, activation: undefined, dropout: undefined }), ...derived, schedule: scheduleToString(schedule) },
  };
}

/** A checkpoint can only continue a run with the same network and data shapes. */
function checkResumable(model: Model, data: PreparedData, options: TrainOptions): void {
  if (model.inputSize !== data.train.inputSize || model.outputSize !== data.train.outputSize) {
    throw new CliError(
      `checkpoint '${options.resume}' is for ${model.inputSize} inputs → ${model.outputSize} outputs, but --data ${options.data} has ${data.train.inputSize} → ${data.train.outputSize}.`,
    );
  }
  if (model.epoch >= options.epochs) {
    throw new UsageError(`checkpoint '${options.resume}' already has ${model.epoch} epochs; ask for more with --epochs.`, 'train');
  }
}

async function saveInterrupted(
  model: Model,
  lastGood: Snapshot | undefined,
  options: TrainOptions,
  file: string,
  metadata: CliModelMetadata,
  out: Output,
): Promise<void> {
  if (!options.save && !options.checkpointEvery) {
    out.warn('training interrupted: nothing was saved (give --save to keep a checkpoint of the last completed epoch).');
    return;
  }
  if (!lastGood) {
    out.warn('training interrupted before the first epoch completed: nothing was saved.');
    return;
  }
  model.setWeights(lastGood.weights);
  model.setTrainingState(lastGood.state);
  await saveModelFile(file, model, metadata, { checkpoint: true });
  out.warn(
    `training interrupted: saved the weights of epoch ${lastGood.state.epoch} to ${file} (continue with --resume ${file}).`,
  );
}

function printResults(out: Output, train: Evaluation, test: Evaluation | undefined, classNames: readonly string[]): void {
  const acc = (e: Evaluation): string => (e.accuracy !== undefined ? ` | accuracy ${formatAccuracy(e.accuracy)}` : '');
  out.line(`train loss ${formatLoss(train.loss)}${acc(train)}`);
  if (!test) return;
  out.line(`test loss ${formatLoss(test.loss)}${acc(test)}`);
  if (test.accuracy !== undefined) out.line(`test accuracy ${(test.accuracy * 100).toFixed(2)}%`);
  if (test.confusion) {
    out.line('confusion matrix (test):');
    out.line(formatConfusion(test.confusion, classNames));
  }
}
