import { fmtLoss } from '../ui/format-loss.js';
import type { FitTrainer } from './useFitTrainer.js';

/**
 * A run's progress bar, epoch counter, training and test loss, how it ended and its error — the
 * counter shows the failed epoch with a divergence's message, so the two agree.
 * @param prefix of the test ids: `<prefix>-epoch`, `<prefix>-test-mse`, `<prefix>-done`
 */
export function TrainingStatus({ t, epochs, lossName, prefix }: { readonly t: FitTrainer; readonly epochs: number; readonly lossName: string; readonly prefix: string }) {
  const p = t.progress;
  return (
    <>
      <progress max={1} value={p?.fraction ?? 0} aria-label="training progress" />
      <div className="stats">
        <span>
          epoch <b data-testid={`${prefix}-epoch`}>{p?.epoch ?? 0}</b> / {p?.epochs ?? epochs}
        </span>
        <span>
          training {lossName} <b>{fmtLoss(p?.loss)}</b>
        </span>
        <span>
          test {lossName} <b data-testid={`${prefix}-test-mse`}>{fmtLoss(p?.testLoss)}</b>
        </span>
      </div>
      {t.stopReason && (
        <p className="hint" data-testid={`${prefix}-done`}>
          Training {t.stopReason === 'completed' ? 'finished' : `stopped (${t.stopReason})`}.
        </p>
      )}
      {t.error && (
        <p className="notice" role="alert">
          {t.error}
        </p>
      )}
    </>
  );
}
