/**
 * Child process of the W3 benchmark: trains Iris once on one backend and prints one JSON line
 * { backend, detail, trainMs, processMs, accuracy }. processMs counts from process start
 * (Node's performance.timeOrigin), so it includes loading the backend and the data.
 * Usage: node dist/w3-child.js <ts|native>
 */
import { Model, fitPreprocessor, getBackend, loadIris, stratifiedSplit } from '@backprop/core';
import '@backprop/node-native';

async function main(): Promise<void> {
  const name = process.argv[2];
  if (name !== 'ts' && name !== 'native') throw new Error(`usage: w3-child <ts|native>, got ${String(name)}`);
  const backend = await getBackend(name);
  // W3: 4-8-3, sigmoid hidden, softmax + CE, full batch, lr 0.1, 1000 iterations, 70/30 split.
  const split = stratifiedSplit(loadIris(), 0.3, 42);
  const pre = fitPreprocessor('standardize', split.train);
  const train = pre.transformDataset(split.train);
  const test = pre.transformDataset(split.test);
  const model = Model.create(
    {
      inputSize: 4,
      layers: [
        { type: 'dense', units: 8, activation: 'sigmoid' },
        { type: 'dense', units: 3, activation: 'softmax' },
      ],
      loss: 'cross-entropy',
    },
    { backend, seed: 42 },
  );
  const t0 = performance.now();
  await model.fit(train, { epochs: 1000, batchSize: 0, optimizer: { name: 'sgd', lr: 0.1 } });
  const trainMs = performance.now() - t0;
  const accuracy = model.evaluate(test).accuracy;
  process.stdout.write(`${JSON.stringify({ backend: name, detail: backend.info.description, trainMs, processMs: performance.now(), accuracy })}\n`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
