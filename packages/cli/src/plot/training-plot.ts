/**
 * The training plot: loss per epoch (train and validation) and accuracy per epoch.
 */
import type { EpochLog } from '@backprop/core';
import { chartSpec, type Panel, type Series } from './chart-spec.js';

/** The Vega spec for a run's history, with any extra panels (e.g. a forecast) below. */
export function trainingPlotSpec(epochs: readonly EpochLog[], title: string, extraPanels: readonly Panel[] = []): Record<string, unknown> {
  const pick = (name: string, value: (log: EpochLog) => number | undefined): Series | undefined => {
    const points = epochs.flatMap((log) => {
      const v = value(log);
      return v === undefined ? [] : [[log.epoch, v] as const];
    });
    return points.length ? { name, points } : undefined;
  };
  const defined = (s: Series | undefined): s is Series => s !== undefined;
  const panels: Panel[] = [
    {
      title: 'Loss per epoch',
      xTitle: 'epoch',
      yTitle: 'loss',
      logY: true,
      series: [pick('train loss', (l) => l.loss), pick('validation loss', (l) => l.valLoss)].filter(defined),
    },
  ];
  const accuracy = [pick('train accuracy', (l) => l.accuracy), pick('validation accuracy', (l) => l.valAccuracy)].filter(defined);
  if (accuracy.length) {
    panels.push({ title: 'Accuracy per epoch', xTitle: 'epoch', yTitle: 'accuracy', yDomain: [0, 1], series: accuracy });
  }
  return chartSpec([...panels, ...extraPanels], title);
}
