/**
 * The backprop explainer: one SGD step on one example, with the tutorial's equations beside
 * the live numbers. The page only lays out what core computed in the worker (ExplainStep):
 * forward values, the output error, the deltas layer by layer, each weight's gradient and its
 * update. Loaded lazily, so the first load does not carry it.
 */
import { useEffect, useState } from 'react';
import type { ExplainLayer, ExplainStep } from '../worker/protocol.js';
import { activationText, derivativeText, fmt, lossText, outputErrorText } from './notation.js';

export interface ExplainPanelProps {
  /** Asks the worker for the step on training example `row` (0-based). */
  readonly explain: (row: number) => Promise<ExplainStep>;
  /** How many training examples there are to choose from. */
  readonly examples: number;
  /** Names of the inputs, in column order. */
  readonly inputNames: readonly string[];
  /** Changes whenever the network's weights change, so the step is asked for afresh. */
  readonly version: number;
  /** Said above the step, e.g. how it differs from the tab's own training. */
  readonly note?: string;
}

/** A number shown short, its exact value in data-value for tests and copy-paste. */
function Num({ v, testId, attrs }: { v: number; testId?: string; attrs?: Record<string, string> }) {
  return (
    <span className="num" data-value={String(v)} data-testid={testId} title={String(v)} {...attrs}>
      {fmt(v)}
    </span>
  );
}

function Vector({ values, symbol, layer, testId }: { values: ArrayLike<number>; symbol: string; layer: number; testId: string }) {
  return (
    <ol className="vector" aria-label={`${symbol} of layer ${layer}`}>
      {Array.from(values, (v, j) => (
        <li key={j}>
          {symbol}
          <sup>{layer}</sup>
          <sub>{j + 1}</sub> = <Num v={v} testId={`${testId}-${j}`} />
        </li>
      ))}
    </ol>
  );
}

/** The update rule the step applied, regularisation included (kernels only, as core applies it). */
function updateRule(step: ExplainStep): string {
  if (step.weightDecay > 0) return `w ← w − η·(∂L/∂w + λw) with η = ${step.lr}, λ = ${step.weightDecay} (L2; biases: b ← b − η·∂L/∂b)`;
  if (step.l1 > 0) return `w ← w − η·(∂L/∂w + λ·sign w) with η = ${step.lr}, λ = ${step.l1} (L1; biases: b ← b − η·∂L/∂b)`;
  return `w ← w − η·∂L/∂w with η = ${step.lr}`;
}

function LayerGradients({ layer, l, prev, rule }: { layer: ExplainLayer; l: number; prev: ArrayLike<number>; rule: string }) {
  const rows: { from: string; to: number; w: number; a: number; g: number; after: number; param: 'kernel' | 'bias'; index: number }[] = [];
  for (let i = 0; i < layer.inputSize; i++) {
    for (let j = 0; j < layer.units; j++) {
      const k = i * layer.units + j;
      rows.push({ from: `a${i + 1}`, to: j, w: layer.kernel[k] as number, a: prev[i] as number, g: layer.kernelGrad[k] as number, after: layer.kernelAfter[k] as number, param: 'kernel', index: k });
    }
  }
  for (let j = 0; j < layer.units; j++) {
    rows.push({ from: 'bias', to: j, w: layer.bias[j] as number, a: 1, g: layer.delta[j] as number, after: layer.biasAfter[j] as number, param: 'bias', index: j });
  }
  return (
    <div className="explain-table">
      <table>
        <caption>
          Layer {l}: ∂L/∂w<sub>ij</sub> = a<sup>{l - 1}</sup>
          <sub>i</sub> · δ<sup>{l}</sup>
          <sub>j</sub>, then {rule}
        </caption>
        <thead>
          <tr>
            <th scope="col">from → to</th>
            <th scope="col">w</th>
            <th scope="col">a<sup>{l - 1}</sup>
              <sub>i</sub>
            </th>
            <th scope="col">∂L/∂w</th>
            <th scope="col">w after</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.param}-${r.index}`}>
              <th scope="row">
                {r.from} → {r.to + 1}
              </th>
              <td>
                <Num v={r.w} attrs={{ 'data-weight': `${l - 1}:${r.param}:${r.index}` }} />
              </td>
              <td>
                <Num v={r.a} />
              </td>
              <td>
                <Num v={r.g} attrs={{ 'data-grad': `${l - 1}:${r.param}:${r.index}` }} />
              </td>
              <td>
                <Num v={r.after} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ExplainPanel({ explain, examples, inputNames, version, note }: ExplainPanelProps) {
  const [row, setRow] = useState(0);
  const [step, setStep] = useState<ExplainStep | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    explain(row).then(
      (s) => live && (setStep(s), setError(null)),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [explain, row, version]);

  const out = step?.layers[step.layers.length - 1];
  const L = step?.layers.length ?? 0;
  return (
    <section className="panel explain" aria-label="backprop explainer" data-testid="explainer" data-row={row} data-ready={step ? 'true' : 'false'}>
      <h2>One training step, laid open</h2>
      <label className="explain-row">
        <span>Example</span>{' '}
        <input type="number" min={1} max={examples} value={row + 1} onChange={(e) => setRow(Math.min(examples, Math.max(1, Math.round(Number(e.target.value)) || 1)) - 1)} />
        <span className="hint"> of {examples} training examples</span>
      </label>
      {note && <p className="hint">{note}</p>}
      {error && (
        <p className="notice" role="alert">
          {error}
        </p>
      )}
      <p className="hint">
        The tutorial's notation, shown first for σ with mean squared error: zˡ = Wˡaˡ⁻¹ + bˡ, aˡ = σ(zˡ); the output error δᴸ = (aᴸ − y) ∘ σ′(zᴸ);
        going back, δˡ = f′(zˡ) ∘ (Wˡ⁺¹)ᵀδˡ⁺¹; each weight's gradient ∂L/∂wⱼᵢ = δⱼˡaᵢˡ⁻¹ and ∂L/∂bⱼ = δⱼˡ, then w ← w − η·∂L/∂w. Below, the same for this network, with the numbers of core's own
        forward and backward pass.
      </p>
      {step && out && (
        <>
          <h3>1. Forward</h3>
          <p>
            Input a⁰ = x: {step.input.length > 0 && Array.from(step.input, (v, i) => <span key={i}>{inputNames[i] ?? `x${i + 1}`} = <Num v={v} testId={`x-${i}`} />{i < step.input.length - 1 ? ', ' : ''}</span>)}; target y ={' '}
            {Array.from(step.target, (v, i) => <Num key={i} v={v} testId={`y-${i}`} />)}
          </p>
          {step.layers.map((layer, i) => (
            <div key={i}>
              <p className="eq">
                Layer {i + 1}: z<sup>{i + 1}</sup> = W<sup>{i + 1}</sup>a<sup>{i}</sup> + b<sup>{i + 1}</sup>, a<sup>{i + 1}</sup> = {activationText(layer.activation)}(z<sup>{i + 1}</sup>)
              </p>
              <Vector values={layer.output} symbol="a" layer={i + 1} testId={`a-${i}`} />
            </div>
          ))}
          <h3>2. Output error</h3>
          <p className="eq">
            Loss ({lossText(step.lossName)}) L = <Num v={step.loss} testId="loss" />. {outputErrorText(out.activation, step.lossName)}
          </p>
          <Vector values={out.delta} symbol="δ" layer={L} testId={`delta-${L - 1}`} />
          <h3>3. Deltas, layer by layer</h3>
          {step.layers.slice(0, -1).map((layer, k) => {
            const i = step.layers.length - 2 - k;
            const l = step.layers[i] as ExplainLayer;
            return (
              <div key={i}>
                <p className="eq">
                  δ<sup>{i + 1}</sup> = f′(z<sup>{i + 1}</sup>) ∘ (W<sup>{i + 2}</sup>)ᵀδ<sup>{i + 2}</sup>, with {derivativeText(l.activation)}
                </p>
                <Vector values={l.delta} symbol="δ" layer={i + 1} testId={`delta-${i}`} />
              </div>
            );
          })}
          {layerCountNote(L)}
          <h3>4. Gradients and the update</h3>
          {step.layers.map((layer, i) => (
            <LayerGradients key={i} layer={layer} l={i + 1} prev={i === 0 ? step.input : (step.layers[i - 1] as ExplainLayer).output} rule={updateRule(step)} />
          ))}
        </>
      )}
    </section>
  );
}

function layerCountNote(layers: number) {
  return layers === 1 ? <p className="hint">No hidden layer: the output error is the only δ.</p> : null;
}
