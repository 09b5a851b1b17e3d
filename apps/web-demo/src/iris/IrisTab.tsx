import { lazy, Suspense, useCallback, useState } from 'react';
import { BackendNote } from '../ui/BackendNote.js';
import { IRIS_CLASS_NAMES, IRIS_FEATURE_NAMES } from '@backprop/core';
import { ModelFileBar } from '../model-io/ModelFileBar.js';
import { formConfig, JobForm, type JobFormValues } from '../trainer/JobForm.js';
import { useFitTrainer } from '../trainer/useFitTrainer.js';
import { useLoadedRun } from '../trainer/useLoadedRun.js';
import { ConfusionMatrix } from '../ui/ConfusionMatrix.js';
import { LossChart } from '../ui/LossChart.js';
import type { ExpectedShape } from '../worker/model-file.js';
import type { EvaluationResult, ExplainStep, FitJob, ModelInfo, Prediction } from '../worker/protocol.js';
import { measurementLabel, readFlower } from './flower.js';

const DEFAULTS: JobFormValues = { layers: '8', activation: 'tanh', optimizer: 'adam', lr: 0.02, epochs: 150, batchSize: 16, seed: 42 };
/** Held out for testing (stratified: 30% of each species). */
const TEST_SPLIT = 0.3;
/** A typical versicolor flower (cm), to start the classify form with (field text, read on Classify). */
const SAMPLE = ['5.9', '2.8', '4.4', '1.3'];
/** What a loaded model must map: a file of another data set is refused, keeping the tab's model. */
const IRIS_SHAPE: ExpectedShape = { where: 'the Iris tab', inputSize: 4, inputs: 'the 4 measurements', outputSize: 3, outputs: 'the 3 species' };

// The explainer is loaded only when opened.
const ExplainPanel = lazy(() => import('../explain/ExplainPanel.js').then((m) => ({ default: m.ExplainPanel })));
/** Iris has 150 flowers; the explainer steps on any of them, standardised as the model's inputs are. */
const IRIS_ROWS = 150;

const fmt = (v: number | undefined, digits = 3): string => (v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits));

/** Train the Iris species classifier in the worker, with a live confusion matrix on the held-out flowers. */
export function IrisTab() {
  const t = useFitTrainer(true);
  const [form, setForm] = useState(DEFAULTS);
  const [formError, setFormError] = useState<string | null>(null);
  const [loadedEval, setLoadedEval] = useState<EvaluationResult | null>(null);
  const [flower, setFlower] = useState<readonly string[]>(SAMPLE);
  const [flowerError, setFlowerError] = useState<string | null>(null);
  const [prediction, setPrediction] = useState<Prediction | null>(null);
  const loaded = useLoadedRun(t, setForm);
  const [explaining, setExplaining] = useState(false);
  const { client } = t;
  // Stable per model and learning rate, so that the explainer asks again only when they change.
  const explain = useCallback(
    (row: number) => (client ? client.request<ExplainStep>({ type: 'explain', row, lr: form.lr }) : Promise.reject(new Error('the trainer is not running'))),
    [client, form.lr],
  );

  const train = (): void => {
    // The last run's error is about that run: a refused Train shows its own reason alone.
    t.setError(null);
    try {
      const job: FitJob = { config: { data: 'iris', ...formConfig(form), testSplit: TEST_SPLIT } };
      setFormError(null);
      setLoadedEval(null);
      loaded.reset();
      setPrediction(null);
      t.start(job);
    } catch (e) {
      setFormError(e instanceof Error ? e.message : String(e));
    }
  };

  const classify = async (): Promise<void> => {
    if (!t.client) return;
    let x: Float32Array;
    try {
      x = Float32Array.from(readFlower(flower, IRIS_FEATURE_NAMES));
      setFlowerError(null);
    } catch (e) {
      setPrediction(null);
      setFlowerError(e instanceof Error ? e.message : String(e));
      return;
    }
    try {
      setPrediction(await t.client.request<Prediction>({ type: 'predict', x, rows: 1 }));
    } catch (e) {
      t.setError(e instanceof Error ? e.message : String(e));
    }
  };

  const load = async (bytes: Uint8Array): Promise<string> => {
    if (!t.client) throw new Error('the trainer is not running');
    const info = await t.client.request<ModelInfo>({ type: 'load', bytes, expected: IRIS_SHAPE }, [bytes.buffer]);
    t.setInfo(info);
    t.clearRun();
    loaded.apply(info);
    setPrediction(null);
    const ev = await t.client.request<EvaluationResult>({ type: 'evaluate', dataset: 'iris' });
    setLoadedEval(ev);
    return `${info.layers.join(', ')}; accuracy ${fmt(ev.accuracy)} on all ${ev.rows} flowers`;
  };

  const p = t.progress;
  const confusion = loadedEval?.confusion ?? p?.confusion;
  const precision = loadedEval ? loadedEval.precision : p?.precision;
  const recall = loadedEval ? loadedEval.recall : p?.recall;
  const probs = prediction?.output;
  const best = probs ? probs.indexOf(Math.max(...probs)) : -1;
  const classNames = t.info?.classNames ?? IRIS_CLASS_NAMES;

  return (
    <section className="trainer" aria-label="Iris">
      <aside className="panel">
        <h2>Iris species classifier</h2>
        <p className="hint">150 flowers, 4 measurements, 3 species. {Math.round(TEST_SPLIT * 100)}% of each species held out for testing; inputs standardised on the training rows.</p>
        <JobForm values={form} onChange={setForm} disabled={t.running} />
        {formError && <p className="notice" role="alert">{formError}</p>}
        <div className="actions">
          <button type="button" className="primary" onClick={train} disabled={t.running || !t.client} data-testid="iris-train">
            Train
          </button>
          <button type="button" onClick={t.stop} disabled={!t.running}>
            Stop
          </button>
          <button
            type="button"
            aria-pressed={explaining}
            title="Walk through one training step of the trained model: forward values, output error, deltas, gradients and updates"
            onClick={() => setExplaining(!explaining)}
            disabled={!t.info || t.running}
          >
            Explain
          </button>
        </div>
        <BackendNote backend={t.backend} />
        <ModelFileBar name="iris" onSave={t.client && t.info ? (format) => t.client!.request<Uint8Array>({ type: 'save', format }) : undefined} onLoad={load} disabled={t.running} />
      </aside>
      <div className="results">
        <div className="panel">
          <h2>Training</h2>
          <progress max={1} value={p?.fraction ?? 0} aria-label="training progress" />
          <div className="stats">
            <span>
              epoch <b data-testid="iris-epoch">{p?.epoch ?? 0}</b> / {p?.epochs ?? form.epochs}
            </span>
            <span>
              training loss <b>{fmt(p?.loss)}</b>
            </span>
            <span>
              test loss <b>{fmt(p?.testLoss)}</b>
            </span>
            <span>
              test accuracy <b data-testid="iris-accuracy">{fmt(p?.testAccuracy)}</b>
            </span>
          </div>
          {t.error && <p className="notice" role="alert">{t.error}</p>}
          <LossChart data={t.history} version={t.historyVersion} height={180} yLabel="loss / accuracy" epochAxis label="Iris training and test loss and test accuracy per epoch" {...(loaded.emptyNote ? { emptyNote: loaded.emptyNote } : {})} />
        </div>
        {explaining && t.info && !t.running && (
          <div className="wide">
            <Suspense fallback={<p className="hint">Loading the explainer…</p>}>
              <ExplainPanel explain={explain} examples={IRIS_ROWS} inputNames={IRIS_FEATURE_NAMES}
                version={t.historyVersion}
                note={`The network is trained with ${form.optimizer}; the step laid open here is plain SGD at the form's learning rate, on one flower standardised as the model's inputs are.`}
              />
            </Suspense>
          </div>
        )}
        <div className="panel wide">
          <h2>Confusion matrix</h2>
          {confusion ? (
            <ConfusionMatrix
              confusion={confusion}
              classNames={classNames}
              {...(precision ? { precision } : {})}
              {...(recall ? { recall } : {})}
              caption={loadedEval ? `loaded model, all ${loadedEval.rows} flowers` : `held-out flowers after epoch ${p?.epoch ?? 0}`}
            />
          ) : (
            <p className="hint">Train (or load a model) to see which species get confused.</p>
          )}
        </div>
        <div className="panel">
          <h2>Classify a flower</h2>
          <div className="form">
            {IRIS_FEATURE_NAMES.map((name, i) => (
              <label key={name}>
                <span>{measurementLabel(name)} (cm)</span>
                <input
                  type="number"
                  min={0}
                  step="0.1"
                  value={flower[i]}
                  onChange={(e) => {
                    const text = e.target.value;
                    setFlower((f) => f.map((v, j) => (j === i ? text : v)));
                    setFlowerError(null);
                  }}
                />
              </label>
            ))}
          </div>
          <div className="actions">
            <button type="button" onClick={() => void classify()} disabled={!t.info || t.running}>
              Classify
            </button>
          </div>
          {flowerError && (
            <p className="notice" role="alert">
              {flowerError}
            </p>
          )}
          {probs && (
            <div className="probs" aria-label="species probabilities">
              {Array.from(probs, (v, i) => (
                <div key={i} style={{ display: 'contents' }}>
                  <span className={i === best ? 'top' : ''}>{classNames[i]}</span>
                  <div className="bar" style={{ width: `${Math.max(1, v * 100)}%` }} />
                  <span>{(v * 100).toFixed(1)}%</span>
                </div>
              ))}
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
