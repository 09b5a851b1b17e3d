import { lazy, Suspense, useEffect, useState } from 'react';
import { CLASSIFICATION_SETS, REGRESSION_SETS, type ToySetName } from '../data/toy-datasets.js';
import { FEATURES, type FeatureName } from '../data/features.js';
import { LossChart } from '../ui/LossChart.js';
import { BackendNote } from '../ui/BackendNote.js';
import { PauseIcon, PlayIcon, ResetIcon, StepIcon } from '../ui/icons.js';
import { ModelFileBar } from '../model-io/ModelFileBar.js';
import { writeHash } from '../url.js';
import { stateFromFile } from './state-from-file.js';
import { DataThumb } from './DataThumb.js';
import { DecisionSurface } from './DecisionSurface.js';
import { NetworkView, type HoveredNeuron } from './NetworkView.js';
import { stageHighlight } from './stage-highlight.js';
import type { ExplainStage } from '../explain/stages.js';
import { linkTargets, type LinkTarget, type NetTarget } from './net-target.js';
import { TargetCard } from './TargetCard.js';
import { useStepDetail } from './useStepDetail.js';
import { WeightEditor } from './WeightEditor.js';
import { GRID_SIZE } from './setup.js';
import {
  ACTIVATIONS,
  LEARNING_RATES,
  REG_RATES,
  REGULARIZATIONS,
  stateToParams,
  type HiddenActivation,
  type PlaygroundState,
  type Problem,
  type Regularization,
} from './state.js';
import { TEST_COLOR, TRAIN_COLOR, usePlaygroundTrainer } from './usePlaygroundTrainer.js';
import type { PlaygroundSpeed } from '../worker/protocol.js';

// The explainer is loaded only when opened: the first load stays small.
const ExplainPanel = lazy(() => import('../explain/ExplainPanel.js').then((m) => ({ default: m.ExplainPanel })));

const SPEEDS: { value: PlaygroundSpeed; label: string }[] = [
  { value: 'slow', label: 'slow (about 4 epochs/s)' },
  { value: 'normal', label: 'normal (1 epoch/frame)' },
  { value: 'fast', label: 'fast (10 epochs/frame)' },
  { value: 'max', label: 'max' },
];

const SET_LABELS: Record<ToySetName, string> = {
  circle: 'circle',
  xor: 'exclusive or',
  gauss: 'Gaussian',
  spiral: 'spiral',
  'reg-plane': 'plane',
  'reg-gauss': 'multi-Gaussian',
};

function fmtLoss(v: number | undefined): string {
  return v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(3);
}

/** TensorFlow Playground, trained by @backprop/core in a worker. */
export function PlaygroundTab({
  initial,
  linkWarnings = [],
  onStateChange,
}: {
  initial: PlaygroundState;
  /** Values of the link that could not be used (defaults were), shown until dismissed. */
  linkWarnings?: readonly string[];
  onStateChange?: (state: PlaygroundState) => void;
}) {
  const [state, setState] = useState<PlaygroundState>(initial);
  const [warnings, setWarnings] = useState(linkWarnings);
  const t = usePlaygroundTrainer(state);
  const set = (patch: Partial<PlaygroundState>): void => setState((s) => ({ ...s, ...patch }));

  useEffect(() => {
    writeHash('playground', stateToParams(state));
    onStateChange?.(state);
  }, [state, onStateChange]);

  const toggleFeature = (f: FeatureName): void =>
    setState((s) => {
      const on = s.features.includes(f);
      // At least one input must stay on.
      if (on && s.features.length === 1) return s;
      return { ...s, features: on ? s.features.filter((x) => x !== f) : [...s.features, f] };
    });

  // A file rebuilds the page's setup from what it saved, then its weights go into that network.
  const load = async (bytes: Uint8Array): Promise<string> => {
    const info = await t.load(bytes, (file) => setState((s) => stateFromFile(file, s)));
    return info.layers.join(', ');
  };

  const [hovered, setHovered] = useState<HoveredNeuron | null>(null);
  const [speed, setSpeed] = useState<PlaygroundSpeed>('normal');
  const [explaining, setExplaining] = useState(false);
  const [stage, setStage] = useState<ExplainStage | null>(null);
  const [target, setTarget] = useState<NetTarget | null>(null);
  const [editing, setEditing] = useState<LinkTarget | null>(null);
  const inputLabels = FEATURES.filter((f) => state.features.includes(f.name)).map((f) => f.label);
  const detail = useStepDetail(t.explain, t.historyVersion, target !== null);
  const chooseSpeed = (v: PlaygroundSpeed): void => {
    setSpeed(v);
    t.setSpeed(v);
  };
  // The worker starts at normal speed: a new worker (the tab opened again) hears the choice.
  useEffect(() => t.setSpeed(speed), [t.data]); // eslint-disable-line react-hooks/exhaustive-deps
  const toggleExplain = (): void => {
    if (!explaining) t.pause();
    setExplaining(!explaining);
  };
  const snap = t.snapshot;
  const sets = state.problem === 'classification' ? CLASSIFICATION_SETS : REGRESSION_SETS;
  const selectedSet = state.problem === 'classification' ? state.dataset : state.regDataset;
  const output = snap ? (snap.layerOutputs[snap.layerOutputs.length - 1] ?? null) : null;
  // Hovering a hidden neuron shows its output large, as Playground does.
  const hoveredValues = hovered && snap && hovered.layer < state.hidden.length ? snap.layerOutputs[hovered.layer] : undefined;
  const shownNeuron =
    hovered && hoveredValues && hovered.unit < (state.hidden[hovered.layer] ?? 0)
      ? { values: hoveredValues, unit: hovered.unit, units: state.hidden[hovered.layer] as number, label: `layer ${hovered.layer + 1}, neuron ${hovered.unit + 1}` }
      : null;

  return (
    <section className="playground" aria-label="playground">
      <div className="topbar">
        <div className="player">
          <button type="button" className="icon" aria-label="reset the network" title="Reset" onClick={t.reset}>
            <ResetIcon />
          </button>
          <button
            type="button"
            className="icon play"
            aria-label={t.running ? 'pause training' : 'start training'}
            title={t.running ? 'Pause' : 'Play'}
            data-testid="play"
            onClick={t.running ? t.pause : t.play}
          >
            {t.running ? <PauseIcon /> : <PlayIcon />}
          </button>
          <button type="button" className="icon" aria-label="Step" title="Step: train one epoch" onClick={t.step}>
            <StepIcon />
          </button>
          <div className="epoch">
            <span className="caption">Epoch</span>
            <output data-testid="epoch" data-running={snap?.running ? 'true' : 'false'}>{String(snap?.epoch ?? 0).padStart(6, '0').replace(/^(\d{3})(\d{3})$/, '$1,$2')}</output>
          </div>
        </div>
        <label>
          <span className="caption">Speed</span>
          <select aria-label="Speed" value={speed} onChange={(e) => chooseSpeed(e.target.value as PlaygroundSpeed)}>
            {SPEEDS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="explain-toggle" aria-pressed={explaining} title="Walk through one training step: forward values, output error, deltas, gradients and updates" onClick={toggleExplain}>
          Explain
        </button>
        <label>
          <span className="caption">Learning rate</span>
          <select value={state.lr} onChange={(e) => set({ lr: Number(e.target.value) })}>
            {LEARNING_RATES.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="caption">Activation</span>
          <select value={state.activation} onChange={(e) => set({ activation: e.target.value as HiddenActivation })}>
            {ACTIVATIONS.map((v) => (
              <option key={v} value={v}>
                {v === 'relu' ? 'ReLU' : v === 'tanh' ? 'Tanh' : v === 'sigmoid' ? 'Sigmoid' : 'Linear'}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="caption">Regularization</span>
          <select value={state.regularization} onChange={(e) => set({ regularization: e.target.value as Regularization })}>
            {REGULARIZATIONS.map((v) => (
              <option key={v} value={v}>
                {v === 'none' ? 'None' : v.toUpperCase()}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="caption">Regularization rate</span>
          <select value={state.regRate} onChange={(e) => set({ regRate: Number(e.target.value) })}>
            {REG_RATES.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="caption">Problem type</span>
          <select value={state.problem} onChange={(e) => set({ problem: e.target.value as Problem })}>
            <option value="classification">Classification</option>
            <option value="regression">Regression</option>
          </select>
        </label>
      </div>
      <BackendNote backend={t.backend} />

      {warnings.length > 0 && (
        <p className="notice" role="status" data-testid="link-warnings">
          Some of this link&apos;s settings could not be used, so their defaults were: {warnings.join('; ')}.{' '}
          <button type="button" onClick={() => setWarnings([])}>
            Dismiss
          </button>
        </p>
      )}

      {(t.error ?? t.dataError) && (
        <p className="notice" role="alert">
          {t.error ?? t.dataError}
        </p>
      )}

      {explaining && t.data && (
        <Suspense fallback={<p className="hint">Loading the explainer…</p>}>
          <ExplainPanel explain={t.explain} examples={t.data.setup.train.n} inputNames={state.features} version={t.historyVersion} onStage={setStage} />
        </Suspense>
      )}

      <div className="pg-main">
        <aside className="panel data-panel" aria-label="data">
          <h2>Data</h2>
          <div className="thumbs" role="group" aria-label="which data set">
            {sets.map((name) => (
              <DataThumb
                key={name}
                name={name}
                label={SET_LABELS[name]}
                selected={selectedSet === name}
                onSelect={() => set(state.problem === 'classification' ? { dataset: name as PlaygroundState['dataset'] } : { regDataset: name as PlaygroundState['regDataset'] })}
              />
            ))}
          </div>
          <label className="slider">
            <span>
              Ratio of training to test data: <b>{state.trainPct}%</b>
            </span>
            <input type="range" min={10} max={90} step={10} value={state.trainPct} onChange={(e) => set({ trainPct: Number(e.target.value) })} />
          </label>
          <label className="slider">
            <span>
              Noise: <b>{state.noise}</b>
            </span>
            <input type="range" min={0} max={50} step={5} value={state.noise} onChange={(e) => set({ noise: Number(e.target.value) })} />
          </label>
          <label className="slider">
            <span>
              Batch size: <b>{state.batchSize}</b>
            </span>
            <input type="range" min={1} max={30} step={1} value={state.batchSize} onChange={(e) => set({ batchSize: Number(e.target.value) })} />
          </label>
          <button type="button" onClick={() => set({ seed: (state.seed * 1103515245 + 12345) % 2147483647 })}>
            Regenerate
          </button>
          <p className="hint">
            Seed {state.seed}. The URL holds every setting: copy it to share this setup.
          </p>
        </aside>

        <div className="panel net-panel" aria-label="network">
          <h2>
            Features <span className="hint">→ hidden layers → output</span>
          </h2>
          <NetworkView
            features={state.features}
            hidden={state.hidden}
            snapshot={snap}
            gridSize={GRID_SIZE}
            discretize={state.discretize}
            problem={state.problem}
            onToggleFeature={toggleFeature}
            onHiddenChange={(hidden) => set({ hidden })}
            onHoverNeuron={setHovered}
            onHoverTarget={setTarget}
            onEditLink={(link) => {
              t.pause();
              setEditing(link);
            }}
            card={target ? <TargetCard target={target} step={detail} /> : null}
            highlight={explaining ? stageHighlight(stage, state.hidden.length + 1) : null}
          />
          {snap && (
            <label className="edit-weight">
              <span>Edit a weight</span>{' '}
              <select
                value=""
                onChange={(e) => {
                  const link = linkTargets(snap.weights, inputLabels).find((k) => `${k.layer}:${k.index}` === e.target.value);
                  if (!link) return;
                  t.pause();
                  setEditing(link);
                }}
              >
                <option value="">choose a link…</option>
                {linkTargets(snap.weights, inputLabels).map((k) => (
                  <option key={`${k.layer}:${k.index}`} value={`${k.layer}:${k.index}`}>
                    {k.label}
                  </option>
                ))}
              </select>
            </label>
          )}
          {editing && <WeightEditor key={`${editing.layer}:${editing.index}`} link={editing} onSet={(v) => t.setWeight(editing.layer, editing.index, v)} onClose={() => setEditing(null)} />}
          <p className="hint">
            Links: blue positive, orange negative weights; width follows the magnitude. Each square shows that neuron's output over the input plane. Hover a neuron for its value and δ, a link for its weight and gradient (on training example 1); click a link to edit its weight.
          </p>
        </div>

        <aside className="panel output-panel" aria-label="output">
          <h2>Output{shownNeuron ? <span className="hint"> — showing {shownNeuron.label}</span> : null}</h2>
          <div className="losses">
            <div>
              <i className="swatch" style={{ background: TEST_COLOR }} /> Test loss <output data-testid="test-loss">{fmtLoss(snap?.testLoss)}</output>
            </div>
            <div>
              <i className="swatch" style={{ background: TRAIN_COLOR }} /> Training loss <output data-testid="train-loss">{fmtLoss(snap?.trainLoss)}</output>
            </div>
          </div>
          <LossChart data={t.history} version={t.historyVersion} height={140} legend={false} epochAxis label="training and test loss per epoch (epochs on a logarithmic axis)" />
          {t.data && (
            <DecisionSurface
              {...(shownNeuron
                ? { output: shownNeuron.values, offset: shownNeuron.unit, stride: shownNeuron.units, neuron: true }
                : { output })}
              gridSize={GRID_SIZE}
              problem={state.problem}
              discretize={state.discretize}
              points={t.data.points}
              train={t.data.train}
              test={t.data.test}
              showTest={state.showTest}
              size={280}
            />
          )}
          <label className="check">
            <input type="checkbox" checked={state.showTest} onChange={(e) => set({ showTest: e.target.checked })} /> Show test data
          </label>
          <label className="check">
            <input type="checkbox" checked={state.discretize} onChange={(e) => set({ discretize: e.target.checked })} /> Discretize output
          </label>
          <ModelFileBar name="playground" onSave={t.save} onLoad={load} />
        </aside>
      </div>
    </section>
  );
}
