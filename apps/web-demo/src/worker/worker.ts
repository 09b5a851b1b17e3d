/// <reference lib="webworker" />
/**
 * The training worker: every model of the demo lives and trains here, so the page's main
 * thread only draws. Each tab starts its own worker; the page talks to it with the messages
 * of protocol.ts.
 */
import { loadData, loadIris, type PatternCompletionSet } from '@backprop/core';
import { chooseBackend } from './backend-choice.js';
import { explainStep } from './explain-step.js';
import { errorText } from './field-names.js';
import { FitRun, type FitOutcome } from './fit-run.js';
import { fixedPointTrace } from './fixed-point-trace.js';
import { gemmBench } from './gemm-bench.js';
import { mnistSource } from './job-data.js';
import { loadModelFile, prepareInput, saveModelFile, type LoadedModel } from './model-file.js';
import { modelInfo } from './model-info.js';
import { copyWeights, readPlaygroundFile } from './playground-file.js';
import { PlaygroundModel } from './playground-model.js';
import { recurrentView } from './recurrent-view.js';
import type { EvaluationResult, ExplainStep, FirstLayerWeights, FromWorker, PlaygroundHyper, PlaygroundSpeed, Prediction, ToWorker } from './protocol.js';
import { yieldToEventLoop } from './yield.js';

declare const self: DedicatedWorkerGlobalScope;

/** Minimum milliseconds between two playground snapshots while playing. */
const SNAPSHOT_EVERY_MS = 80;
/** Epochs trained per drawn frame at each paced speed (max is unpaced). */
const EPOCHS_PER_FRAME: Record<Exclude<PlaygroundSpeed, 'max'>, number> = { slow: 1, normal: 1, fast: 10 };
/** Slow adds this pause after each drawn epoch, so that a learner can follow every change. */
const SLOW_PAUSE_MS = 250;
/** Minimum milliseconds between two progress messages of a fit job. */
const PROGRESS_EVERY_MS = 100;

let pg: PlaygroundModel | null = null;
let hyper: PlaygroundHyper | null = null;
let playing = false;
let looping = false;
/** A snapshot the page has not yet drawn: while one is out, training goes on but no new one is sent. */
let snapshotOut = false;
let speed: PlaygroundSpeed = 'normal';
/** Resolves the paced loop's wait for the page's acknowledgement (or for a pause/reset). */
let wakeLoop: (() => void) | null = null;

function wake(): void {
  const w = wakeLoop;
  wakeLoop = null;
  w?.();
}

/** Waits until the page has drawn the last snapshot (or play stops). */
function drawn(): Promise<void> {
  if (!snapshotOut || !playing) return Promise.resolve();
  return new Promise((resolve) => (wakeLoop = resolve));
}
let fit: FitRun | null = null;
/** A playground file read by `pg-load`, waiting for the page to rebuild its setup. */
let pendingPlayground: LoadedModel | null = null;
/** The model that predict/save/evaluate act on: the last one trained or loaded in this worker. */
let current: LoadedModel | null = null;

function post(msg: FromWorker, transfer: Transferable[] = []): void {
  self.postMessage(msg, transfer);
}

function needModel(): LoadedModel {
  if (!current) throw new Error('no model yet: train or load one first');
  return current;
}

// ------------------------------------------------------------------ playground

function postSnapshot(): void {
  if (!pg) return;
  const snapshot = pg.snapshot(playing);
  snapshotOut = true;
  post({ type: 'pg-snapshot', snapshot }, [...snapshot.layerOutputs.map((a) => a.buffer), ...snapshot.weights.flatMap((w) => [w.kernel.buffer, w.bias.buffer])]);
}

async function trainOne(target: PlaygroundModel): Promise<boolean> {
  try {
    await target.trainEpoch(hyper as PlaygroundHyper);
    return true;
  } catch (e) {
    playing = false;
    post({ type: 'error', message: `training stopped: ${errorText(e)}` });
    return false;
  }
}

/** Paced play: a few epochs, one snapshot, then wait until the page has drawn it. */
async function pacedStep(): Promise<void> {
  const target = pg as PlaygroundModel;
  const epochs = EPOCHS_PER_FRAME[speed as Exclude<PlaygroundSpeed, 'max'>];
  for (let i = 0; i < epochs; i++) {
    if (!(await trainOne(target)) || target !== pg) break;
  }
  if (target !== pg) return;
  postSnapshot();
  await drawn();
  if (speed === 'slow' && playing) await new Promise((r) => setTimeout(r, SLOW_PAUSE_MS));
}

async function playLoop(): Promise<void> {
  if (looping) return;
  looping = true;
  let lastSnap = 0;
  try {
    while (playing && pg) {
      if (speed !== 'max') {
        await pacedStep();
        continue;
      }
      const target = pg;
      const ok = await trainOne(target);
      if (target !== pg) continue; // reset while the epoch ran: the new network starts at epoch 0
      const t = performance.now();
      if (!ok || !playing || (!snapshotOut && t - lastSnap >= SNAPSHOT_EVERY_MS)) {
        postSnapshot();
        lastSnap = performance.now();
      }
      await yieldToEventLoop();
    }
  } finally {
    looping = false;
  }
}

// ------------------------------------------------------------------ fit jobs

async function runFit(msg: Extract<ToWorker, { type: 'fit-start' }>): Promise<void> {
  fit?.stop();
  const session = new FitRun(msg.job);
  fit = session;
  let lastPost = 0;
  let outcome: FitOutcome;
  try {
    outcome = await session.run((progress, epochEnd) => {
      const t = performance.now();
      if (t - lastPost < PROGRESS_EVERY_MS && !(epochEnd && progress.epoch === progress.epochs)) return false;
      lastPost = t;
      post({ type: 'fit-progress', progress });
      return true;
    }, msg.mnistBytes);
    // The run's model (stopped or not) answers predict, save and first-layer from now on, unless
    // a loaded file or a newer run replaced it meanwhile. A refused or failed run (e.g. lr 0)
    // ends with an error and no fit-done, and the previous model stays the tab's model.
    if (fit === session) current = outcome.trained;
  } catch (e) {
    post({ type: 'fit-failed', message: errorText(e), progress: session.failedProgress(e) });
    return;
  } finally {
    if (fit === session) fit = null;
  }
  post({ type: 'fit-done', progress: outcome.last, stopReason: outcome.stopReason, info: modelInfo(outcome.trained) });
}

async function evaluateBuiltin(msg: Extract<ToWorker, { type: 'evaluate' }>): Promise<EvaluationResult> {
  const m = needModel();
  let data = msg.dataset === 'iris' ? loadIris() : msg.mnistBytes ? (await mnistSource(msg.mnistBytes)).data : null;
  if (!data) throw new Error('evaluating on MNIST needs the digits asset bytes');
  if (m.model.inputSize !== data.inputSize || m.model.outputSize !== data.outputSize) {
    throw new Error(
      `this model maps ${m.model.inputSize} inputs to ${m.model.outputSize} outputs; ${msg.dataset} has ${data.inputSize} features and ${data.outputSize} classes`,
    );
  }
  if (m.preprocessor) data = m.preprocessor.transformDataset(data);
  const ev = m.model.evaluate(data);
  return {
    rows: data.n,
    loss: ev.loss,
    ...(ev.accuracy !== undefined ? { accuracy: ev.accuracy } : {}),
    ...(ev.confusion ? { confusion: ev.confusion } : {}),
    ...(ev.precision ? { precision: ev.precision } : {}),
    ...(ev.recall ? { recall: ev.recall } : {}),
    ...(data.classNames ? { classNames: data.classNames } : {}),
  };
}

// ------------------------------------------------------------------ explainer

/** One SGD step of the current model on one training example, every number from core. */
async function explain(row: number, lr?: number): Promise<ExplainStep> {
  const m = needModel();
  if (pg && m.model === pg.model) {
    const h = hyper as PlaygroundHyper;
    const data = pg.train;
    if (!(Number.isInteger(row) && row >= 0 && row < data.n)) throw new Error(`example ${row + 1} is not among the ${data.n} training points`);
    const x = data.x.slice(row * data.inputSize, (row + 1) * data.inputSize) as Float32Array;
    const y = data.y.slice(row, row + 1) as Float32Array;
    return explainStep(m.model, x, y, { lr: h.lr, weightDecay: h.regularization === 'l2' ? h.regRate : 0, l1: h.regularization === 'l1' ? h.regRate : 0 });
  }
  let data = loadIris();
  if (m.model.inputSize !== data.inputSize) throw new Error('the explainer knows the playground and Iris data sets only');
  if (m.preprocessor) data = m.preprocessor.transformDataset(data);
  if (!(Number.isInteger(row) && row >= 0 && row < data.n)) throw new Error(`flower ${row + 1} is not among the ${data.n} flowers`);
  const x = Float32Array.from(data.x.subarray(row * data.inputSize, (row + 1) * data.inputSize));
  const y = Float32Array.from(data.y.subarray(row * data.outputSize, (row + 1) * data.outputSize));
  return explainStep(m.model, x, y, { lr: lr ?? 0.01 });
}

// ------------------------------------------------------------------ dispatch

/** Handles one message; a returned value (with its transferables) answers a request. */
async function handle(msg: ToWorker): Promise<{ value: unknown; transfer?: Transferable[] } | void> {
  switch (msg.type) {
    case 'pg-setup':
      // A new network starts paused at epoch 0, as Playground's reset does.
      playing = false;
      wake();
      pg = new PlaygroundModel(msg.setup);
      hyper = msg.hyper;
      current = {
        model: pg.model,
        metadata: {
          dataset: 'playground',
          featureNames: [...msg.setup.featureNames],
          ...(msg.setup.problem === 'classification' ? { classNames: ['orange', 'blue'] } : {}),
          training: {
            problem: msg.setup.problem,
            hidden: [...msg.setup.hidden],
            activation: msg.setup.activation,
            seed: msg.setup.seed,
            ...(msg.setup.page !== undefined ? { page: msg.setup.page } : {}),
          },
        },
      };
      postSnapshot();
      return;
    case 'pg-ack':
      snapshotOut = false;
      wake();
      return;
    case 'pg-set-weight':
      playing = false;
      wake();
      pg?.setWeight(msg.layer, msg.index, msg.value);
      postSnapshot();
      return;
    case 'pg-speed':
      speed = msg.speed;
      return;
    case 'explain':
      return { value: await explain(msg.row, msg.lr) };
    case 'pg-hyper':
      hyper = msg.hyper;
      return;
    case 'pg-play':
      playing = true;
      void playLoop();
      return;
    case 'pg-pause':
      playing = false;
      wake();
      postSnapshot();
      return;
    case 'pg-step': {
      playing = false;
      const target = pg;
      if (target && !looping && (await trainOne(target)) && target === pg) postSnapshot();
      return;
    }
    case 'fit-start':
      await runFit(msg);
      return;
    case 'fit-stop':
      fit?.stop();
      return;
    case 'predict': {
      // During a run, the drawing is read by the weights trained so far (a copy, so the run goes on untouched).
      const m = fit?.snapshot() ?? needModel();
      const acts = m.model.activations(prepareInput(m, msg.x, msg.rows), msg.rows);
      const value: Prediction = {
        output: (acts[acts.length - 1] as (typeof acts)[number]).data.slice(),
        activations: acts.map((a) => {
          const shape = m.model.layers[a.layer]?.outputShape;
          return { name: a.name, cols: a.cols, data: a.data, ...(shape ? { shape: [...shape] } : {}) };
        }),
      };
      return { value, transfer: [value.output.buffer, ...value.activations.map((a) => a.data.buffer)] };
    }
    case 'save': {
      const bytes = saveModelFile(needModel(), msg.format);
      return { value: bytes, transfer: [bytes.buffer] };
    }
    case 'load': {
      const loaded = loadModelFile(msg.bytes, msg.expected);
      // The loaded model replaces a run still going: stopped, it no longer becomes the worker's model.
      fit?.stop();
      fit = null;
      playing = false;
      current = loaded;
      return { value: modelInfo(loaded) };
    }
    case 'pg-load': {
      const { loaded, info } = readPlaygroundFile(msg.bytes);
      pendingPlayground = loaded;
      return { value: info };
    }
    case 'pg-apply-loaded': {
      const file = pendingPlayground;
      pendingPlayground = null;
      if (!file || !pg) return;
      playing = false;
      copyWeights(file.model, pg.model);
      postSnapshot();
      return;
    }
    case 'evaluate':
      return { value: await evaluateBuiltin(msg) };
    case 'rnn-view':
      return { value: recurrentView(needModel(), msg.sine, msg.text, msg.seed) };
    case 'fp-patterns': {
      const set = (await loadData('pattern-completion')).data as PatternCompletionSet;
      const w = set.inputSize;
      return { value: Array.from({ length: set.prototypes.length / w }, (_, k) => Array.from(set.prototypes.subarray(k * w, (k + 1) * w))) };
    }
    case 'fp-relax':
      return { value: fixedPointTrace(needModel().model, msg.cue, msg.target) };
    case 'first-layer': {
      const first = needModel().model.layers[0];
      const kernel = first?.params().find((p) => p.name === 'kernel');
      if (!first || !kernel || kernel.shape.length !== 2) throw new Error('the first layer has no dense kernel');
      const value: FirstLayerWeights = { inputSize: first.inputSize, units: first.outputSize, kernel: Float32Array.from(kernel.value) };
      return { value, transfer: [value.kernel.buffer] };
    }
    case 'bench-gemm':
      return { value: await gemmBench(msg.n, msg.threads, msg.seconds) };
  }
}

// Every model is created after the backend is chosen, so that none is left on the TS backend
// while wasm loads; messages wait for it in the order they came.
const backendChosen = chooseBackend().then((backend) => post({ type: 'backend', backend }));

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const msg = event.data;
  backendChosen.then(() => handle(msg)).then(
    (answer) => {
      if ('id' in msg) post({ type: 'reply', id: msg.id, ok: true, value: answer ? answer.value : undefined }, answer?.transfer ?? []);
    },
    (e: unknown) => {
      if ('id' in msg) post({ type: 'reply', id: msg.id, ok: false, error: errorText(e) });
      else post({ type: 'error', message: errorText(e) });
    },
  );
};
