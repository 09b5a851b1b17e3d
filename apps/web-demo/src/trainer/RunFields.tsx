import { fieldNumber } from '../ui/field-number.js';

export interface RunValues {
  readonly epochs: number;
  readonly batchSize: number;
  readonly seed: number;
}

/** The run's length, batch size and seed: the fields the Recurrent and Fixed-point forms share. */
export function RunFields({ value: s, onChange: set, maxEpochs, maxSeed }: { readonly value: RunValues; readonly onChange: (patch: Partial<RunValues>) => void; readonly maxEpochs: number; readonly maxSeed: number }) {
  return (
    <>
      <label>
        <span>Epochs</span>
        <input type="number" min={1} max={maxEpochs} value={s.epochs} onChange={(e) => set({ epochs: fieldNumber(e.target.value, s.epochs, { min: 1, max: maxEpochs, integer: true }) })} />
      </label>
      <label>
        <span>Batch size</span>
        <input type="number" min={0} value={s.batchSize} onChange={(e) => set({ batchSize: fieldNumber(e.target.value, s.batchSize, { min: 0, integer: true }) })} />
      </label>
      <label>
        <span>Seed</span>
        <input type="number" min={0} value={s.seed} onChange={(e) => set({ seed: fieldNumber(e.target.value, s.seed, { min: 0, max: maxSeed, integer: true }) })} />
      </label>
    </>
  );
}

/** Train and Stop. */
export function TrainButtons({ onTrain, onStop, running, ready, testId }: { readonly onTrain: () => void; readonly onStop: () => void; readonly running: boolean; readonly ready: boolean; readonly testId: string }) {
  return (
    <div className="actions">
      <button type="button" className="primary" onClick={onTrain} disabled={running || !ready} data-testid={testId}>
        Train
      </button>
      <button type="button" onClick={onStop} disabled={!running}>
        Stop
      </button>
    </div>
  );
}
