/**
 * The worker_thread side of trainInWorker: imports the preload modules (a backend that registers
 * itself), runs core's `train` on the config, reports each epoch, and posts the model file back
 * as a transferred buffer. An 'abort' message aborts training after the current batch; the last
 * completed epoch is then sent back as a checkpoint (weights and training state), so that the
 * run can continue with `resume`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Model } from '../model/model.js';
import { serializeModel, type JsonValue, type ModelMetadata } from '../model/serialize.js';
import type { TrainingState } from '../model/training-state.js';
import { train, type TrainStart } from '../run/train.js';
import { loadDataSource } from './data/data-source.js';
import type { FromTrainWorker, ToTrainWorker, TrainWorkerData } from './train-worker-messages.js';

const port = parentPort;
if (!port) throw new Error('train-worker.js runs only as a worker_thread (see trainInWorker)');
const { config, preload } = workerData as TrainWorkerData;
const controller = new AbortController();
port.on('message', (message: ToTrainWorker) => {
  if (message.type === 'abort') controller.abort();
});

function post(message: FromTrainWorker, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(message, transfer);
}

/** The metadata `backprop predict` and `backprop serve` read: class names, preprocessing, the config. */
function metadataOf(start: TrainStart, imageSide: number | undefined): ModelMetadata {
  const { train: rows, preprocessor } = start.data;
  const plain = (value: unknown): JsonValue => JSON.parse(JSON.stringify(value ?? null)) as JsonValue;
  return {
    ...(rows.classNames ? { classNames: [...rows.classNames] } : {}),
    ...(rows.featureNames ? { featureNames: [...rows.featureNames] } : {}),
    ...(preprocessor ? { preprocess: plain(preprocessor.toJSON()) } : {}),
    ...(imageSide ? { imageSide } : {}),
    dataset: plain(start.config.data),
    training: plain({ config: start.config }),
  };
}

async function run(): Promise<void> {
  for (const specifier of preload) await import(specifier);
  const name = typeof config.data === 'string' ? config.data : undefined;
  const source = name
    ? await loadDataSource(name, {
        ...(typeof config.seed === 'number' ? { seed: config.seed } : {}),
        ...(typeof config.seqLen === 'number' ? { seqLen: config.seqLen } : {}),
        ...(config.target !== undefined ? { target: config.target } : {}),
        ...(config.embedding !== undefined ? { tokens: true } : {}),
      })
    : undefined;
  let started: TrainStart | undefined;
  let lastGood: { weights: Float32Array[]; state: TrainingState } | undefined;
  const result = await train(config, {
    ...(source ? { data: source } : {}),
    signal: controller.signal,
    onStart: (start) => (started = start),
    onEpochEnd: (log) => {
      const model = started?.model;
      if (model) lastGood = { weights: model.getWeights(), state: model.getTrainingState() };
      post({ type: 'epoch', log });
    },
  });
  const metadata = metadataOf(started!, source?.imageSide);
  const bytes = (model: Model, state?: TrainingState): Uint8Array => serializeModel(model, metadata, state ? { trainingState: state } : {});
  const aborted = result.history.stopReason === 'aborted';
  let model: Uint8Array | undefined;
  let checkpoint: Uint8Array | undefined;
  if (!aborted) model = bytes(result.model);
  else if (lastGood) {
    result.model.setWeights(lastGood.weights);
    checkpoint = bytes(result.model, lastGood.state);
  }
  const transfer = [model, checkpoint].filter((b): b is Uint8Array => b !== undefined).map((b) => b.buffer as ArrayBuffer);
  post(
    {
      type: 'done',
      stopReason: result.history.stopReason,
      epochs: result.history.epochs,
      ...(model ? { model } : {}),
      ...(checkpoint ? { checkpoint } : {}),
      backend: result.model.backend.info.name,
    },
    transfer,
  );
}

run().catch((error: unknown) => {
  const e = error instanceof Error ? error : new Error(String(error));
  post({ type: 'error', name: e.name, message: e.message });
});
