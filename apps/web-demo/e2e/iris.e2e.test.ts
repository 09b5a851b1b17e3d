/**
 * The Iris tab in a real browser: train with a live confusion matrix, save the model (CLI
 * format, ONNX, safetensors) and read the files back with core in Node; load a model file written by the backprop CLI and check the
 * browser scores it exactly as core does in Node.
 */
import { readFileSync } from 'node:fs';
import { deserializeModel, loadIris, Model, preprocessorFromJSON, serializeModel, type ModelMetadata } from '@backprop/core';
import { importOnnx, importSafetensors } from '@backprop/core/interop';
import { describe, expect, it } from 'vitest';
import { classifierFile, evalWithCli, trainWithCli } from './fixtures.js';
import { browserSession, paintedPixels, readNumber, screenshot } from './harness.js';
import type { Page } from 'playwright-core';

const site = browserSession();

/** Accuracy over all 150 flowers of a model file, computed by core in Node through its saved preprocessing. */
function nodeAccuracy(bytes: Uint8Array): number {
  const { model, metadata } = deserializeModel(bytes);
  let data = loadIris();
  if (metadata.preprocess) data = preprocessorFromJSON(metadata.preprocess).transformDataset(data);
  return model.evaluate(data).accuracy as number;
}

/** A model's outputs for all 150 flowers' raw measurements, through the preprocessing in `metadata`. */
function irisOutputs(model: Model, metadata: ModelMetadata): Float32Array {
  const data = loadIris();
  const x = metadata.preprocess ? preprocessorFromJSON(metadata.preprocess).transform(data.x, data.n) : data.x;
  return model.predict(x, data.n);
}

/** Click a save button and return the downloaded file's suggested name and bytes. */
async function saveAs(page: Page, button: string): Promise<{ name: string; bytes: Uint8Array }> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: button, exact: true }).click();
  const d = await download;
  return { name: d.suggestedFilename(), bytes: new Uint8Array(readFileSync(await d.path())) };
}

describe('Iris tab', () => {
  it('trains with a live confusion matrix, and its saved model opens in Node', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.preview.url}#tab=iris`);
    await page.getByTestId('iris-train').click();
    // Wait for the run to finish: the epoch counter reaches the epoch total.
    await page.waitForFunction(() => document.querySelector('[data-testid=iris-epoch]')?.textContent === '150', null, { timeout: 30_000 });
    await page.getByRole('button', { name: 'Train' }).and(page.locator(':not([disabled])')).waitFor();
    const accuracy = await readNumber(page, '[data-testid=iris-accuracy]');
    expect(accuracy).toBeGreaterThan(0.85);
    // 45 held-out flowers (30% of each species), every one counted once.
    const cells = await page.locator('[data-testid=confusion] tbody td:not(.metric)').allTextContents();
    expect(cells).toHaveLength(9);
    expect(cells.map(Number).reduce((a, b) => a + b, 0)).toBe(45);
    const diagonal = [0, 4, 8].map((i) => Number(cells[i]));
    expect(diagonal.reduce((a, b) => a + b, 0) / 45).toBeCloseTo(accuracy, 3);
    // Per-class recall (15 flowers of each species held out) beside each row.
    const recall = await page.locator('[data-testid=confusion] tbody tr td.metric').allTextContents();
    expect(recall.slice(0, 3)).toEqual(diagonal.map((d) => `${Math.round((d / 15) * 100)}%`));

    await page.getByRole('button', { name: 'Classify' }).click();
    await page.getByLabel('species probabilities').waitFor();
    const trainedAnswer = await page.getByLabel('species probabilities').textContent();
    await screenshot(page, 'iris-trained');
    // An emptied measurement is named, not read as 0 cm.
    await page.getByLabel('sepal width (cm)').fill('');
    await page.getByRole('button', { name: 'Classify' }).click();
    await page.getByRole('alert').or(page.getByLabel('species probabilities')).first().waitFor();
    expect(await page.getByRole('alert').allTextContents()).toEqual(['Enter the sepal width (cm) to classify a flower.']);
    expect(await page.getByLabel('species probabilities').count()).toBe(0);
    await page.getByLabel('sepal width (cm)').fill('2.8');
    expect(await page.getByRole('alert').count()).toBe(0);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save model' }).click();
    const saved = await download;
    expect(saved.suggestedFilename()).toBe('iris.bpm');
    const file = await saved.path();
    const bytes = new Uint8Array(readFileSync(file));
    const { model, metadata } = deserializeModel(bytes);
    expect(model.inputSize).toBe(4);
    expect(metadata.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(metadata.preprocess).toMatchObject({ type: 'standardize' });
    // The file scores in Node as the trained model does: well above chance.
    expect(nodeAccuracy(bytes)).toBeGreaterThan(0.85);
    // It records its run as the CLI does (the resolved config), so `backprop eval` finds the same
    // 45 held-out flowers from the config's test split and seed, and scores them as the page did.
    expect(metadata.training).toMatchObject({ config: { data: 'iris', layers: [8], activation: 'tanh', optimizer: { name: 'adam', lr: 0.02 }, epochs: 150, testSplit: 0.3, seed: 42 } });
    const cliEval = evalWithCli(file);
    expect(cliEval).toMatchObject({ data: 'iris', split: 'test', rows: 45 });
    expect((cliEval['accuracy'] as number).toFixed(3)).toBe(accuracy.toFixed(3));

    // The same model as ONNX and safetensors: read back by core's importers, they predict as the
    // saved model does on the raw measurements (ONNX holds the standardisation as graph nodes).
    const expected = irisOutputs(model, metadata);
    const onnx = await saveAs(page, 'Save as ONNX');
    expect(onnx.name).toBe('iris.onnx');
    expect(onnx.bytes[0]).toBe(0x08);
    const fromOnnx = importOnnx(onnx.bytes);
    expect(fromOnnx.metadata.preprocess).toMatchObject({ type: 'standardize' });
    const onnxOut = irisOutputs(fromOnnx.model, fromOnnx.metadata);
    expect(onnxOut.length).toBe(150 * 3);
    expect(Math.max(...onnxOut.map((v, i) => Math.abs(v - expected[i]!)))).toBeLessThan(1e-5);
    const st = await saveAs(page, 'Save as safetensors');
    expect(st.name).toBe('iris.safetensors');
    expect(String.fromCharCode(st.bytes[8]!)).toBe('{');
    const fromSt = importSafetensors(st.bytes);
    expect(fromSt.model.inputSize).toBe(4);
    expect(irisOutputs(fromSt.model, metadata)).toEqual(expected);
    await page.getByTestId('model-file-status').filter({ hasText: 'saved iris.safetensors' }).waitFor();

    // A restart that fails (learning rate 0) leaves an empty chart, not the last run's axes.
    expect(await paintedPixels(page, '.loss-chart canvas')).toBeGreaterThan(0);
    await page.getByLabel('Learning rate').fill('0');
    await page.getByTestId('iris-train').click();
    await page.getByRole('alert').filter({ hasText: 'learning rate must be a number > 0, got 0' }).waitFor();
    expect(await paintedPixels(page, '.loss-chart canvas')).toBe(0);
    // The refused run did not replace the trained model: Classify answers as before.
    await page.getByRole('button', { name: 'Classify' }).click();
    await page.getByLabel('species probabilities').waitFor();
    expect(await page.getByLabel('species probabilities').textContent()).toBe(trainedAnswer);
    // A Train refused for a bad layer entry shows that refusal alone, not the last run's error too.
    await page.getByLabel('Hidden layers').fill('8, x');
    await page.getByTestId('iris-train').click();
    await page.getByRole('alert').filter({ hasText: "'x'" }).waitFor();
    expect(await page.getByRole('alert').allTextContents()).toEqual(["hidden layer size 'x' must be an integer from 1 to 1024"]);
    expect(site.browser.errors).toEqual([]);
  }, 60_000);

  it('keeps training while another tab is shown, and shows the result on coming back', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.preview.url}#tab=iris`);
    await page.getByTestId('iris-train').click();
    await page.getByRole('tab', { name: 'Playground' }).click();
    await page.getByRole('tab', { name: 'Playground', selected: true }).waitFor();
    // The Iris panel is hidden, not gone: its run goes on in its worker to the last epoch.
    expect(await page.locator('#panel-iris').isHidden()).toBe(true);
    await page.waitForFunction(() => document.querySelector('[data-testid=iris-epoch]')?.textContent === '150', null, { timeout: 30_000 });
    await page.getByRole('tab', { name: 'Iris' }).click();
    expect(await page.locator('#panel-iris').isVisible()).toBe(true);
    expect(await readNumber(page, '[data-testid=iris-accuracy]')).toBeGreaterThan(0.85);
    expect(site.browser.errors).toEqual([]);
  }, 60_000);

  it('loads a model file saved by the backprop CLI and scores it exactly as core does in Node', async () => {
    const cli = trainWithCli(['--data', 'iris', '--layers', '8', '--epochs', '100', '--seed', '3'], 'iris-cli.bpm');
    const expected = nodeAccuracy(cli.bytes);
    const page = await site.browser.newPage();
    await page.goto(`${site.preview.url}#tab=iris`);
    // A short run first: the loaded model replaces it, and its figures must go with it.
    await page.getByLabel('Epochs').fill('20');
    await page.getByTestId('iris-train').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=iris-epoch]')?.textContent === '20');
    await page.getByRole('button', { name: 'Train' }).and(page.locator(':not([disabled])')).waitFor();
    await page.getByTestId('model-file-input').setInputFiles(cli.path);
    const status = page.getByTestId('model-file-status');
    await status.filter({ hasText: 'loaded' }).waitFor();
    expect(await page.getByTestId('iris-epoch').textContent()).toBe('0');
    expect(await page.getByTestId('iris-accuracy').textContent()).toBe('—');
    expect(await paintedPixels(page, '.loss-chart canvas')).toBe(0);
    // The form shows the file's run (the CLI's resolved config), and the chart that the file has no history.
    expect(await page.getByLabel('Hidden layers').inputValue()).toBe('8');
    expect(await page.getByLabel('Epochs').inputValue()).toBe('100');
    expect(await page.getByLabel('Seed').inputValue()).toBe('3');
    await page.getByText('no training history in this file').waitFor();
    const text = (await status.textContent()) ?? '';
    console.log(`[e2e] iris: CLI model (${JSON.stringify(cli.summary.testAccuracy)} test accuracy in the CLI) → browser: ${text}`);
    expect(text).toContain('dense 4→8');
    expect(text).toContain(`accuracy ${expected.toFixed(3)} on all 150 flowers`);
    const cells = await page.locator('[data-testid=confusion] tbody td:not(.metric)').allTextContents();
    expect(cells.map(Number).reduce((a, b) => a + b, 0)).toBe(150);
    await screenshot(page, 'iris-loaded-cli-model');

    // A file that is not a model is refused with core's message, shown on the page.
    await page.getByTestId('model-file-input').setInputFiles({ name: 'junk.bpm', mimeType: 'application/octet-stream', buffer: Buffer.from('not a model') });
    await status.filter({ hasText: 'junk.bpm' }).waitFor();
    expect(await status.textContent()).toContain('not a backprop model file');

    // A well-formed model of another shape (MNIST's) is refused too, and the loaded Iris model stays.
    await page.getByTestId('model-file-input').setInputFiles({ name: 'digits.bpm', mimeType: 'application/octet-stream', buffer: classifierFile(784, 10) });
    await status.filter({ hasText: 'digits.bpm' }).waitFor();
    expect(await status.textContent()).toContain('this model maps 784 inputs to 10 outputs');
    await page.getByRole('button', { name: 'Classify' }).click();
    await page.getByLabel('species probabilities').or(page.getByRole('alert')).first().waitFor();
    expect(await page.getByRole('alert').allTextContents()).toEqual([]);
    expect(await page.getByLabel('species probabilities').locator('.bar').count()).toBe(3);

    // A model ONNX and safetensors cannot hold (a fixed-point layer): Save shows the exporter's
    // message instead of downloading, and the page goes on working.
    const fixedPoint = Model.create(
      { inputSize: 4, layers: [{ type: 'fixed-point', units: 5, outputSize: 5 }, { type: 'dense', units: 3, activation: 'softmax' }], loss: 'cross-entropy' },
      { seed: 1 },
    );
    await page.getByTestId('model-file-input').setInputFiles({ name: 'fixed.bpm', mimeType: 'application/octet-stream', buffer: Buffer.from(serializeModel(fixedPoint, { dataset: 'e2e' })) });
    await status.filter({ hasText: 'loaded fixed.bpm' }).waitFor();
    let downloads = 0;
    page.on('download', () => downloads++);
    await page.getByRole('button', { name: 'Save as ONNX' }).click();
    await status.filter({ hasText: 'iris.onnx not saved' }).waitFor();
    expect(await status.textContent()).toMatch(/layer 1 \(fixed-point\) cannot be exported to ONNX/);
    await page.getByRole('button', { name: 'Save as safetensors' }).click();
    await status.filter({ hasText: 'iris.safetensors not saved' }).waitFor();
    expect(await status.textContent()).toContain('fixed-point');
    expect(downloads).toBe(0);
    // The CLI format holds it: that Save still downloads.
    expect((await saveAs(page, 'Save model')).name).toBe('iris.bpm');
    await page.getByRole('button', { name: 'Classify' }).click();
    await page.getByLabel('species probabilities').waitFor();
    expect(site.browser.errors).toEqual([]);
  }, 60_000);
});
