/**
 * The metadata a model trained here is saved with, in the layout the `backprop` CLI writes:
 * classNames, featureNames, the fitted input transform under `preprocess`, `imageSide` for
 * images, `dataset`, and `training: { config, result }` — the resolved TrainConfig (every
 * default spelled out) and the run's outcome. So a model saved in the browser opens in
 * `backprop eval / predict / inspect`, and one the CLI saved opens here.
 */
import type { JsonValue, ModelMetadata, TrainResult } from '@backprop/core';

/** Plain JSON (drops undefined values), as the metadata type requires. */
function json(value: unknown): JsonValue {
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}

/**
 * @param run what core's train resolved with
 * @param task what only the page knows of the data (the MNIST row limit, the sine waves), kept beside the config
 */
export function runMetadata(run: TrainResult, task?: Record<string, unknown>): ModelMetadata {
  const { config, data, source, evaluation, history } = run;
  const train = data.train;
  const result = {
    data: config.data,
    epochs: history.epochs.at(-1)?.epoch ?? 0,
    trainRows: train.n,
    testRows: data.test?.n ?? 0,
    trainAccuracy: evaluation.train.accuracy,
    testAccuracy: evaluation.test?.accuracy,
    trainLoss: evaluation.train.loss,
    testLoss: evaluation.test?.loss,
    backend: run.model.backend.info.name,
    seconds: run.seconds,
    stopReason: history.stopReason,
  };
  return {
    ...(train.classNames ? { classNames: [...train.classNames] } : {}),
    ...(train.featureNames ? { featureNames: [...train.featureNames] } : {}),
    ...(data.preprocessor ? { preprocess: json(data.preprocessor.toJSON()) } : {}),
    ...(source.imageSide ? { imageSide: source.imageSide } : {}),
    dataset: config.data,
    training: json({ config, ...(task ? { task } : {}), result }),
  };
}
