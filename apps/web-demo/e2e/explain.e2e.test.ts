/**
 * Watching backprop: the playground's pace (Speed, Step), and the explainer, whose gradients
 * must equal the ones core computes in Node for the same weights and example, and which core's
 * gradcheck verifies against float64 finite differences.
 */
import { gradcheck, Model, type ModelSpec } from '@backprop/core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { playgroundSpec } from '../src/worker/playground-model.js';
import { linkPoint } from '../src/playground/link-geometry.js';
import { readNumber, screenshot, browserSession } from './harness.js';

const site = browserSession();

const epochOf = (page: Page): Promise<number> => readNumber(page, '[data-testid=epoch]');

/** Every epoch number the counter shows while playing, until it reaches `until`. */
async function shownEpochs(page: Page, until: number): Promise<number[]> {
  await page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { seen_: number[] }).seen_ = seen;
    const el = document.querySelector('[data-testid=epoch]') as HTMLElement;
    new MutationObserver(() => seen.push(Number(el.textContent?.replace(/,/g, '')))).observe(el, { childList: true, characterData: true, subtree: true });
  });
  await page.getByTestId('play').click();
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid=epoch]')?.textContent?.replace(/,/g, '')) >= n, until);
  await page.getByTestId('play').click();
  await page.locator('[data-testid=epoch][data-running=false]').waitFor();
  return page.evaluate(() => (window as unknown as { seen_: number[] }).seen_);
}

/** The values the explainer shows, by their data attribute ("layer:param:index" → value). */
async function readAttr(page: Page, attr: string): Promise<Map<string, number>> {
  const pairs = await page.locator(`[${attr}]`).evaluateAll((els, a) => els.map((e) => [e.getAttribute(a) as string, Number(e.getAttribute('data-value'))] as const), attr);
  return new Map(pairs);
}

async function readVector(page: Page, prefix: string): Promise<number[]> {
  return page.locator(`[data-testid^="${prefix}-"]`).evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
}

/** Lays the open explainer out all at once ("Show all"), as it was before the walk-through. */
async function showAll(page: Page): Promise<void> {
  await page.getByRole('checkbox', { name: 'Show all', exact: true }).check();
  await page.locator('[data-testid=explainer][data-mode=all]').waitFor();
}

/** The page's weights and gradients by parameter, in core's parameter order (kernel, bias per layer). */
function byParam(values: Map<string, number>, model: Model): Float64Array[] {
  return model.parameters().map((p, k) => {
    const layer = Math.floor(k / 2);
    return Float64Array.from({ length: p.value.length }, (_, i) => {
      const v = values.get(`${layer}:${p.name}:${i}`);
      if (v === undefined) throw new Error(`the page shows no ${p.name} ${i} of layer ${layer + 1}`);
      return v;
    });
  });
}

function expectClose(page: ArrayLike<number>, node: ArrayLike<number>, tol: number, what: string): void {
  expect(page.length, what).toBe(node.length);
  for (let i = 0; i < node.length; i++) {
    const a = page[i] as number;
    const b = node[i] as number;
    expect(Math.abs(a - b), `${what}[${i}]: page ${a}, core ${b}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));
  }
}

/** Checks the open explainer against core in Node: the same weights and example give the same gradients. */
async function checkAgainstCore(page: Page, spec: ModelSpec, seed: number | null): Promise<void> {
  const x = Float64Array.from(await readVector(page, 'x'));
  const y = Float64Array.from(await readVector(page, 'y'));
  const ref = Model.create(spec, { dtype: 'float64', ...(seed === null ? {} : { seed }) });
  const weights = byParam(await readAttr(page, 'data-weight'), ref);
  if (seed !== null) {
    // A fresh network: the page's weights are the seed's, and gradcheck checks that very network.
    ref.getWeights().forEach((w, k) => expectClose(weights[k] as Float64Array, w, 1e-7, `weights ${k}`));
    const check = gradcheck(spec, { x, y, n: 1 }, { seed });
    expect(check.maxRelativeError).toBeLessThan(1e-6);
  }
  ref.setWeights(weights);
  ref.lossAndGradients(x, y, 1, false, false);
  const shown = byParam(await readAttr(page, 'data-grad'), ref);
  ref.parameters().forEach((p, k) => expectClose(shown[k] as Float64Array, p.grad, 1e-9, `gradient of ${p.name} ${k}`));
  // δ of each layer is its bias gradient on one example.
  for (let l = 0; l < spec.layers.length; l++) expectClose(await readVector(page, `delta-${l}`), ref.parameters()[2 * l + 1]!.grad, 1e-9, `δ of layer ${l + 1}`);
}

const SETUP = 'tab=playground&problem=classification&dataset=xor&noise=0&trainPct=50&batchSize=10&seed=3&features=x1,x2&hidden=3,2&lr=0.03&activation=tanh&regularization=none&regRate=0';

describe('playground pace', () => {
  it('plays one epoch per frame by default, one at a time when slow, ten at fast; Step trains exactly one epoch', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.preview.url}#${SETUP}`);
    await page.getByTestId('test-loss').filter({ hasText: /\d/ }).waitFor();
    const speed = page.getByRole('combobox', { name: 'Speed', exact: true });
    expect(await speed.inputValue()).toBe('normal');
    const normal = await shownEpochs(page, 30);
    // Every epoch is drawn: the counter moves one at a time.
    const normalSteps = normal.slice(1).map((e, i) => e - (normal[i] as number));
    expect(normalSteps.filter((d) => d > 0).every((d) => d === 1)).toBe(true);
    await screenshot(page, 'pace-normal');

    // Slow draws every epoch too, with a pause after each.
    await speed.selectOption('slow');
    const slowFrom = await epochOf(page);
    const slow = (await shownEpochs(page, slowFrom + 3)).filter((e) => e > slowFrom);
    expect(slow.slice(0, 3)).toEqual([slowFrom + 1, slowFrom + 2, slowFrom + 3]);

    await speed.selectOption('fast');
    const start = await epochOf(page);
    const fast = (await shownEpochs(page, start + 100)).filter((e) => e > start);
    expect(fast.length).toBeGreaterThan(2);
    expect(fast.every((e) => (e - start) % 10 === 0)).toBe(true);

    const step = page.getByRole('button', { name: 'Step', exact: true });
    const before = await epochOf(page);
    await step.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid=epoch]')?.textContent?.replace(/,/g, '')) === n, before + 1);
    await screenshot(page, 'pace-step');

    await speed.selectOption('max');
    const max = await shownEpochs(page, before + 300);
    expect(max[max.length - 1]).toBeGreaterThanOrEqual(before + 300);
    await screenshot(page, 'pace-max-loss-chart');
    expect(site.browser.errors).toEqual([]);
  }, 60_000);
});

describe('backprop explainer', () => {
  it('shows, for the playground network, the gradients core computes and gradcheck verifies', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.preview.url}#${SETUP}`);
    await page.getByTestId('test-loss').filter({ hasText: /\d/ }).waitFor();
    const spec = playgroundSpec({ problem: 'classification', inputSize: 2, hidden: [3, 2], activation: 'tanh' });
    await page.getByRole('button', { name: 'Explain', exact: true }).click();
    const panel = page.getByRole('region', { name: 'backprop explainer' });
    await page.locator('[data-testid=explainer][data-ready=true]').waitFor();
    await showAll(page);
    expect(await panel.getByRole('heading', { name: '3. Deltas, layer by layer' }).count()).toBe(1);
    await page.getByRole('spinbutton', { name: 'Example' }).fill('5');
    await page.locator('[data-testid=explainer][data-row="4"][data-ready=true]').waitFor();
    await checkAgainstCore(page, spec, 3);
    await screenshot(page, 'explain-playground-epoch0');

    // After some training the explainer follows the new weights.
    await page.getByRole('button', { name: 'Explain', exact: true }).click();
    for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid=epoch]')?.textContent === '000,005');
    await page.getByRole('button', { name: 'Explain', exact: true }).click();
    await page.locator('[data-testid=explainer][data-ready=true]').waitFor();
    await showAll(page);
    await checkAgainstCore(page, spec, null);
    expect(site.browser.errors).toEqual([]);
  }, 60_000);

  it('explains a trained Iris network with core\'s gradients, and fits a phone screen', async () => {
    const page = await site.browser.newPage({ width: 390, height: 844 });
    await page.goto(`${site.preview.url}#tab=iris`);
    await page.getByLabel('Epochs').fill('20');
    await page.getByTestId('iris-train').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=iris-epoch]')?.textContent === '20', null, { timeout: 30_000 });
    const explainButton = page.getByRole('button', { name: 'Explain', exact: true });
    await explainButton.and(page.locator(':not([disabled])')).waitFor();
    await explainButton.click();
    await page.locator('[data-testid=explainer][data-ready=true]').waitFor();
    await page.getByRole('spinbutton', { name: 'Example' }).fill('120');
    await page.locator('[data-testid=explainer][data-row="119"][data-ready=true]').waitFor();
    await showAll(page);
    const spec: ModelSpec = {
      inputSize: 4,
      layers: [
        { type: 'dense', units: 8, activation: 'tanh' },
        { type: 'dense', units: 3, activation: 'softmax' },
      ],
      loss: 'cross-entropy',
    };
    await checkAgainstCore(page, spec, null);
    // The target is a one-hot row: flower 120 is a virginica.
    expect(await readVector(page, 'y')).toEqual([0, 0, 1]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'explain-iris-phone');
    expect(site.browser.errors).toEqual([]);
  }, 60_000);
});

/** A point on the link from one node to another, in page coordinates (the link leaves the source's right edge for the target's left edge). */
async function pointOnLink(page: Page, from: string, to: string, t: number): Promise<{ x: number; y: number }> {
  const a = await page.getByRole('button', { name: from, exact: true }).boundingBox();
  const b = await page.getByRole('img', { name: to, exact: true }).boundingBox();
  if (!a || !b) throw new Error('the network is not drawn');
  return linkPoint({ x1: a.x + a.width, y1: a.y + a.height / 2, x2: b.x - 1, y2: b.y + b.height / 2 }, t);
}

const cardNumber = async (page: Page, id: string): Promise<number> => {
  const el = page.getByTestId(id);
  await el.waitFor();
  return Number(await el.getAttribute('data-value'));
};

describe('hovering and editing the network', () => {
  it('shows a neuron\'s value and δ and a link\'s weight and gradient (core\'s, on example 1), and edits a clicked weight', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.preview.url}#${SETUP}`);
    await page.getByTestId('test-loss').filter({ hasText: /\d/ }).waitFor();
    const spec = playgroundSpec({ problem: 'classification', inputSize: 2, hidden: [3, 2], activation: 'tanh' });
    // The link from x1 to layer 1's second neuron: kernel 0, row 0, column 1.
    const p = await pointOnLink(page, 'input feature X₁', 'layer 1 neuron 2', 0.3);
    await page.mouse.move(p.x, p.y);
    await page.getByTestId('target-card').filter({ hasText: 'from X₁ to layer 1 neuron 2' }).waitFor();
    const weight = await cardNumber(page, 'card-weight');
    const gradient = await cardNumber(page, 'card-gradient');
    await screenshot(page, 'hover-link');
    await page.getByRole('img', { name: 'layer 1 neuron 2', exact: true }).hover();
    await page.getByTestId('target-card').filter({ hasText: 'layer 1 neuron 2' }).waitFor();
    const value = await cardNumber(page, 'card-value');
    const delta = await cardNumber(page, 'card-delta');
    await screenshot(page, 'hover-neuron');
    await page.mouse.move(0, 0);

    // The same numbers as the explainer's for example 1, which match core in Node.
    const explain = page.getByRole('button', { name: 'Explain', exact: true });
    await explain.click();
    await page.locator('[data-testid=explainer][data-row="0"][data-ready=true]').waitFor();
    await showAll(page);
    expect((await readAttr(page, 'data-weight')).get('0:kernel:1')).toBe(weight);
    expect((await readAttr(page, 'data-grad')).get('0:kernel:1')).toBe(gradient);
    expect((await readVector(page, 'a-0'))[1]).toBe(value);
    expect((await readVector(page, 'delta-0'))[1]).toBe(delta);
    expect(gradient).not.toBe(0);
    await checkAgainstCore(page, spec, 3);
    await explain.click();

    // Click the link: its weight opens in an editor; the network takes the new value.
    await page.mouse.click(p.x, p.y);
    const field = page.getByRole('spinbutton', { name: 'Weight from X₁ to layer 1 neuron 2' });
    await field.fill('1.5');
    await screenshot(page, 'edit-weight');
    await field.press('Enter');
    await field.waitFor({ state: 'detached' });
    await explain.click();
    await showAll(page);
    await expect.poll(async () => (await readAttr(page, 'data-weight')).get('0:kernel:1')).toBe(1.5);
    await page.locator('[data-testid=explainer][data-ready=true]').waitFor();
    await checkAgainstCore(page, spec, null);
    await explain.click();

    // With the keyboard: a focused neuron shows its card; any weight can be chosen and set.
    await page.getByRole('img', { name: 'layer 2 neuron 1', exact: true }).locator('..').focus();
    await page.getByTestId('target-card').filter({ hasText: 'layer 2 neuron 1' }).waitFor();
    expect(Number.isFinite(await cardNumber(page, 'card-delta'))).toBe(true);
    await page.getByRole('combobox', { name: 'Edit a weight' }).selectOption({ label: 'from layer 1 neuron 3 to layer 2 neuron 2' });
    const keyed = page.getByRole('spinbutton', { name: 'Weight from layer 1 neuron 3 to layer 2 neuron 2' });
    await keyed.waitFor();
    expect(await keyed.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('-0.25');
    await page.keyboard.press('Enter');
    await keyed.waitFor({ state: 'detached' });
    await explain.click();
    await showAll(page);
    // Layer 2's kernel is 3 × 2: row 3 (neuron 3), column 2 (neuron 2) is index 5.
    await expect.poll(async () => (await readAttr(page, 'data-weight')).get('1:kernel:5')).toBe(-0.25);
    expect(site.browser.errors).toEqual([]);
  }, 60_000);
});

describe('the loss chart at many epochs', () => {
  it('keeps training past 100,000 epochs at max speed, the chart drawn on its epoch axis', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.preview.url}#tab=playground&dataset=gauss&hidden=2&batchSize=30&trainPct=10&features=x1,x2`);
    await page.getByTestId('test-loss').filter({ hasText: /\d/ }).waitFor();
    await page.getByRole('combobox', { name: 'Speed', exact: true }).selectOption('max');
    await page.getByTestId('play').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=epoch]')?.textContent?.replace(/,/g, '')) >= 100_000, null, { timeout: 170_000, polling: 500 });
    await page.getByTestId('play').click();
    await page.locator('[data-testid=epoch][data-running=false]').waitFor();
    expect(await readNumber(page, '[data-testid=epoch]')).toBeGreaterThanOrEqual(100_000);
    await screenshot(page, 'loss-chart-100k-epochs');
    expect(site.browser.errors).toEqual([]);
  }, 180_000);
});

describe('the explainer on a phone', () => {
  it('fits 390 px on the playground and states the L2 update it applied', async () => {
    const page = await site.browser.newPage({ width: 390, height: 844 });
    await page.goto(`${site.preview.url}#${SETUP.replace('regularization=none&regRate=0', 'regularization=l2&regRate=0.01')}`);
    await page.getByTestId('test-loss').filter({ hasText: /\d/ }).waitFor();
    await page.getByRole('button', { name: 'Explain', exact: true }).click();
    await page.locator('[data-testid=explainer][data-ready=true]').waitFor();
    // The walk-through fits too, on its widest stage (every layer's update table).
    const next = page.getByRole('button', { name: 'Next stage', exact: true });
    while ((await next.getAttribute('aria-disabled')) !== 'true') await next.click();
    await page.getByTestId('explain-stage').filter({ hasText: /: update$/ }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await screenshot(page, 'explain-stage-update-phone');
    await showAll(page);
    expect(await page.getByText('w ← w − η·(∂L/∂w + λw) with η = 0.03, λ = 0.01').count()).toBe(3);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'explain-playground-phone');
    expect(site.browser.errors).toEqual([]);
  });
});

/** Core's numbers for one SGD step in Node: forward values, loss, gradients, and w − η·(∂L/∂w + λw) (λ on kernels only). */
function coreStep(spec: ModelSpec, x: Float64Array, y: Float64Array, weights: Float64Array[], lr: number, l2: number) {
  const ref = Model.create(spec, { dtype: 'float64' });
  ref.setWeights(weights);
  const activations = ref.activations(Float32Array.from(x), 1).map((a) => Float64Array.from(a.data));
  const { loss } = ref.lossAndGradients(x, y, 1, false, false);
  const grads = ref.parameters().map((p) => Float64Array.from(p.grad));
  const after = ref.parameters().map((p, k) => Float64Array.from(p.value, (w, i) => w - lr * ((grads[k] as Float64Array)[i] as number + (p.name === 'kernel' ? l2 * w : 0))));
  return { activations, loss, grads, after };
}

describe('the explainer walk-through', () => {
  it('steps through every stage with the keyboard, each showing core\'s numbers for that stage, and back', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.preview.url}#${SETUP.replace('regularization=none&regRate=0', 'regularization=l2&regRate=0.01')}`);
    await page.getByTestId('test-loss').filter({ hasText: /\d/ }).waitFor();
    const spec = playgroundSpec({ problem: 'classification', inputSize: 2, hidden: [3, 2], activation: 'tanh' });
    await page.getByRole('button', { name: 'Explain', exact: true }).click();
    await page.getByRole('spinbutton', { name: 'Example' }).fill('5');
    await page.locator('[data-testid=explainer][data-row="4"][data-ready=true]').waitFor();
    // The walk-through is the default; the example and the weights are read from "Show all",
    // checked there against core, then the reference step is computed from them in Node.
    expect(await page.locator('[data-testid=explainer]').getAttribute('data-mode')).toBe('stages');
    await showAll(page);
    await checkAgainstCore(page, spec, 3);
    const x = Float64Array.from(await readVector(page, 'x'));
    const y = Float64Array.from(await readVector(page, 'y'));
    const model = Model.create(spec, { dtype: 'float64' });
    const weights = byParam(await readAttr(page, 'data-weight'), model);
    const ref = coreStep(spec, x, y, weights, 0.03, 0.01);
    await page.getByRole('checkbox', { name: 'Show all', exact: true }).uncheck();
    await page.locator('[data-testid=explainer][data-mode=stages]').waitFor();

    const titles = ['forward pass, layer 1', 'forward pass, layer 2', 'forward pass, layer 3', 'output error', 'deltas of layer 2', 'deltas of layer 1', 'gradients', 'update'];
    const network = page.locator('.network');
    const testIds = (prefix: string): Promise<string[]> => page.locator(`[data-testid^="${prefix}-"]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') as string));
    const highlight = async (): Promise<string[]> => [await network.getAttribute('data-highlight-units'), await network.getAttribute('data-highlight-links'), await network.getAttribute('data-highlight-direction')].map(String);

    /** The indicator, the numbers and the network's highlight at stage `i` (0-based); the drawing follows the panel a render later, so its highlight is polled. */
    const checkStage = async (i: number): Promise<string> => {
      const indicator = page.getByTestId('explain-stage');
      await expect.poll(() => indicator.textContent()).toBe(`Stage ${i + 1} of 8: ${titles[i]}`);
      expect(await indicator.getAttribute('aria-live')).toBe('polite');
      const kind = (await page.getByTestId('stage-body').getAttribute('data-kind')) as string;
      if (kind === 'forward') {
        const l = i + 1;
        // Only this layer's forward values are the stage's own.
        expect(new Set((await testIds('a')).map((id) => id.split('-')[1]))).toEqual(new Set([String(l - 1)]));
        expectClose(await readVector(page, `a-${l - 1}`), ref.activations[l - 1] as Float64Array, 1e-9, `a of layer ${l}`);
        expect(await testIds('delta')).toEqual([]);
        await expect.poll(highlight).toEqual([String(l - 1), String(l - 1), 'forward']);
      } else if (kind === 'output-error') {
        expect(Math.abs(Number(await page.getByTestId('loss').getAttribute('data-value')) - ref.loss)).toBeLessThanOrEqual(1e-9);
        expectClose(await readVector(page, 'delta-2'), ref.grads[5] as Float64Array, 1e-9, 'δ of the output');
        expect(await testIds('a')).toEqual([]);
        await expect.poll(highlight).toEqual(['2', '', 'backward']);
      } else if (kind === 'delta') {
        const l = 6 - i; // stage 5 is layer 2, stage 6 layer 1
        expect(new Set((await testIds('delta')).map((id) => id.split('-')[1]))).toEqual(new Set([String(l - 1)]));
        expectClose(await readVector(page, `delta-${l - 1}`), ref.grads[2 * (l - 1) + 1] as Float64Array, 1e-9, `δ of layer ${l}`);
        // δˡ travels back over layer l + 1's links (0-based kernel l).
        await expect.poll(highlight).toEqual([String(l - 1), String(l), 'backward']);
      } else if (kind === 'gradients') {
        const shown = byParam(await readAttr(page, 'data-grad'), model);
        ref.grads.forEach((g, k) => expectClose(shown[k] as Float64Array, g, 1e-9, `gradient ${k}`));
        expect(await page.locator('[data-after]').count()).toBe(0);
        await expect.poll(highlight).toEqual(['', 'all', 'backward']);
      } else {
        expect(kind).toBe('update');
        byParam(await readAttr(page, 'data-weight'), model).forEach((w, k) => expectClose(w, weights[k] as Float64Array, 0, `weights ${k}`));
        byParam(await readAttr(page, 'data-grad'), model).forEach((g, k) => expectClose(g, ref.grads[k] as Float64Array, 1e-9, `gradient ${k}`));
        byParam(await readAttr(page, 'data-after'), model).forEach((w, k) => expectClose(w, ref.after[k] as Float64Array, 1e-9, `updated weights ${k}`));
        expect(await page.getByText('w ← w − η·(∂L/∂w + λw) with η = 0.03, λ = 0.01').count()).toBe(4);
        await expect.poll(highlight).toEqual(['', 'all', 'forward']);
      }
      return kind;
    };

    // Forward with the keyboard: Tab to "Next stage", Enter on it.
    const next = page.getByRole('button', { name: 'Next stage', exact: true });
    await page.getByRole('button', { name: 'Previous stage', exact: true }).focus();
    await page.keyboard.press('Tab');
    expect(await next.evaluate((el) => el === document.activeElement)).toBe(true);
    const shot = new Set<string>();
    for (let i = 0; i < 8; i++) {
      const kind = await checkStage(i);
      if (!shot.has(kind)) {
        shot.add(kind);
        await screenshot(page, `explain-stage-${kind}`);
      }
      await page.keyboard.press('Enter');
    }
    // Past the last stage Next does nothing, and keeps the focus.
    await checkStage(7);
    expect(await next.getAttribute('aria-disabled')).toBe('true');
    expect(await next.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(shot).toEqual(new Set(['forward', 'output-error', 'delta', 'gradients', 'update']));

    // Back with Previous, stage by stage, to the first.
    await page.keyboard.press('Shift+Tab');
    for (let i = 7; i > 0; i--) {
      await page.keyboard.press('Space');
      await checkStage(i - 1);
    }
    expect(await page.getByRole('button', { name: 'Previous stage', exact: true }).getAttribute('aria-disabled')).toBe('true');

    // "Show all" drops the stage highlight; back to the stages brings it back; closing drops it.
    await showAll(page);
    await expect.poll(highlight).toEqual(['', '', '']);
    await page.getByRole('checkbox', { name: 'Show all', exact: true }).uncheck();
    await checkStage(0);
    await page.getByRole('button', { name: 'Explain', exact: true }).click();
    await page.getByTestId('explainer').waitFor({ state: 'detached' });
    await expect.poll(highlight).toEqual(['', '', '']);
    expect(site.browser.errors).toEqual([]);
  }, 60_000);
});
