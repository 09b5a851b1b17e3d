/**
 * TensorFlow.js on W4: tf.layers.simpleRNN (Elman, tanh, 128 units, returnSequences) on
 * sequences of 64 steps × 32 features, batch 32, mean squared error on every step's hidden
 * state, plain SGD, trained with model.trainOnBatch (full backpropagation through time). The
 * loss is TF's mean rather than backprop's per-row sum: a constant factor that changes the
 * gradient's scale, not the work.
 */
import type { Tensor } from '@tensorflow/tfjs';
import { median, startClock, timeUnits } from '../stats.js';
import { loadTf, quietly, type TfBackend } from './tfjs-setup.js';

export interface W4Shape {
  readonly features: number;
  readonly units: number;
  readonly seqLen: number;
  readonly batch: number;
  readonly lr: number;
}

export interface RnnResult {
  readonly system: string;
  readonly sequencesPerSecond: number;
  readonly perUnit: readonly number[];
  /** Median over the timed units of sequences per CPU-second of the process (all its threads). */
  readonly cpuSequencesPerSecond: number;
  readonly unitSequences: number;
  readonly detail: string;
}

/** One warm-up unit, then `units` timed units of `batchesPerUnit` trainOnBatch calls. */
export async function measureTfjsRnn(backend: TfBackend, w4: W4Shape, batchesPerUnit: number, units: number): Promise<RnnResult> {
  const tf = await loadTf(backend);
  // quietly: TF.js warns that its orthogonal recurrent initialiser is slow on 128×128.
  const model = await quietly(() =>
    tf.sequential({
      layers: [tf.layers.simpleRNN({ units: w4.units, activation: 'tanh', returnSequences: true, inputShape: [w4.seqLen, w4.features] })],
    }),
  );
  model.compile({ optimizer: tf.train.sgd(w4.lr), loss: 'meanSquaredError' });
  const x = tf.randomUniform([w4.batch, w4.seqLen, w4.features], -1, 1, 'float32', 1);
  const y = tf.randomUniform([w4.batch, w4.seqLen, w4.units], -0.5, 0.5, 'float32', 2);
  /** One unit; returns [sequences/s, sequences per CPU-second]. */
  const runUnit = async (): Promise<[number, number]> => {
    const clock = startClock();
    for (let b = 0; b < batchesPerUnit; b++) await model.trainOnBatch(x, y);
    return clock.rates(batchesPerUnit * w4.batch);
  };
  const { perUnit, cpuPerUnit } = await timeUnits(units, runUnit);
  tf.dispose([x, y] as Tensor[]);
  return {
    system: `tfjs ${backend}`,
    sequencesPerSecond: median(perUnit),
    perUnit,
    cpuSequencesPerSecond: median(cpuPerUnit),
    unitSequences: batchesPerUnit * w4.batch,
    detail: `TensorFlow.js ${tf.version.tfjs} ${tf.getBackend()} simpleRNN`,
  };
}
