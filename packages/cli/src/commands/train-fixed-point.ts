/**
 * `backprop train --model rbp`: a fixed-point recurrent network trained by Almeida–Pineda
 * recurrent backpropagation (core's AlmeidaPinedaNetwork): forward relaxation
 * x = f(Wx + b + I) to a fixed point, adjoint relaxation y = Wᵀ(f'(u)∘y) + e, then
 * dE/dW = −(f'(u)∘y) xᵀ. Every pattern is both trained and scored (the sets are tiny: xor has 4).
 * --save writes the network as JSON (core's fixed-point format).
 */
import { AlmeidaPinedaNetwork, evaluateFixedPoint, fitFixedPoint, fixedPointToJSON, type Backend } from '@backprop/core';
import { loadRawDataset } from '../data/load-raw-dataset.js';
import { CliError } from '../errors.js';
import { writeFileAtomic } from '@backprop/core/node';
import type { Output } from '../output/output.js';
import { PlainProgress } from '../progress/plain-progress.js';
import { formatLoss } from '../progress/format.js';
import type { TrainOptions } from './train-options.js';

export async function runTrainFixedPoint(options: TrainOptions, backend: Backend, out: Output): Promise<void> {
  const raw = await loadRawDataset(options.data, { command: 'train', seed: options.seed });
  const data = raw.data;
  const hidden = options.hidden ?? 3;
  const lr = options.lr ?? 0.5;
  const net = new AlmeidaPinedaNetwork(backend, { inputs: data.inputSize, hidden, outputs: data.outputSize, seed: options.seed });
  out.line(
    `training an Almeida–Pineda fixed-point network (${data.inputSize} clamped inputs, ${hidden} hidden, ${data.outputSize} outputs, fully recurrent) on ${options.data} (${data.n} patterns) with backend ${backend.info.description}`,
  );
  const progress = out.quiet ? undefined : new PlainProgress(out.stdout);
  progress?.start({ epochs: options.epochs, startEpoch: 0, samples: data.n });
  const t0 = performance.now();
  let history: ReturnType<typeof fitFixedPoint>;
  try {
    history = fitFixedPoint(net, data, {
      epochs: options.epochs,
      lr,
      momentum: options.momentum ?? 0.9,
      batchSize: options.batchSize,
      seed: options.seed,
      ...(options.weightDecay ? { weightDecay: options.weightDecay } : {}),
      onEpochEnd: (log) =>
        progress?.epoch({ epoch: log.epoch, epochs: options.epochs, loss: log.loss, lr, seconds: 0, samplesPerSecond: Number.NaN }),
    });
  } catch (error) {
    throw new CliError(`training the fixed-point network failed: ${(error as Error).message}`, { cause: error });
  }
  const seconds = (performance.now() - t0) / 1000;
  const evaluation = evaluateFixedPoint(net, data);
  const epochs = history.epochs.length;
  out.line(`loss (½‖t − x‖², mean over patterns) ${formatLoss(evaluation.loss)}${evaluation.accuracy !== undefined ? ` | accuracy ${evaluation.accuracy.toFixed(3)}` : ''}`);
  const outputs = net.predict(data.x, data.n);
  for (let r = 0; r < Math.min(data.n, 8); r++) {
    const inputs = Array.from(data.x.subarray(r * data.inputSize, (r + 1) * data.inputSize)).join(',');
    const target = Array.from(data.y.subarray(r * data.outputSize, (r + 1) * data.outputSize)).join(',');
    const got = Array.from(outputs.subarray(r * data.outputSize, (r + 1) * data.outputSize), (v) => v.toFixed(3)).join(',');
    out.line(`  input ${inputs} → ${got} (target ${target})`);
  }
  if (options.save) {
    await writeFileAtomic(options.save, JSON.stringify(fixedPointToJSON(net)));
    out.line(`saved the network to ${options.save} (fixed-point JSON)`);
  }
  out.summary({
    data: options.data,
    model: 'rbp',
    epochs,
    stopReason: history.stopReason,
    trainLoss: evaluation.loss,
    testLoss: evaluation.loss,
    trainAccuracy: evaluation.accuracy ?? null,
    testAccuracy: evaluation.accuracy ?? null,
    mse: evaluation.mse,
    backend: backend.info.name,
    isa: backend.info.isa ?? null,
    threads: backend.info.threads ?? 1,
    seconds,
    samplesPerSecond: (epochs * data.n) / Math.max(seconds, 1e-9),
    ...(options.save ? { save: options.save } : {}),
  });
}
