import { useCallback, useState, type Dispatch, type SetStateAction } from 'react';
import type { ModelInfo } from '../worker/protocol.js';
import type { JobFormValues } from './JobForm.js';
import { formValuesOf, historyOf } from './loaded-run.js';
import type { FitTrainer } from './useFitTrainer.js';

/** The chart's note while a loaded file without a training history is the tab's model. */
export const NO_HISTORY_NOTE = 'no training history in this file';

/**
 * What a tab shows of a model file it opened: the file's hyper-parameters in the job form and
 * its loss history in the chart, or a chart saying the file has none.
 */
export function useLoadedRun(t: FitTrainer, setForm: Dispatch<SetStateAction<JobFormValues>>) {
  const [noHistory, setNoHistory] = useState(false);
  const { showHistory } = t;
  const apply = useCallback(
    (info: ModelInfo) => {
      const meta = info.metadata ?? {};
      setForm((f) => formValuesOf(meta, f));
      const points = historyOf(meta);
      if (points) showHistory(points);
      setNoHistory(points === null);
    },
    [setForm, showHistory],
  );
  const reset = useCallback(() => setNoHistory(false), []);
  return { emptyNote: noHistory ? NO_HISTORY_NOTE : undefined, apply, reset };
}
