import { useCallback, useEffect, useRef, useState } from 'react';
import type { LossSeries } from '../ui/LossChart.js';
import { TrainerClient } from '../worker/client.js';
import type { BackendReport, EpochPoint, FitJob, FitProgress, ModelInfo } from '../worker/protocol.js';

export interface FitTrainer {
  readonly client: TrainerClient | null;
  readonly progress: FitProgress | null;
  readonly running: boolean;
  readonly history: LossSeries;
  readonly historyVersion: number;
  /** The model the worker holds (after training or loading). */
  readonly info: ModelInfo | null;
  readonly stopReason: string | null;
  readonly error: string | null;
  /** The backend the worker trains on, once it has chosen it. */
  readonly backend: BackendReport | null;
  start(job: FitJob, mnistBytes?: Uint8Array): void;
  stop(): void;
  setInfo(info: ModelInfo | null): void;
  setError(error: string | null): void;
  /** Forget the last run's progress, chart and outcome (its model was replaced, e.g. by a loaded file). */
  clearRun(): void;
  /** Chart a finished run's epochs (a loaded file's history) in place of the last run's. */
  showHistory(points: readonly EpochPoint[]): void;
  /** The last training loss charted: the loss of the last finished epoch, the chart's last point. */
  readonly epochLoss: number | undefined;
}

function lastValue(values: readonly (number | null)[] | undefined): number | undefined {
  const v = values?.at(-1);
  return typeof v === 'number' ? v : undefined;
}

function appendPoints(h: LossSeries, points: readonly EpochPoint[]): void {
  for (const pt of points) {
    h.x.push(pt.epoch);
    h.series[0]?.values.push(pt.loss);
    h.series[1]?.values.push(pt.testLoss);
    h.series[2]?.values.push(pt.testAccuracy ?? Number.NaN);
  }
}

function emptyHistory(withAccuracy: boolean): LossSeries {
  return {
    x: [],
    series: [
      { label: 'training loss', values: [], color: '#999' },
      { label: 'test loss', values: [], color: '#222' },
      ...(withAccuracy ? [{ label: 'test accuracy', values: [], color: '#0877bd' }] : []),
    ],
  };
}

/** One worker per tab running core's `fit` on a built-in data set, with progress and a loss history. */
export function useFitTrainer(withAccuracy = false): FitTrainer {
  const [client, setClient] = useState<TrainerClient | null>(null);
  const [progress, setProgress] = useState<FitProgress | null>(null);
  const [running, setRunning] = useState(false);
  const [info, setInfo] = useState<ModelInfo | null>(null);
  const [stopReason, setStopReason] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [backend, setBackend] = useState<BackendReport | null>(null);
  const history = useRef<LossSeries>(emptyHistory(withAccuracy));
  const [historyVersion, setHistoryVersion] = useState(0);

  useEffect(() => {
    const c = new TrainerClient();
    setClient(c);
    const append = (p: FitProgress): void => {
      if (p.points.length === 0) return;
      appendPoints(history.current, p.points);
      setHistoryVersion((v) => v + 1);
    };
    const off = c.on((msg) => {
      if (msg.type === 'fit-progress') {
        append(msg.progress);
        setProgress(msg.progress);
      } else if (msg.type === 'fit-done') {
        append(msg.progress);
        setProgress(msg.progress);
        setInfo(msg.info);
        setStopReason(msg.stopReason);
        setRunning(false);
      } else if (msg.type === 'backend') {
        setBackend(msg.backend);
      } else if (msg.type === 'fit-failed') {
        append(msg.progress);
        // A config refused before training has no progress to show (its epochs are not known).
        if (msg.progress.epochs > 0) setProgress(msg.progress);
        setError(msg.message);
        setRunning(false);
      } else if (msg.type === 'error') {
        setError(msg.message);
        setRunning(false);
      }
    });
    return () => {
      off();
      c.terminate();
      setClient(null);
    };
  }, []);

  const clearRun = useCallback(() => {
    history.current = emptyHistory(withAccuracy);
    setHistoryVersion((v) => v + 1);
    setProgress(null);
    setStopReason(null);
    setError(null);
  }, [withAccuracy]);

  const showHistory = useCallback(
    (points: readonly EpochPoint[]) => {
      const h = emptyHistory(withAccuracy);
      appendPoints(h, points);
      history.current = h;
      setHistoryVersion((v) => v + 1);
    },
    [withAccuracy],
  );

  const start = useCallback(
    (job: FitJob, mnistBytes?: Uint8Array) => {
      if (!client) return;
      clearRun();
      setRunning(true);
      // The asset bytes are copied, not transferred: the tab keeps them for later requests.
      client.send({ type: 'fit-start', job, ...(mnistBytes ? { mnistBytes } : {}) });
    },
    [client, clearRun],
  );

  return {
    client,
    progress,
    running,
    history: history.current,
    historyVersion,
    info,
    stopReason,
    error,
    backend,
    start,
    stop: () => client?.send({ type: 'fit-stop' }),
    setInfo,
    setError,
    clearRun,
    showHistory,
    epochLoss: lastValue(history.current.series[0]?.values),
  };
}
