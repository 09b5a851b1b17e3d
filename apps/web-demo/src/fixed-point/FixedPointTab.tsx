import { useEffect, useState } from 'react';
import { ModelFileBar } from '../model-io/ModelFileBar.js';
import { BackendNote } from '../ui/BackendNote.js';
import { RunFields, TrainButtons } from '../trainer/RunFields.js';
import { TrainingStatus } from '../trainer/TrainingStatus.js';
import { useFitTrainer } from '../trainer/useFitTrainer.js';
import { fieldNumber } from '../ui/field-number.js';
import { LossChart } from '../ui/LossChart.js';
import type { ExpectedShape } from '../worker/model-file.js';
import type { FitJob, FixedPointTrace, ModelInfo } from '../worker/protocol.js';
import { PatternEditor, type CueBit } from './PatternEditor.js';
import { RelaxationView } from './RelaxationView.js';

interface Settings {
  readonly units: number;
  readonly lr: number;
  readonly epochs: number;
  readonly batchSize: number;
  readonly seed: number;
}

// Momentum SGD at lr 0.5 / batch size, as core's own pattern-completion test trains it.
const DEFAULTS: Settings = { units: 8, lr: 0.03, epochs: 150, batchSize: 16, seed: 2 };
const MAX_SEED = 2 ** 32 - 1;
const SHAPE: ExpectedShape = { where: 'the Fixed-point tab', inputSize: 8, inputs: 'the 8 cue bits', outputSize: 8, outputs: 'the 8 completed bits' };

/** The first stored pattern's cue with two bits erased, before the page knows the patterns. */
const eraseTwo = (p: readonly number[]): CueBit[] => p.map((b, i) => (i === 2 || i === 5 ? 0.5 : b === 1 ? 1 : 0));

/**
 * A fixed-point (Almeida–Pineda) network completing stored patterns: trained on core's
 * pattern-completion set, then a cue is clamped on its input units and the free units are shown
 * relaxing to the fixed point, and the adjoint (error) relaxation running back from the outputs.
 */
export function FixedPointTab() {
  const t = useFitTrainer(false);
  const [s, setS] = useState<Settings>(DEFAULTS);
  const set = (patch: Partial<Settings>): void => setS((v) => ({ ...v, ...patch }));
  const [patterns, setPatterns] = useState<number[][]>([]);
  const [target, setTarget] = useState(0);
  const [cue, setCue] = useState<CueBit[]>(new Array<CueBit>(8).fill(0.5));
  const [trace, setTrace] = useState<FixedPointTrace | null>(null);
  const [relaxError, setRelaxError] = useState<string | null>(null);

  useEffect(() => {
    if (!t.client) return;
    void t.client.request<number[][]>({ type: 'fp-patterns' }).then((ps) => {
      setPatterns(ps);
      if (ps[0]) setCue(eraseTwo(ps[0]));
    });
  }, [t.client]);

  const train = (): void => {
    setTrace(null);
    const job: FitJob = {
      config: { data: 'pattern-completion', model: 'fixed-point', units: s.units, optimizer: { name: 'momentum', lr: s.lr }, epochs: s.epochs, batchSize: s.batchSize, seed: s.seed },
    };
    t.start(job);
  };

  const relax = async (): Promise<void> => {
    if (!t.client) return;
    setRelaxError(null);
    try {
      setTrace(await t.client.request<FixedPointTrace>({ type: 'fp-relax', cue, target: patterns[target] ?? cue.map((b) => (b === 1 ? 1 : 0)) }));
    } catch (e) {
      setRelaxError(e instanceof Error ? e.message : String(e));
    }
  };

  const load = async (bytes: Uint8Array): Promise<string> => {
    if (!t.client) throw new Error('the trainer is not running');
    const info = await t.client.request<ModelInfo>({ type: 'load', bytes, expected: SHAPE }, [bytes.buffer]);
    t.setInfo(info);
    t.clearRun();
    setTrace(null);
    return info.layers.join(', ');
  };

  return (
    <section className="trainer" aria-label="fixed point">
      <aside className="panel form">
        <h2>Complete a pattern</h2>
        <p className="hint">
          A fully recurrent network (Almeida–Pineda): the cue is clamped on the input units, the free units relax until x = f(W·x + W_in·cue + b), and the error relaxes
          back through the same weights to give the gradient. It learns {patterns.length || 4} stored 8-bit patterns from cues with 2 bits unknown.
        </p>
        <fieldset disabled={t.running} style={{ border: 0, padding: 0, margin: 0 }}>
          <label>
            <span>Hidden units</span>
            <input type="number" min={0} max={64} value={s.units} onChange={(e) => set({ units: fieldNumber(e.target.value, s.units, { min: 0, max: 64, integer: true }) })} />
          </label>
          <label>
            <span>Learning rate (momentum SGD)</span>
            <input type="number" min={0} step="any" value={s.lr} onChange={(e) => set({ lr: fieldNumber(e.target.value, s.lr, { min: Number.NEGATIVE_INFINITY }) })} />
          </label>
          <RunFields value={s} onChange={set} maxEpochs={5000} maxSeed={MAX_SEED} />
        </fieldset>
        <TrainButtons onTrain={train} onStop={t.stop} running={t.running} ready={Boolean(t.client)} testId="fp-train" />
        <BackendNote backend={t.backend} />
        <ModelFileBar name="fixed-point" onSave={t.client && t.info ? (format) => t.client!.request<Uint8Array>({ type: 'save', format }) : undefined} onLoad={load} disabled={t.running} />
      </aside>
      <div className="results">
        <div className="panel">
          <h2>Training</h2>
          <TrainingStatus t={t} epochs={s.epochs} lossName="MSE" prefix="fp" />
          <LossChart data={t.history} version={t.historyVersion} height={160} yLabel="MSE" logY label="fixed-point training and test MSE per epoch" />
        </div>
        <div className="panel" style={{ gridColumn: '1 / -1' }}>
          <h2>Relax a cue</h2>
          <label>
            <span>Stored pattern</span>
            <select
              value={target}
              onChange={(e) => {
                const k = Number(e.target.value);
                setTarget(k);
                if (patterns[k]) setCue(eraseTwo(patterns[k]));
              }}
            >
              {patterns.map((ptn, k) => (
                <option key={k} value={k}>
                  {k + 1}: {ptn.join('')}
                </option>
              ))}
            </select>
          </label>
          <PatternEditor cue={cue} onChange={setCue} />
          <div className="actions">
            <button type="button" className="primary" onClick={() => void relax()} disabled={!t.info || t.running} data-testid="fp-relax">
              Relax
            </button>
          </div>
          {relaxError && <p className="notice" role="alert">{relaxError}</p>}
          {trace ? (
            <div data-testid="fp-trace" data-trace={JSON.stringify(trace)}>
              <RelaxationView trace={trace} />
            </div>
          ) : (
            <p className="hint">{t.info ? 'Press Relax to watch the network settle on a completion.' : 'Train (or load) a network first.'}</p>
          )}
        </div>
      </div>
    </section>
  );
}
