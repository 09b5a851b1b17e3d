/**
 * The backprop explainer: one SGD step on one example, with the tutorial's equations beside
 * the live numbers. The page only lays out what core computed in the worker (ExplainStep):
 * forward values, the output error, the deltas layer by layer, each weight's gradient and its
 * update. By default it walks through the step a stage at a time; "Show all" lays it out at
 * once. Loaded lazily, so the first load does not carry it.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ExplainStep } from '../worker/protocol.js';
import { Delta, Example, Forward, OutputError, ParamTables, updateRule } from './StageSections.js';
import { explainStages, stageIndicator, type ExplainStage } from './stages.js';
import { StageNav } from './StageNav.js';

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
  /** Hears the stage shown (null with "Show all" or when closed), e.g. to highlight it in a drawing. */
  readonly onStage?: (stage: ExplainStage | null) => void;
}

function AllAtOnce({ step, inputNames }: { step: ExplainStep; inputNames: readonly string[] }) {
  const L = step.layers.length;
  return (
    <>
      <h3>1. Forward</h3>
      <Example step={step} inputNames={inputNames} />
      {step.layers.map((_, i) => (
        <Forward key={i} step={step} l={i + 1} context={false} />
      ))}
      <h3>2. Output error</h3>
      <OutputError step={step} context={false} />
      <h3>3. Deltas, layer by layer</h3>
      {Array.from({ length: L - 1 }, (_, k) => (
        <Delta key={k} step={step} l={L - 1 - k} context={false} />
      ))}
      {L === 1 && <p className="hint">No hidden layer: the output error is the only δ.</p>}
      <h3>4. Gradients and the update</h3>
      <ParamTables step={step} columns="all" />
    </>
  );
}

function OneStage({ step, stage, inputNames }: { step: ExplainStep; stage: ExplainStage; inputNames: readonly string[] }) {
  switch (stage.kind) {
    case 'forward':
      return (
        <>
          <h3>1. Forward pass</h3>
          {stage.layer === 1 && <Example step={step} inputNames={inputNames} />}
          <Forward step={step} l={stage.layer} context />
        </>
      );
    case 'output-error':
      return (
        <>
          <h3>2. Output error</h3>
          <OutputError step={step} context />
        </>
      );
    case 'delta':
      return (
        <>
          <h3>3. Backward pass</h3>
          <Delta step={step} l={stage.layer} context />
        </>
      );
    case 'gradients':
      return (
        <>
          <h3>4. Gradients</h3>
          <p className="eq">Each weight's gradient is the δ at its head times the activation at its tail: ∂L/∂wᵢⱼ = aᵢˡ⁻¹·δⱼˡ, and ∂L/∂bⱼ = δⱼˡ.</p>
          <ParamTables step={step} columns="gradients" />
        </>
      );
    case 'update':
      return (
        <>
          <h3>5. Update</h3>
          <p className="eq">{updateRule(step)}</p>
          <ParamTables step={step} columns="update" />
        </>
      );
  }
}

export function ExplainPanel({ explain, examples, inputNames, version, note, onStage }: ExplainPanelProps) {
  const [row, setRow] = useState(0);
  const [step, setStep] = useState<ExplainStep | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [showAll, setShowAll] = useState(false);
  const [index, setIndex] = useState(0);

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

  const layers = step?.layers.length ?? 0;
  // One list per network shape, so that a stage stays the same object while the numbers change.
  const stages = useMemo(() => explainStages(layers), [layers]);
  // A network with fewer layers than before keeps the walk-through on a stage it has.
  const at = Math.min(index, Math.max(0, stages.length - 1));
  const stage = step && !showAll ? (stages[at] ?? null) : null;
  useEffect(() => onStage?.(stage), [onStage, stage]);
  useEffect(() => () => onStage?.(null), [onStage]);

  return (
    <section className="panel explain" aria-label="backprop explainer" data-testid="explainer" data-row={row} data-ready={step ? 'true' : 'false'} data-mode={showAll ? 'all' : 'stages'}>
      <h2>One training step, laid open</h2>
      <div className="explain-controls">
        <label className="explain-row">
          <span>Example</span>{' '}
          <input type="number" min={1} max={examples} value={row + 1} onChange={(e) => setRow(Math.min(examples, Math.max(1, Math.round(Number(e.target.value)) || 1)) - 1)} />
          <span className="hint"> of {examples} training examples</span>
        </label>
        <label className="explain-all">
          <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} /> Show all
        </label>
      </div>
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
      {step && showAll && <AllAtOnce step={step} inputNames={inputNames} />}
      {step && !showAll && stage && (
        <>
          <StageNav index={at} count={stages.length} indicator={stageIndicator(at, stages)} onMove={setIndex} />
          <div className="stage" data-testid="stage-body" data-kind={stage.kind}>
            <OneStage step={step} stage={stage} inputNames={inputNames} />
          </div>
        </>
      )}
    </section>
  );
}
