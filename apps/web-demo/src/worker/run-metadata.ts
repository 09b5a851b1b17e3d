/**
 * The metadata a model trained here is saved with, in the layout the `backprop` CLI writes:
 * classNames, featureNames, the fitted input transform under `preprocess`, `imageSide` for
 * images, `dataset`, and `training: { config, result }` — the resolved TrainConfig (every
 * default spelled out) and the run's outcome. So a model saved in the browser opens in
 * `backprop eval / predict / inspect`, and one the CLI saved opens here.
 */
import type { JsonValue, ModelMetadata, TrainResult } from '@backprop/core';
import type { EpochPoint } from './protocol.js';

/** Plain JSON (drops undefined values), as the metadata type requires. */
function json(value: unknown): JsonValue {
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}

/**
 * @param run what core's train resolved with
 * @param task what only the page knows of the data (the MNIST row limit, the sine waves), kept beside the config
 * @param history the per-epoch losses the page charted, kept under `training.history` (a key the
 *   CLI does not read) so the chart can be drawn again when the file is opened
 */
export function runMetadata(run: TrainResult, task?: Record<string, unknown>, history?: readonly EpochPoint[]): ModelMetadata {
  const { config, data, source, evaluation } = run;
  const epochs = run.history.epochs;
  const train = data.train;
  const result = {
    data: config.data,
    epochs: epochs.at(-1)?.epoch ?? 0,
    trainRows: train.n,
    testRows: data.test?.n ?? 0,
    trainAccuracy: evaluation.train.accuracy,
    testAccuracy: evaluation.test?.accuracy,
    trainLoss: evaluation.train.loss,
    testLoss: evaluation.test?.loss,
    backend: run.model.backend.info.name,
    seconds: run.seconds,
    stopReason: run.history.stopReason,
  };
  return {
    ...(train.classNames ? { classNames: [...train.classNames] } : {}),
    ...(train.featureNames ? { featureNames: [...train.featureNames] } : {}),
    ...(data.preprocessor ? { preprocess: json(data.preprocessor.toJSON()) } : {}),
    ...(source.imageSide ? { imageSide: source.imageSide } : {}),
    dataset: config.data,
    training: json({ config, ...(task ? { task } : {}), result, ...(history && history.length > 0 ? { history } : {}) }),
  };
}
