/**
 * The pieces of one explained step, each with its equation beside core's numbers. The
 * walk-through shows one at a time (with the previous stage's result it builds on, as context);
 * "Show all" shows them together.
 */
import type { ExplainLayer, ExplainStep } from '../worker/protocol.js';
import { activationText, derivativeText, lossText, outputErrorText } from './notation.js';
import { Num, Vector } from './Num.js';
import { ParamTable, type ParamColumns } from './ParamTable.js';

const layerAt = (step: ExplainStep, l: number): ExplainLayer => step.layers[l - 1] as ExplainLayer;

/** aˡ⁻¹, the input to layer l (x for the first layer). */
const inputTo = (step: ExplainStep, l: number): Float64Array => (l === 1 ? step.input : layerAt(step, l - 1).output);

/** The update rule the step applied, regularisation included (kernels only, as core applies it). */
export function updateRule(step: ExplainStep): string {
  if (step.weightDecay > 0) return `w ← w − η·(∂L/∂w + λw) with η = ${step.lr}, λ = ${step.weightDecay} (L2; biases: b ← b − η·∂L/∂b)`;
  if (step.l1 > 0) return `w ← w − η·(∂L/∂w + λ·sign w) with η = ${step.lr}, λ = ${step.l1} (L1; biases: b ← b − η·∂L/∂b)`;
  return `w ← w − η·∂L/∂w with η = ${step.lr}`;
}

/** The example: input a⁰ = x and target y. */
export function Example({ step, inputNames }: { step: ExplainStep; inputNames: readonly string[] }) {
  return (
    <p>
      Input a⁰ = x:{' '}
      {Array.from(step.input, (v, i) => (
        <span key={i}>
          {inputNames[i] ?? `x${i + 1}`} = <Num v={v} testId={`x-${i}`} />
          {i < step.input.length - 1 ? ', ' : ''}
        </span>
      ))}
      ; target y = {Array.from(step.target, (v, i) => <Num key={i} v={v} testId={`y-${i}`} />)}
    </p>
  );
}

/** Layer l's forward values aˡ; `context` also shows the aˡ⁻¹ it starts from. */
export function Forward({ step, l, context }: { step: ExplainStep; l: number; context: boolean }) {
  const layer = layerAt(step, l);
  return (
    <div>
      {context && l > 1 && (
        <>
          <p className="hint">From the previous stage:</p>
          <Vector values={inputTo(step, l)} symbol="a" layer={l - 1} />
        </>
      )}
      <p className="eq">
        Layer {l}: z<sup>{l}</sup> = W<sup>{l}</sup>a<sup>{l - 1}</sup> + b<sup>{l}</sup>, a<sup>{l}</sup> = {activationText(layer.activation)}(z<sup>{l}</sup>)
      </p>
      <Vector values={layer.output} symbol="a" layer={l} testId={`a-${l - 1}`} />
    </div>
  );
}

/** The loss and the output error δᴸ = ∂L/∂zᴸ; `context` also shows aᴸ and y. */
export function OutputError({ step, context }: { step: ExplainStep; context: boolean }) {
  const L = step.layers.length;
  const out = layerAt(step, L);
  return (
    <div>
      {context && (
        <>
          <p className="hint">The network's output and the target:</p>
          <Vector values={out.output} symbol="a" layer={L} />
          <p>
            y = {Array.from(step.target, (v, i) => (
              <span key={i}>
                <Num v={v} />{' '}
              </span>
            ))}
          </p>
        </>
      )}
      <p className="eq">
        Loss ({lossText(step.lossName)}) L = <Num v={step.loss} testId="loss" />. {outputErrorText(out.activation, step.lossName)}
      </p>
      <Vector values={out.delta} symbol="δ" layer={L} testId={`delta-${L - 1}`} />
    </div>
  );
}

/** Hidden layer l's deltas, from the next layer's; `context` also shows δˡ⁺¹ and aˡ (f′ is written with a). */
export function Delta({ step, l, context }: { step: ExplainStep; l: number; context: boolean }) {
  const layer = layerAt(step, l);
  return (
    <div>
      {context && (
        <>
          <p className="hint">Carried back from layer {l + 1} through its weights W<sup>{l + 1}</sup>:</p>
          <Vector values={layerAt(step, l + 1).delta} symbol="δ" layer={l + 1} />
          <p className="hint">This layer's forward values, for f′:</p>
          <Vector values={layer.output} symbol="a" layer={l} />
        </>
      )}
      <p className="eq">
        δ<sup>{l}</sup> = f′(z<sup>{l}</sup>) ∘ (W<sup>{l + 1}</sup>)ᵀδ<sup>{l + 1}</sup>, with {derivativeText(layer.activation)}
      </p>
      <Vector values={layer.delta} symbol="δ" layer={l} testId={`delta-${l - 1}`} />
    </div>
  );
}

/** Every layer's parameter table, with the given columns. */
export function ParamTables({ step, columns }: { step: ExplainStep; columns: ParamColumns }) {
  const rule = updateRule(step);
  return (
    <>
      {step.layers.map((layer, i) => (
        <ParamTable key={i} layer={layer} l={i + 1} prev={inputTo(step, i + 1)} rule={rule} columns={columns} />
      ))}
    </>
  );
}
