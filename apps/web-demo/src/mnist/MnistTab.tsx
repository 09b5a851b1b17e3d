import { useCallback, useEffect, useRef, useState } from 'react';
import { BackendNote } from '../ui/BackendNote.js';
import { ModelFileBar } from '../model-io/ModelFileBar.js';
import { formConfig, JobForm, type FormNetwork, type JobFormValues } from '../trainer/JobForm.js';
import { useLoadedRun } from '../trainer/useLoadedRun.js';
import { useFitTrainer } from '../trainer/useFitTrainer.js';
import { fieldNumber } from '../ui/field-number.js';
import { LossChart } from '../ui/LossChart.js';
import type { ExpectedShape } from '../worker/model-file.js';
import type { EvaluationResult, FirstLayerWeights, FitJob, ModelInfo, Prediction } from '../worker/protocol.js';
import { ActivationStrip } from './ActivationStrip.js';
import { DigitImage } from './DigitImage.js';
import { DrawPad, type DrawPadHandle } from './DrawPad.js';
import { FeatureMaps } from './FeatureMaps.js';
import { toMnistInput } from './preprocess.js';
import { useMnistAsset } from './useMnistAsset.js';
import { WeightImages } from './WeightImages.js';

const DEFAULTS: JobFormValues = { network: 'mlp', layers: '64', activation: 'relu', optimizer: 'adam', lr: 0.002, epochs: 3, batchSize: 32, seed: 1 };
/**
 * Core's CNN (`model: 'cnn'`) made small enough to train in a browser tab in seconds per epoch:
 * the CLI preset's shape (5×5 convolutions padded to keep the size, each followed by 2×2 max
 * pooling, then a dense layer) with fewer filters and units.
 */
const CNN_DEFAULTS: JobFormValues = { network: 'cnn', layers: 'conv:8:5:p2, pool:2, conv:16:5:p2, pool:2, 64', activation: 'relu', optimizer: 'adam', lr: 0.002, epochs: 2, batchSize: 32, seed: 1 };
const defaultsOf = (network: FormNetwork): JobFormValues => (network === 'cnn' ? CNN_DEFAULTS : DEFAULTS);
/** Held out for testing (stratified by digit). */
const TEST_SPLIT = 0.2;
/** What a loaded model must map: a file of another data set is refused, keeping the tab's model. */
const MNIST_SHAPE: ExpectedShape = { where: 'the MNIST tab', inputSize: 784, inputs: '28×28 pixels', outputSize: 10, outputs: 'the digits 0–9' };
const fmt = (v: number | undefined, digits = 3): string => (v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits));

/** Train on the built-in MNIST digits in the worker, then draw a digit and watch the network read it. */
export function MnistTab() {
  const asset = useMnistAsset();
  const t = useFitTrainer(true);
  const [form, setForm] = useState(DEFAULTS);
  const [limit, setLimit] = useState(10000);
  const [formError, setFormError] = useState<string | null>(null);
  const [input, setInput] = useState<Float32Array | null>(null);
  const [prediction, setPrediction] = useState<Prediction | null>(null);
  const [weights, setWeights] = useState<FirstLayerWeights | null>(null);
  const [loadedEval, setLoadedEval] = useState<EvaluationResult | null>(null);
  const pad = useRef<DrawPadHandle>(null);
  const bytes = asset.status === 'ready' ? asset.bytes : null;
  const client = t.client;
  const modelReady = t.info !== null && t.info.inputSize === 784 && !t.running;
  // While a run trains, a drawing is read by the weights so far (the worker predicts with a copy
  // of them), once the run has its network, i.e. from its first progress message on.
  const canPredict = modelReady || (t.running && t.progress !== null);
  const loaded = useLoadedRun(t, setForm);

  const predict = useCallback(
    async (x: Float32Array | null): Promise<void> => {
      if (!client || !x) return;
      try {
        setPrediction(await client.request<Prediction>({ type: 'predict', x, rows: 1 }));
      } catch (e) {
        t.setError(e instanceof Error ? e.message : String(e));
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [client],
  );

  // A freshly trained or loaded model: show its first-layer weights and re-read the drawing.
  useEffect(() => {
    if (!client || !modelReady) return;
    // A reply that lands after a new run started would show the replaced model's weights.
    let current = true;
    client.request<FirstLayerWeights>({ type: 'first-layer' }).then(
      (w) => current && setWeights(w),
      () => current && setWeights(null),
    );
    void predict(input);
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, modelReady, t.info]);

  const train = (): void => {
    if (!bytes) return;
    // The last run's error is about that run: a refused Train shows its own reason alone.
    t.setError(null);
    try {
      const job: FitJob = { config: { data: 'mnist', ...formConfig(form), testSplit: TEST_SPLIT }, limit };
      setFormError(null);
      setLoadedEval(null);
      loaded.reset();
      setPrediction(null);
      // The weights shown belong to the model this run replaces; the new model's appear when it is done.
      setWeights(null);
      t.start(job, bytes);
    } catch (e) {
      setFormError(e instanceof Error ? e.message : String(e));
    }
  };

  const onStrokeEnd = (): void => {
    const drawn = pad.current?.readPixels();
    if (!drawn) return;
    const x = toMnistInput(drawn.pixels, drawn.width, drawn.height);
    setInput(x);
    if (canPredict) void predict(x);
  };

  const load = async (file: Uint8Array): Promise<string> => {
    if (!client) throw new Error('the trainer is not running');
    const info = await client.request<ModelInfo>({ type: 'load', bytes: file, expected: MNIST_SHAPE }, [file.buffer]);
    t.clearRun();
    setPrediction(null);
    loaded.apply(info);
    let score = '';
    if (bytes) {
      const ev = await client.request<EvaluationResult>({ type: 'evaluate', dataset: 'mnist', mnistBytes: bytes });
      setLoadedEval(ev);
      score = `; accuracy ${fmt(ev.accuracy)} on all ${ev.rows.toLocaleString()} digits`;
    }
    t.setInfo(info);
    return `${info.layers.join(', ')}${score}`;
  };

  const p = t.progress;
  const probs = prediction?.output;
  const best = probs ? probs.indexOf(Math.max(...probs)) : -1;

  return (
    <section className="trainer" aria-label="MNIST">
      <aside className="panel">
        <h2>Handwritten digits</h2>
        {asset.status === 'loading' && (
          <p className="hint" role="status">
            Loading the digits… {(asset.loaded / 1e6).toFixed(1)}
            {asset.total ? ` / ${(asset.total / 1e6).toFixed(1)}` : ''} MB
          </p>
        )}
        {asset.status === 'error' && (
          <p className="notice" role="alert">
            {asset.message}
          </p>
        )}
        {asset.status === 'ready' && (
          <p className="hint" data-testid="mnist-ready">
            10,000 real MNIST digits loaded. {Math.round(TEST_SPLIT * 100)}% of those used are held out for testing.
          </p>
        )}
        <JobForm values={form} onChange={setForm} onNetwork={defaultsOf} disabled={t.running} />
        <div className="form">
          <label>
            <span>Digits to use (of 10,000)</span>
            <input
              type="number"
              min={100}
              max={10000}
              step={100}
              value={limit}
              disabled={t.running}
              data-testid="mnist-limit"
              onChange={(e) => setLimit(fieldNumber(e.target.value, limit, { min: 100, max: 10000, integer: true }))}
            />
          </label>
        </div>
        {formError && <p className="notice" role="alert">{formError}</p>}
        <div className="actions">
          <button type="button" className="primary" onClick={train} disabled={t.running || !bytes || !client} data-testid="mnist-train">
            Train
          </button>
          <button type="button" onClick={t.stop} disabled={!t.running}>
            Stop
          </button>
        </div>
        <BackendNote backend={t.backend} />
        <ModelFileBar name="mnist" onSave={client && t.info ? (format) => client.request<Uint8Array>({ type: 'save', format }) : undefined} onLoad={load} disabled={t.running} />
      </aside>
      <div className="results">
        <div className="panel">
          <h2>Training</h2>
          <progress max={1} value={p?.fraction ?? 0} aria-label="training progress" data-testid="mnist-progress" />
          <div className="stats">
            <span>
              epoch <b>{p?.epoch ?? 0}</b> / {p?.epochs ?? form.epochs}
            </span>
            <span title="training loss of the last finished epoch: the chart's last training-loss point">
              epoch loss <b data-testid="mnist-epoch-loss">{fmt(t.epochLoss)}</b>
            </span>
            <span>
              {loadedEval ? `loaded model's accuracy on all ${loadedEval.rows.toLocaleString()} digits` : 'test accuracy'}{' '}
              <b data-testid="mnist-accuracy">{fmt(loadedEval?.accuracy ?? p?.testAccuracy)}</b>
            </span>
            {p?.samplesPerSecond !== undefined && (
              <span>
                <b>{Math.round(p.samplesPerSecond).toLocaleString()}</b> samples/s
              </span>
            )}
          </div>
          {t.stopReason && <p className="hint" data-testid="mnist-done">Training {t.stopReason === 'completed' ? 'finished' : `stopped (${t.stopReason})`}.</p>}
          {t.error && <p className="notice" role="alert">{t.error}</p>}
          <LossChart
            data={t.history}
            version={t.historyVersion}
            height={160}
            yLabel="loss / accuracy"
            label="MNIST training and test loss and accuracy per epoch"
            {...(loaded.emptyNote ? { emptyNote: loaded.emptyNote } : {})}
          />
        </div>
        <div className="panel">
          <h2>Draw a digit</h2>
          <DrawPad ref={pad} onStrokeEnd={onStrokeEnd} />
          <div className="actions">
            <button
              type="button"
              onClick={() => {
                pad.current?.clear();
                setInput(null);
                setPrediction(null);
              }}
            >
              Clear
            </button>
            <button type="button" onClick={() => void predict(input)} disabled={!canPredict || !input}>
              Predict
            </button>
          </div>
          {!canPredict && <p className="hint">Train a network (or load one) first, then draw.</p>}
          {t.running && canPredict && (
            <p className="hint" data-testid="mnist-live-hint">
              Training: the drawing is read by the weights after epoch {p?.epoch ?? 0} and {Math.round(((p?.fraction ?? 0) * (p?.epochs ?? 1) - (p?.epoch ?? 0)) * 100)}% of the next. Draw again (or Predict) to see it improve.
            </p>
          )}
        </div>
        <div className="panel">
          <h2>What the network sees and says</h2>
          {input ? (
            <div style={{ display: 'flex', gap: 16, alignItems: 'center' }}>
              <div>
                <div className="hint">input, 28×28</div>
                <DigitImage pixels={input} />
              </div>
              {probs && (
                <div>
                  <div className="hint">prediction</div>
                  <div className="prediction" data-testid="mnist-prediction">
                    {best}
                  </div>
                </div>
              )}
            </div>
          ) : (
            <p className="hint">Nothing drawn yet.</p>
          )}
          {probs && (
            <div className="probs" aria-label="digit probabilities" data-testid="mnist-probs" style={{ marginTop: 8 }}>
              {Array.from(probs, (v, i) => (
                <div key={i} style={{ display: 'contents' }}>
                  <span className={i === best ? 'top' : ''}>{i}</span>
                  <div className="bar" style={{ width: `${Math.max(0.5, v * 100)}%` }} />
                  <span>{(v * 100).toFixed(1)}%</span>
                </div>
              ))}
            </div>
          )}
          {prediction && (
            <div style={{ marginTop: 10 }} data-testid="mnist-activations">
              {prediction.activations.map((a) =>
                a.name.startsWith('conv2d') && a.shape?.length === 3 ? (
                  <FeatureMaps key={a.name} name={a.name} values={a.data} shape={a.shape} />
                ) : (
                  <ActivationStrip key={a.name} name={a.name} values={a.data} />
                ),
              )}
            </div>
          )}
        </div>
        {weights && (
          <div className="panel">
            <h2>First-layer weights</h2>
            <WeightImages weights={weights} />
          </div>
        )}
      </div>
    </section>
  );
}
