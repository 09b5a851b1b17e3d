import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { TrainerClient } from '../worker/client.js';
import type { PlaygroundFileInfo } from '../worker/playground-file.js';
import type { BackendReport, ExplainStep, PlaygroundSnapshot, PlaygroundSpeed } from '../worker/protocol.js';
import type { ModelFileFormat } from '../worker/model-file.js';
import type { LossSeries } from '../ui/LossChart.js';
import { buildPlaygroundData, hyperOf, type PlaygroundData } from './setup.js';
import type { PlaygroundState } from './state.js';

export interface PlaygroundTrainer {
  readonly data: PlaygroundData | null;
  readonly dataError: string | null;
  readonly snapshot: PlaygroundSnapshot | null;
  readonly running: boolean;
  readonly history: LossSeries;
  readonly historyVersion: number;
  readonly error: string | null;
  /** The backend the worker trains on, once it has chosen it. */
  readonly backend: BackendReport | null;
  play(): void;
  pause(): void;
  step(): void;
  reset(): void;
  setSpeed(speed: PlaygroundSpeed): void;
  /** Set one weight (layer's kernel, row-major index); pauses training. */
  setWeight(layer: number, index: number, value: number): void;
  /** One SGD step on training example `row`, laid open by core (the network is not changed). */
  explain(row: number): Promise<ExplainStep>;
  /** The current network in a model file format (the CLI's, ONNX or safetensors). */
  save(format: ModelFileFormat): Promise<Uint8Array>;
  /**
   * Open a model file: `rebuild` is called with what the file says of its setup (the page then
   * rebuilds its data and network from it), and the file's weights are put into that network.
   */
  load(bytes: Uint8Array, rebuild: (info: PlaygroundFileInfo) => void): Promise<PlaygroundFileInfo>;
}

export const TEST_COLOR = '#222';
export const TRAIN_COLOR = '#aaa';

function emptyHistory(): LossSeries {
  return {
    x: [],
    series: [
      { label: 'test loss', values: [], color: TEST_COLOR },
      { label: 'training loss', values: [], color: TRAIN_COLOR },
    ],
  };
}

/** Drives the playground worker: sends the setup and hyper-parameters, collects snapshots and the loss history. */
export function usePlaygroundTrainer(state: PlaygroundState): PlaygroundTrainer {
  const client = useRef<TrainerClient | null>(null);
  const [snapshot, setSnapshot] = useState<PlaygroundSnapshot | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [backend, setBackend] = useState<BackendReport | null>(null);
  const history = useRef<LossSeries>(emptyHistory());
  const [historyVersion, setHistoryVersion] = useState(0);

  // Only the fields that shape the data or the network rebuild them.
  const { problem, dataset, regDataset, noise, trainPct, seed, activation } = state;
  const featureKey = state.features.join(',');
  const hiddenKey = state.hidden.join(',');
  const built = useMemo(() => {
    try {
      return { data: buildPlaygroundData(state), error: null };
    } catch (e) {
      return { data: null, error: e instanceof Error ? e.message : String(e) };
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [problem, dataset, regDataset, noise, trainPct, seed, activation, featureKey, hiddenKey]);
  const hyper = useMemo(() => hyperOf(state), [state.lr, state.batchSize, state.regularization, state.regRate]); // eslint-disable-line react-hooks/exhaustive-deps
  const hyperRef = useRef(hyper);
  hyperRef.current = hyper;

  useEffect(() => {
    const c = new TrainerClient();
    client.current = c;
    const off = c.on((msg) => {
      if (msg.type === 'pg-snapshot') {
        const s = msg.snapshot;
        const h = history.current;
        if (h.x.length > 0 && s.epoch <= (h.x[h.x.length - 1] as number)) {
          // A new network (or a re-sent snapshot of the same epoch): drop the points past it.
          const keep = h.x.findIndex((e) => e >= s.epoch);
          h.x.length = keep;
          for (const series of h.series) series.values.length = keep;
        }
        h.x.push(s.epoch);
        (h.series[0] as LossSeries['series'][number]).values.push(s.testLoss);
        (h.series[1] as LossSeries['series'][number]).values.push(s.trainLoss);
        setHistoryVersion((v) => v + 1);
        setSnapshot(s);
        setRunning(s.running);
        // Acknowledge once the frame with this snapshot has been painted, so that the worker
        // paces its snapshots to what this page can draw.
        requestAnimationFrame(() => setTimeout(() => c.send({ type: 'pg-ack' }), 0));
      } else if (msg.type === 'backend') {
        setBackend(msg.backend);
      } else if (msg.type === 'error') {
        setError(msg.message);
        setRunning(false);
      }
    });
    return () => {
      off();
      c.terminate();
      client.current = null;
    };
  }, []);

  const sendSetup = useCallback((): void => {
    if (!built.data || !client.current) return;
    history.current = emptyHistory();
    setHistoryVersion((v) => v + 1);
    setError(null);
    setRunning(false);
    client.current.send({ type: 'pg-setup', setup: built.data.setup, hyper: hyperRef.current });
  }, [built]);

  useEffect(sendSetup, [sendSetup]);
  // After the setup the file asked for went out (this effect runs after the one above in the same
  // commit), the worker puts the file's weights into that network.
  const [loads, setLoads] = useState(0);
  useEffect(() => {
    if (loads > 0) client.current?.send({ type: 'pg-apply-loaded' });
  }, [loads]);
  useEffect(() => {
    client.current?.send({ type: 'pg-hyper', hyper });
  }, [hyper]);

  // Stable, so that the explainer asks again only when the example or the weights change.
  const explain = useCallback(
    (row: number) => (client.current ? client.current.request<ExplainStep>({ type: 'explain', row }) : Promise.reject(new Error('the trainer is not running'))),
    [],
  );

  return {
    data: built.data,
    dataError: built.error,
    snapshot,
    running,
    history: history.current,
    historyVersion,
    error,
    backend,
    play: () => {
      setError(null);
      setRunning(true);
      client.current?.send({ type: 'pg-play' });
    },
    pause: () => {
      setRunning(false);
      client.current?.send({ type: 'pg-pause' });
    },
    step: () => {
      setRunning(false);
      client.current?.send({ type: 'pg-step' });
    },
    reset: sendSetup,
    load: async (bytes: Uint8Array, rebuild: (info: PlaygroundFileInfo) => void) => {
      if (!client.current) throw new Error('the trainer is not running');
      const info = await client.current.request<PlaygroundFileInfo>({ type: 'pg-load', bytes }, [bytes.buffer]);
      rebuild(info);
      setLoads((n) => n + 1);
      return info;
    },
    setSpeed: (speed: PlaygroundSpeed) => client.current?.send({ type: 'pg-speed', speed }),
    explain,
    setWeight: (layer: number, index: number, value: number) => {
      setRunning(false);
      client.current?.send({ type: 'pg-set-weight', layer, index, value });
    },
    save: (format: ModelFileFormat) => (client.current ? client.current.request<Uint8Array>({ type: 'save', format }) : Promise.reject(new Error('the trainer is not running'))),
  };
}
