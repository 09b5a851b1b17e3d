/**
 * `backprop train`: a training run from flags (or --config, or a checkpoint's saved config) —
 * core's TrainConfig, run by core's `train` — with live progress, train/test metrics and the
 * confusion matrix, and optionally the model saved, checkpoints written, and the curves plotted.
 */
import {
  ConfigError,
  getBackend,
  setBackendWarningHandler,
  train,
  type Backend,
  type DataSource,
  type EpochLog,
  type Evaluation,
  type Model,
  type ResolvedTrainConfig,
  type TrainingState,
  type TrainResult,
  type TrainStart,
} from '@backprop/core';
import { Command } from 'commander';
import { generatedDataOptions, loadRawDataset } from '../data/load-raw-dataset.js';
import { CliError, UsageError } from '../errors.js';
import { loadModelFile, saveModelFile } from '../model-io/model-file.js';
import type { CliModelMetadata, TrainingRecord } from '../model-io/model-metadata.js';
import { trainMemoryLimitBytes } from '../options/memory-limit.js';
import { addOptions } from '../options/option-table.js';
import { flagOf } from '../options/config-flags.js';
import { checkOutputFolder } from '../output/check-output-folder.js';
import { formatConfusion } from '../output/confusion-table.js';
import { count } from '../output/count.js';
import { Output } from '../output/output.js';
import { asciiLossChart } from '../plot/ascii-loss.js';
import { imageFormatOf } from '../plot/image-format.js';
import { trainingPlotSpec } from '../plot/training-plot.js';
import { createProgress } from '../progress/create-progress.js';
import { formatAccuracy, formatDuration, formatLoss, formatRate } from '../progress/format.js';
import { Interrupted, type CliIo } from '../io.js';
import { stopGracefully, type StopSignal } from '../signals.js';
import { checkpointPath, trainRunFrom, type TrainCliSettings, type TrainRun } from './train-run-config.js';
import { addHiddenTrainOptions, TRAIN_OPTIONS } from './train-options.js';

const EXAMPLES = `
Examples:
  $ backprop train --data iris --layers 8 --activation sigmoid --loss cross-entropy --optimizer sgd --lr 0.1 --epochs 1000 --batch-size 0 --test-split 0.3 --seed 42 --save iris.bpm
  $ backprop train --data iris --layers 8 --activation sigmoid --output-activation sigmoid --loss mse --lr 0.5 --epochs 300 --batch-size 0 --json
  $ backprop train --data iris --layers 16,8 --optimizer adam --lr 0.01 --epochs 50 --validation-split 0.2 --early-stopping 10 --plot iris-loss.svg
  $ backprop train --data mnist --layers 32 --batch-size 64 --lr 0.05 --epochs 1 --test-split 0.2 --save mnist.bpm --quiet --json
  $ backprop train --data mnist --layers conv:6:5:p2,pool:2,conv:16:5,pool:2,120,84 --activation relu --lr 0.05 --batch-size 64 --epochs 1 --quiet --json
  $ backprop train --data iris --epochs 40 --checkpoint-every 20 --checkpoint ck.bpm --quiet
  $ backprop train --resume ck.bpm --epochs 60 --json
  $ backprop train --data sine --model rnn --units 32 --seq-len 50 --epochs 5 --plot sine.png --json
  $ backprop train --data text --model gru --embedding 16 --epochs 1 --quiet --json
  $ backprop train --data xor --json
  $ backprop train --data iris --model fixed-point --json

--layers lists the hidden layers: a number is a dense layer; conv:<filters>:<kernel> is a
convolution (add :s<stride>, and :p<padding> or :same; padding 0 by default), pool:<size> max
pooling and avgpool:<size> average pooling (:s<stride>, :p<padding>), gap global average pooling,
bn batch and ln layer normalisation, dropout:<rate> dropout, flatten a flatten (implied before a
dense layer). --activation applies to the dense and conv layers. Image layers need image data
(mnist, mnist-idx:<dir>); --model cnn is a ready convolutional network for them (--layers,
--optimizer, --lr, --batch-size and --epochs change it). A --config file may also list layer
objects, e.g. {"type": "conv2d", "filters": 8, "kernelSize": 3, "dilation": 2}.

--embedding <dim> (rnn, lstm, gru on text) reads each character as its token id, looked up in
a learned table of <dim>-value vectors (an embedding layer before the recurrent one), instead
of as a one-hot row; eval, predict, inspect and generate read the saved model the same way.

Every flag is a key of the run's config (--batch-size is batchSize, --lr is optimizer.lr): a JSON
file given with --config holds the same object (flags win). Ctrl-C (or SIGTERM) stops after the
current batch; with --save the last completed epoch is kept as a checkpoint (exit 130, or 143).
--resume takes the training options from the checkpoint, never the files to write: give --save.`;

export function trainCommand(io: CliIo): Command {
  const command = new Command('train').description('train a network on a data set and report its accuracy');
  addOptions(command, TRAIN_OPTIONS);
  addHiddenTrainOptions(command);
  command.addHelpText('after', EXAMPLES);
  command.action(async (_opts: unknown, cmd: Command) => {
    await runTrain(await trainRunFrom(cmd), io);
  });
  return command;
}


interface Snapshot {
  readonly weights: Float32Array[];
  readonly state: TrainingState;
}

export async function runTrain(run: TrainRun, io: CliIo): Promise<void> {
  const { config, cli } = run;
  const out = new Output({ quiet: cli.quiet, json: cli.json, stdout: io.stdout, stderr: io.stderr });
  if (cli.plot) imageFormatOf(cli.plot);
  if (cli.save) checkOutputFolder(cli.save, '--save', 'train');
  if (cli.plot) checkOutputFolder(cli.plot, '--plot', 'train');
  if (config.checkpointEvery || cli.save) checkOutputFolder(checkpointPath(cli), '--checkpoint', 'train');
  setBackendWarningHandler((message) => out.warn(message));
  const backend = await loadBackend(config.backend ?? 'auto');
  const dataName = typeof config.data === 'string' ? config.data : 'iris';
  const source = await loadRawDataset(dataName, {
    command: 'train',
    ...generatedDataOptions({ seed: 42, ...config }),
    ...(config.target !== undefined ? { target: String(config.target) } : {}),
  });
  const resumed = cli.resume ? await loadCheckpoint(cli.resume, backend) : undefined;

  const progress = createProgress({ quiet: out.quiet, stdout: io.stdout, stderr: io.stderr });
  // The first SIGINT or SIGTERM stops after the current batch (and a checkpoint is saved below).
  const controller = new AbortController();
  let stopSignal = 'SIGINT' as StopSignal;
  const stopNoMore = stopGracefully((signal) => {
    stopSignal = signal;
    controller.abort();
  });
  let lastGood: Snapshot | undefined;
  const keepSnapshots = Boolean(cli.save || config.checkpointEvery);
  const checkpointFile = checkpointPath(cli);
  let started: TrainStart | undefined;
  const metadataOf = (start: TrainStart): CliModelMetadata => modelMetadata(start, source, cli);

  let result: TrainResult;
  try {
    result = await train(config, {
      backend,
      data: source,
      ...(resumed ? { resume: resumed } : {}),
      memoryLimitBytes: trainMemoryLimitBytes(),
      signal: controller.signal,
      onStart: (start) => {
        started = start;
        const { data, validationRows, initialEpoch } = start;
        const parts = [`${data.train.n - validationRows} train`, ...(validationRows ? [`${validationRows} validation`] : []), ...(data.test ? [`${data.test.n} test`] : [])];
        out.line(`training ${describeNetwork(start.model, start.config)} on ${dataName} (${parts.join(' / ')} rows) with backend ${backend.info.description}`);
        if (initialEpoch > 0) out.line(`resuming from '${cli.resume}' at epoch ${initialEpoch}/${start.config.epochs}`);
        if (cli.resume) {
          const where = resumedOutputs(cli, start.config.checkpointEvery);
          if (where) out.warn(where);
        }
        progress.start({ epochs: start.config.epochs, startEpoch: initialEpoch, samples: data.train.n - validationRows });
      },
      onBatchEnd: (log) => progress.batch(log),
      onWarning: (warning) => {
        // On a terminal the live bar owns the current line: clear it; the bar redraws below.
        if (io.stderr.isTTY) io.stderr.write('\r\x1b[2K');
        out.warn(`warning: ${warning.format(flagOf)}`);
      },
      onEpochEnd: (log: EpochLog) => {
        progress.epoch(log);
        if (keepSnapshots && started) lastGood = { weights: started.model.getWeights(), state: started.model.getTrainingState() };
      },
      onCheckpoint: async (model) => {
        if (started) await saveModelFile(checkpointFile, model, metadataOf(started), { checkpoint: true });
      },
    });
  } catch (error) {
    progress.stop();
    throw asCliError(error);
  } finally {
    stopNoMore();
  }
  progress.stop();
  const start = started as TrainStart;
  const { model, history, evaluation } = result;
  const resolved = result.config;

  if (history.stopReason === 'aborted') {
    await saveInterrupted(model, lastGood, cli, Boolean(resolved.checkpointEvery), checkpointFile, metadataOf(start), out);
    // The history counts completed epochs whether or not a snapshot was kept (only --save keeps one).
    const completed = history.epochs.at(-1)?.epoch ?? start.initialEpoch;
    throw new Interrupted(`${stopSignal === 'SIGTERM' ? 'terminated (SIGTERM)' : 'interrupted'} after ${count(completed, 'completed epoch')}.`, stopSignal);
  }

  const epochsRun = history.epochs.at(-1)?.epoch ?? start.initialEpoch;
  const classNames = result.data.train.classNames ?? [];
  if (history.stopReason === 'early-stopping') {
    out.line(`early stopping at epoch ${epochsRun}: restored the weights of epoch ${history.bestEpoch}`);
  }
  printResults(out, evaluation.train, evaluation.test, classNames);
  out.line(`trained ${count(history.epochs.length, 'epoch')} in ${formatDuration(result.seconds)} (${formatRate(result.samplesPerSecond)} samples/s)`);

  const interactive = Boolean(io.stdout.isTTY) && !out.quiet;
  if (interactive && history.epochs.length > 1) {
    out.line('\nloss per epoch:');
    out.line(asciiLossChart(history.epochs.map((e) => e.loss)));
  }

  const record: TrainingRecord = {
    data: dataName,
    epochs: epochsRun,
    trainRows: result.data.train.n,
    testRows: result.data.test?.n ?? 0,
    ...(evaluation.train.accuracy !== undefined ? { trainAccuracy: evaluation.train.accuracy } : {}),
    ...(evaluation.test?.accuracy !== undefined ? { testAccuracy: evaluation.test.accuracy } : {}),
    trainLoss: evaluation.train.loss,
    ...(evaluation.test ? { testLoss: evaluation.test.loss } : {}),
    backend: backend.info.name,
    seconds: result.seconds,
    stopReason: history.stopReason,
  };
  if (cli.save) {
    await saveModelFile(cli.save, model, { ...metadataOf(start), result: record });
    out.line(`saved the model to ${cli.save}`);
  }
  if (cli.plot) {
    const { writeChart } = await import('../plot/render-chart.js');
    const extra = dataName === 'sine' ? [(await import('../plot/forecast-panel.js')).sineForecastPanel(model, resolved.seqLen ?? model.inputSize, resolved.seed)] : [];
    await writeChart(cli.plot, trainingPlotSpec(history.epochs, `backprop train --data ${dataName}`, extra));
    out.line(`wrote the training plot to ${cli.plot}`);
  }
  out.summary({
    data: dataName,
    epochs: epochsRun,
    trainAccuracy: evaluation.train.accuracy ?? null,
    testAccuracy: evaluation.test?.accuracy ?? null,
    trainLoss: evaluation.train.loss,
    testLoss: evaluation.test?.loss ?? null,
    ...(history.epochs.at(-1)?.valLoss !== undefined ? { valLoss: history.epochs.at(-1)!.valLoss } : {}),
    stopReason: history.stopReason,
    backend: backend.info.name,
    isa: backend.info.isa ?? null,
    threads: backend.info.threads ?? 1,
    seconds: result.seconds,
    samplesPerSecond: result.samplesPerSecond,
    parameters: model.parameterCount(),
    // Named after the flags: `model` is --model's kind, `save` the --save path.
    model: resolved.model,
    ...(cli.save ? { save: cli.save } : {}),
  });
}

/**
 * Where a resumed run writes, when the command line does not say it all: the checkpoint's own
 * file names are never reused (a checkpoint from elsewhere must not choose which files get
 * replaced), so a run resumed without --save keeps nothing but its checkpoints.
 */
export function resumedOutputs(cli: Pick<TrainCliSettings, 'save' | 'checkpoint'>, checkpointEvery: number | undefined): string | undefined {
  const checkpoints = checkpointEvery ? `checkpoints every ${count(checkpointEvery, 'epoch')} go to '${checkpointPath(cli)}'` : undefined;
  if (!cli.save) return `not saving the model: give --save to keep it${checkpoints ? `; ${checkpoints}` : ''}.`;
  if (checkpoints && !cli.checkpoint) return `${checkpoints[0]!.toUpperCase()}${checkpoints.slice(1)} (give --checkpoint to choose).`;
  return undefined;
}

/**
 * Core's errors name config keys; on the command line they are flags. A config that cannot work
 * is a usage error; a run that failed (diverged, found no fixed point) is a runtime failure.
 */
function asCliError(error: unknown): unknown {
  if (!(error instanceof ConfigError)) return error;
  if (error.name === 'ConfigError') return new UsageError(`${error.format(flagOf)}.`, 'train');
  return new CliError(error.format(flagOf), { cause: error });
}

async function loadBackend(name: string): Promise<Backend> {
  try {
    return await getBackend(name);
  } catch (error) {
    throw new CliError(`cannot use the '${name}' backend: ${(error as Error).message}`, { cause: error });
  }
}

/** A checkpoint's model, its training state applied (training continues from its epoch). */
async function loadCheckpoint(path: string, backend: Backend): Promise<Model> {
  const loaded = await loadModelFile(path, backend);
  if (!loaded.trainingState) throw new CliError(`'${path}' holds no training state: it is a saved model, not a checkpoint.`);
  return loaded.model;
}

function describeNetwork(model: Model, config: ResolvedTrainConfig): string {
  const first = model.layers[0];
  if (config.model === 'fixed-point') {
    return `a fixed-point network (${model.inputSize} clamped inputs, ${count(config.units ?? 0, 'hidden unit')}, ${count(model.outputSize, 'output')}, fully recurrent; Almeida–Pineda)`;
  }
  // A recurrent model may read its steps through an embedding of token ids.
  const embedded = first?.type === 'embedding';
  const recurrent = embedded ? model.layers[1] : first;
  if (recurrent && ['rnn', 'lstm', 'gru'].includes(recurrent.type)) {
    const spec = recurrent.toSpec() as { seqLen?: number; features?: number; units?: number };
    const steps = embedded
      ? `${count(model.inputSize, 'token id')} → embedding ${(first.toSpec() as { dim?: number }).dim}`
      : `${spec.seqLen} steps × ${count(spec.features ?? 0, 'feature')}`;
    return `an ${recurrent.type.toUpperCase()} (${steps} → ${spec.units} hidden → ${model.outputSize})`;
  }
  if (model.layers.some((l) => (l.outputShape?.length ?? 1) > 1)) {
    // Layers that keep the shape (dropout, normalisation) are left out; each other one shows the shape it makes.
    const steps = model.layers.filter((l) => !SHAPE_KEEPING.includes(l.type)).map((l) => `${l.type} ${(l.outputShape ?? [l.outputSize]).join('×')}`);
    return `a convolutional network ${[(model.spec.inputShape ?? [model.inputSize]).join('×'), ...steps].join(' → ')}`;
  }
  const sizes = [model.inputSize, ...model.layers.filter((l) => l.type !== 'dropout').map((l) => l.outputSize)];
  return `a ${sizes.join('-')} network`;
}

/** Layers whose output has the shape of their input. */
const SHAPE_KEEPING = ['dropout', 'batchnorm', 'layernorm'];

/**
 * The metadata saved with the model: the resolved config (every default spelled out) and the
 * command line's files, so that `train --resume` and readers of the file know exactly how it
 * was trained.
 */
function modelMetadata(start: TrainStart, source: DataSource, cli: TrainCliSettings): CliModelMetadata {
  const train = start.data.train;
  return {
    ...(train.classNames ? { classNames: train.classNames } : {}),
    ...(train.featureNames ? { featureNames: train.featureNames } : {}),
    ...(start.data.preprocessor ? { preprocessor: start.data.preprocessor.toJSON() } : {}),
    ...(source.imageSide ? { imageSide: source.imageSide } : {}),
    config: { ...start.config, ...(cli.save ? { save: cli.save } : {}), ...(cli.checkpoint ? { checkpoint: cli.checkpoint } : {}) },
  };
}

async function saveInterrupted(
  model: Model,
  lastGood: Snapshot | undefined,
  cli: TrainCliSettings,
  checkpointing: boolean,
  file: string,
  metadata: CliModelMetadata,
  out: Output,
): Promise<void> {
  if (!cli.save && !checkpointing) {
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
  out.warn(`training interrupted: saved the weights of epoch ${lastGood.state.epoch} to ${file} (continue with --resume ${file}).`);
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
