import { useCallback, useMemo, useState } from 'react';
import { BackendNote } from '../ui/BackendNote.js';
import { ModelFileBar } from '../model-io/ModelFileBar.js';
import { RunFields, TrainButtons } from '../trainer/RunFields.js';
import { TrainingStatus } from '../trainer/TrainingStatus.js';
import { fmtLoss as fmt } from '../ui/format-loss.js';
import { useFitTrainer } from '../trainer/useFitTrainer.js';
import { fieldNumber } from '../ui/field-number.js';
import { LossChart, type LossSeries } from '../ui/LossChart.js';
import { StateGrid } from '../ui/StateGrid.js';
import type { FitJob, FormOptimizer, HiddenStatesView, ModelInfo, RecurrentView, SineTask, TextTask } from '../worker/protocol.js';
import { TextFields } from './TextFields.js';

/** The form: the task (sine or text) and its settings, and the TrainConfig keys of the run (the cell is its `model`). */
interface Settings extends SineTask, TextTask {
  readonly task: 'sine' | 'text';
  readonly model: 'rnn' | 'lstm' | 'gru';
  readonly units: number;
  readonly seqLen: number;
  readonly optimizer: FormOptimizer;
  readonly lr: number;
  readonly epochs: number;
  readonly batchSize: number;
  readonly seed: number;
  readonly clipNorm: number;
}

// Core's seeds are 32-bit words, and the forecast draws its series with seed + 2.
const MAX_SEED = 2 ** 32 - 3;
// Gradient clipping at norm 1 is core's default for recurrent cells.
const DEFAULTS: Settings = {
  task: 'sine',
  model: 'rnn',
  units: 16,
  seqLen: 20,
  period: 25,
  noise: 0,
  steps: 50,
  optimizer: 'adam',
  lr: 0.01,
  epochs: 15,
  batchSize: 32,
  seed: 1,
  clipNorm: 1,
  rows: 1200,
  prompt: 'The ',
  length: 120,
  temperature: 0.5,
  sampleSeed: 1,
};
/** What changes with the task: the text reads shorter windows, through an LSTM. */
const TASK_DEFAULTS = { sine: { seqLen: 20, model: 'rnn', units: 16, epochs: 15 }, text: { seqLen: 16, model: 'lstm', units: 48, epochs: 15 } } as const;

/** A recurrent network (Elman RNN, LSTM or GRU, trained by backprop through time) forecasting a sine wave. */
export function RecurrentTab() {
  const t = useFitTrainer(false);
  const [s, setS] = useState<Settings>(DEFAULTS);
  const set = (patch: Partial<Settings>): void => setS((v) => ({ ...v, ...patch }));
  const setTask = (task: Settings['task']): void => set({ task, ...TASK_DEFAULTS[task] });

  const train = (): void => {
    // The task comes with its own test windows: no test split.
    const config = { model: s.model, units: s.units, seqLen: s.seqLen, optimizer: { name: s.optimizer, lr: s.lr }, epochs: s.epochs, batchSize: s.batchSize, seed: s.seed, clipNorm: s.clipNorm };
    const job: FitJob =
      s.task === 'sine'
        ? { config: { ...config, data: 'sine' }, sine: { period: s.period, noise: s.noise, steps: s.steps } }
        : { config: { ...config, data: 'text' }, text: { rows: s.rows, prompt: s.prompt, length: s.length, temperature: s.temperature, sampleSeed: s.sampleSeed } };
    setLoaded(null);
    t.start(job);
  };

  // A loaded model's views, until the next run replaces them.
  const [loaded, setLoaded] = useState<RecurrentView | null>(null);
  const load = async (bytes: Uint8Array): Promise<string> => {
    if (!t.client) throw new Error('the trainer is not running');
    const info = await t.client.request<ModelInfo>({ type: 'load', bytes }, [bytes.buffer]);
    t.setInfo(info);
    t.clearRun();
    const view = await t.client.request<RecurrentView>({
      type: 'rnn-view',
      sine: { period: s.period, noise: s.noise, steps: s.steps },
      text: { rows: s.rows, prompt: s.prompt, length: s.length, temperature: s.temperature, sampleSeed: s.sampleSeed },
      seed: s.seed,
    });
    set({ task: view.task });
    setLoaded(view);
    return `${info.layers.join(', ')}; a ${view.task === 'sine' ? 'sine forecaster' : 'character model'}`;
  };

  const p = t.progress;
  const v = p ?? loaded;
  const f = v?.forecast;
  const hidden = v?.hidden;
  const sample = v?.sample;
  const at = useCallback((c: number, r: number) => hiddenAt(hidden, c, r), [hidden]);
  const forecastData = useMemo<LossSeries>(() => {
    if (!f) return { x: [], series: [] };
    const x = f.truth.map((_, i) => i);
    return {
      x,
      series: [
        { label: 'truth', values: f.truth, color: '#aaa' },
        { label: 'seed window', values: f.truth.map((v, i) => (i < f.seqLen ? v : null)), color: '#222' },
        { label: 'forecast', values: f.truth.map((_, i) => (i < f.seqLen ? null : (f.prediction[i - f.seqLen] ?? null))), color: '#0877bd', dash: [6, 3] },
      ],
    };
  }, [f]);

  return (
    <section className="trainer" aria-label="recurrent">
      <aside className="panel form">
        <h2>{s.task === 'sine' ? 'Forecast a sine wave' : 'Write text, one character at a time'}</h2>
        <p className="hint">
          {s.task === 'sine'
            ? `The network reads ${s.seqLen} steps of a sine and predicts the next value; trained by backpropagation through time. The forecast then feeds each prediction back as the next input.`
            : `The network reads ${s.seqLen} characters of core's built-in text and predicts the next; after every epoch it writes text, each character drawn at the temperature with a seeded generator and fed back.`}
        </p>
        <fieldset disabled={t.running} style={{ border: 0, padding: 0, margin: 0 }}>
          <label>
            <span>Task</span>
            <select value={s.task} onChange={(e) => setTask(e.target.value as Settings['task'])}>
              <option value="sine">Sine forecast</option>
              <option value="text">Text (characters)</option>
            </select>
          </label>
          <label>
            <span>Cell</span>
            <select value={s.model} onChange={(e) => set({ model: e.target.value as Settings['model'] })}>
              <option value="rnn">Elman RNN</option>
              <option value="lstm">LSTM</option>
              <option value="gru">GRU</option>
            </select>
          </label>
          <label>
            <span>Hidden units</span>
            <input type="number" min={1} max={256} value={s.units} onChange={(e) => set({ units: fieldNumber(e.target.value, s.units, { min: 1, max: 256, integer: true }) })} />
          </label>
          <label>
            <span>Window (steps)</span>
            <input type="number" min={2} max={200} value={s.seqLen} onChange={(e) => set({ seqLen: fieldNumber(e.target.value, s.seqLen, { min: 2, max: 200, integer: true }) })} />
          </label>
          {s.task === 'sine' ? (
            <>
              <label>
                <span>Period (steps)</span>
                <input type="number" min={2} step="any" value={s.period} onChange={(e) => set({ period: fieldNumber(e.target.value, s.period, { min: 2 }) })} />
              </label>
              <label>
                <span>Input noise (std)</span>
                <input type="number" min={0} step={0.05} value={s.noise} onChange={(e) => set({ noise: fieldNumber(e.target.value, s.noise, { min: 0 }) })} />
              </label>
              <label>
                <span>Forecast steps</span>
                <input type="number" min={1} max={500} value={s.steps} onChange={(e) => set({ steps: fieldNumber(e.target.value, s.steps, { min: 1, max: 500, integer: true }) })} />
              </label>
            </>
          ) : (
            <TextFields value={s} onChange={set} />
          )}
          <label>
            <span>Optimizer</span>
            <select value={s.optimizer} onChange={(e) => set({ optimizer: e.target.value as Settings['optimizer'] })}>
              <option value="sgd">SGD</option>
              <option value="momentum">SGD + momentum</option>
              <option value="adam">Adam</option>
            </select>
          </label>
          <label>
            <span>Learning rate</span>
            <input type="number" min={0} step="any" value={s.lr} onChange={(e) => set({ lr: fieldNumber(e.target.value, s.lr, { min: Number.NEGATIVE_INFINITY }) })} />
          </label>
          <label>
            <span>Clip norm (0 = off)</span>
            <input type="number" min={0} step="any" value={s.clipNorm} onChange={(e) => set({ clipNorm: fieldNumber(e.target.value, s.clipNorm, { min: 0 }) })} />
          </label>
          <RunFields value={s} onChange={set} maxEpochs={1000} maxSeed={MAX_SEED} />
        </fieldset>
        <TrainButtons onTrain={train} onStop={t.stop} running={t.running} ready={Boolean(t.client)} testId="rnn-train" />
        <BackendNote backend={t.backend} />
        <ModelFileBar name={`${s.task}-${s.model}`} onSave={t.client && t.info ? (format) => t.client!.request<Uint8Array>({ type: 'save', format }) : undefined} onLoad={load} disabled={t.running} />
      </aside>
      <div className="results">
        <div className="panel">
          <h2>Training</h2>
          <TrainingStatus t={t} epochs={s.epochs} lossName={s.task === 'sine' ? 'MSE' : 'loss'} prefix="rnn" />
          <LossChart data={t.history} version={t.historyVersion} height={160} yLabel={s.task === 'sine' ? 'MSE' : 'cross-entropy'} logY label="recurrent training and test loss per epoch" />
        </div>
        <div className="panel" style={{ gridColumn: '1 / -1' }}>
          <h2>Hidden state over time</h2>
          {hidden ? (
            <>
              <p className="hint">
                Each column is a time step of {s.task === 'sine' ? "the forecast's seed window" : "the prompt's window"}, each row one of the {hidden.units} hidden units; orange is −1, blue +1.
              </p>
              <StateGrid
                values={hidden.values}
                cols={hidden.steps}
                rows={hidden.units}
                at={at}
                {...(hidden.labels ? { colLabels: hidden.labels } : {})}
                label={`hidden state of ${hidden.units} units over ${hidden.steps} steps`}
                testId="rnn-hidden"
              />
            </>
          ) : (
            <p className="hint">Train to see the hidden units change from step to step.</p>
          )}
        </div>
        {sample && (
          <div className="panel" style={{ gridColumn: '1 / -1' }}>
            <h2>Generated text</h2>
            <p className="hint">
              {p ? `Epoch ${p.epoch}` : 'The loaded model'}, temperature {sample.temperature}, seed {sample.seed}:
            </p>
            <p className="text-sample" data-testid="rnn-sample" aria-live="polite">
              {sample.prompt}
              <b data-testid="rnn-sample-text">{sample.text}</b>
            </p>
          </div>
        )}
        {s.task === 'sine' && (
          <div className="panel" style={{ gridColumn: '1 / -1' }}>
            <h2>Forecast over the truth</h2>
            {f ? (
              <>
                <p className="stats">
                  <span>
                    {f.prediction.length}-step forecast MSE <b data-testid="rnn-forecast-mse">{fmt(f.mse)}</b>
                  </span>
                </p>
                <LossChart data={forecastData} version={0} height={220} xLabel="step" yLabel="value" label="the true sine, the seed window and the network's forecast" />
              </>
            ) : (
              <p className="hint">Train to see the network continue a sine it has not seen.</p>
          )}
        </div>
        )}
      </div>
    </section>
  );
}

/** Hidden unit r at step c (the worker sends the states step by step). */
function hiddenAt(h: HiddenStatesView | undefined, c: number, r: number): number {
  return h ? (h.values[c * h.units + r] ?? 0) : 0;
}
