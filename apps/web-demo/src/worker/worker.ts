/// <reference lib="webworker" />
/**
 * The training worker: every model of the demo lives and trains here, so the page's main
 * thread only draws. Each tab starts its own worker; the page talks to it with the messages
 * of protocol.ts.
 */
import { Model } from '@backprop/core';
import { FitSession, classifierSpec, modelInfo, prepareData } from './fit-session.js';
import { PlaygroundModel } from './playground-model.js';
import type { FromWorker, PlaygroundHyper, ToWorker } from './protocol.js';
import { yieldToEventLoop } from './yield.js';
import { loadModelFile, saveModelFile, type LoadedModel } from './model-file.js';

declare const self: DedicatedWorkerGlobalScope;

/** Minimum milliseconds between two playground snapshots while playing (about 12 per second). */
const SNAPSHOT_EVERY_MS = 80;
/** Minimum milliseconds between two per-batch progress messages. */
const PROGRESS_EVERY_MS = 100;

let pg: PlaygroundModel | null = null;
let hyper: PlaygroundHyper | null = null;
let playing = false;
/** A snapshot the page has not yet drawn: while one is out, training goes on but no new one is sent. */
let snapshotOut = false;
let looping = false;
let fit: FitSession | null = null;
/** The model that predict/save act on: the last one trained or loaded in this worker. */
let current: LoadedModel | null = null;

function post(msg: FromWorker, transfer: Transferable[] = []): void {
  self.postMessage(msg, transfer);
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

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

async function playLoop(): Promise<void> {
  if (looping) return;
  looping = true;
  let lastSnap = 0;
  try {
    while (playing && pg) {
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

async function handle(msg: ToWorker): Promise<void> {
  switch (msg.type) {
    case 'pg-setup': {
      // A new network starts paused at epoch 0, as Playground's reset does.
      playing = false;
      pg = new PlaygroundModel(msg.setup);
      hyper = msg.hyper;
      current = { model: pg.model, metadata: { source: 'playground' } };
      postSnapshot();
      return;
    }
    case 'pg-ack':
      snapshotOut = false;
      return;
    case 'pg-hyper':
      hyper = msg.hyper;
      return;
    case 'pg-play':
      playing = true;
      void playLoop();
      return;
    case 'pg-pause':
      playing = false;
      postSnapshot();
      return;
    case 'pg-step': {
      playing = false;
      const target = pg;
      if (target && !looping && (await trainOne(target)) && target === pg) postSnapshot();
      return;
    }
    case 'fit-start': {
      fit?.stop();
      const job = msg.job;
      const data = await prepareData(job, msg.mnistBytes);
      const classes = data.train.outputSize;
      const model = Model.create(classifierSpec(job, data.train.inputSize, classes), { seed: job.seed });
      const session = new FitSession(job, model, data);
      fit = session;
      const metadata: Record<string, unknown> = { dataset: job.dataset, ...(data.train.classNames ? { classNames: data.train.classNames } : {}) };
      if (data.preprocessor) metadata.preprocessor = data.preprocessor.toJSON();
      current = { model, metadata };
      let lastProgress = 0;
      const { stopReason, last } = await session.run((progress, epochEnd) => {
        const t = performance.now();
        if (!epochEnd && t - lastProgress < PROGRESS_EVERY_MS) return;
        lastProgress = t;
        post({ type: 'fit-progress', progress });
      });
      if (fit === session) fit = null;
      post({ type: 'fit-done', progress: last, stopReason, info: modelInfo(model, data.train.classNames, metadata) });
      return;
    }
    case 'fit-stop':
      fit?.stop();
      return;
    case 'predict': {
      if (!current) throw new Error('no model yet: train or load one first');
      const acts = current.model.activations(msg.x, msg.rows);
      const output = (acts[acts.length - 1] as (typeof acts)[number]).data;
      const value = { output, activations: acts.map((a) => ({ name: a.name, cols: a.cols, data: a.data })) };
      post({ type: 'reply', id: msg.id, ok: true, value });
      return;
    }
    case 'save': {
      if (!current) throw new Error('no model yet: train or load one first');
      const bytes = saveModelFile(current);
      post({ type: 'reply', id: msg.id, ok: true, value: bytes }, [bytes.buffer]);
      return;
    }
    case 'load': {
      fit?.stop();
      playing = false;
      const loaded = loadModelFile(msg.bytes);
      current = loaded;
      const classNames = loaded.metadata.classNames as readonly string[] | undefined;
      post({ type: 'reply', id: msg.id, ok: true, value: modelInfo(loaded.model, classNames, loaded.metadata) });
      return;
    }
    case 'first-layer': {
      if (!current) throw new Error('no model yet: train or load one first');
      const first = current.model.layers[0];
      const kernel = first?.params().find((p) => p.name === 'kernel');
      if (!first || !kernel) throw new Error('the first layer has no weights');
      const value = { inputSize: first.inputSize, units: first.outputSize, kernel: Float32Array.from(kernel.value) };
      post({ type: 'reply', id: msg.id, ok: true, value }, [value.kernel.buffer]);
      return;
    }
    case 'forecast':
      throw new Error('forecast is not available in this build');
  }
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const msg = event.data;
  handle(msg).catch((e: unknown) => {
    if ('id' in msg) post({ type: 'reply', id: msg.id, ok: false, error: errorText(e) });
    else post({ type: 'error', message: errorText(e) });
  });
};
