/**
 * `backprop eval`: a saved model on a data set: loss, accuracy, confusion matrix and per-class
 * precision / recall / F1. On the data set the model was trained on, it evaluates the same
 * held-out test rows by default (the split is re-made from the saved seed).
 */
import { prepareData } from '@backprop/core';
import { Command } from 'commander';
import { generatedDataOptions, loadRawDataset } from '../data/load-raw-dataset.js';
import { UsageError } from '../errors.js';
import { fitDataToModel, openModel } from '../model-io/open-model.js';
import { backendOption, outputOptions } from '../options/common-options.js';
import { addOptions, resolveOptions, type OptionDef } from '../options/option-table.js';
import { parseChoice } from '../options/parse-values.js';
import { formatConfusion, formatPerClass } from '../output/confusion-table.js';
import { Output } from '../output/output.js';
import { formatAccuracy, formatLoss } from '../progress/format.js';
import type { CliIo } from '../io.js';
import type { BackendChoice } from '../options/common-options.js';
import { preprocessDataset } from '../model-io/apply-preprocessing.js';

const SPLITS = ['test', 'train', 'all'] as const;
type Split = (typeof SPLITS)[number];

const EVAL_OPTIONS: readonly OptionDef[] = [
  { flags: '--model <file.bpm>', description: 'the saved model', parse: (raw) => String(raw) },
  { flags: '--data <set>', description: 'data set (as for train)', parse: (raw) => String(raw), defaultDescription: 'the data the model was trained on' },
  { flags: '--target <column>', description: 'CSV: the target column', parse: (raw) => String(raw) },
  {
    flags: '--split <part>',
    description: `rows to evaluate: ${SPLITS.join(', ')} (test/train re-make the training run's split)`,
    parse: (raw) => parseChoice(raw, SPLITS),
    defaultDescription: 'test on the training data set, else all',
  },
  backendOption,
  ...outputOptions,
];

const EXAMPLES = `
Examples:
  $ backprop train --data iris --epochs 200 --save iris.bpm --quiet
  $ backprop eval --model iris.bpm --data iris
  $ backprop eval --model iris.bpm --data iris --split all --json`;

export function evalCommand(io: CliIo): Command {
  const command = new Command('eval').description('evaluate a saved model on a data set (loss, accuracy, confusion matrix, precision/recall/F1)');
  addOptions(command, EVAL_OPTIONS);
  command.addHelpText('after', EXAMPLES);
  command.action(async (_opts: unknown, cmd: Command) => {
    const o = resolveOptions('eval', EVAL_OPTIONS, cmd.opts(), undefined) as {
      model?: string;
      data?: string;
      target?: string;
      split?: Split;
      backend: BackendChoice;
      json?: boolean;
      quiet?: boolean;
    };
    if (!o.model) throw new UsageError("missing --model <file.bpm> (the model to evaluate).", 'eval');
    const out = new Output({ quiet: Boolean(o.quiet), json: Boolean(o.json), stdout: io.stdout, stderr: io.stderr });
    const opened = await openModel(o.model, o.backend, out);
    const config = opened.metadata.config ?? {};
    const trainedOn = typeof config['data'] === 'string' ? config['data'] : undefined;
    const dataName = o.data ?? trainedOn;
    if (!dataName) throw new UsageError(`model '${o.model}' does not record its data set: give --data.`, 'eval');
    const target = o.target ?? (typeof config['target'] === 'string' ? config['target'] : undefined);
    const loaded = await loadRawDataset(dataName, { command: 'eval', ...(target !== undefined ? { target } : {}), ...generatedDataOptions(config) });
    const raw = { ...loaded, data: fitDataToModel(opened, loaded.data, dataName) };

    const split: Split = o.split ?? (dataName === trainedOn ? 'test' : 'all');
    let rows = raw.data;
    if (split !== 'all') {
      const testSplit = typeof config['testSplit'] === 'number' ? config['testSplit'] : 0;
      const seed = typeof config['seed'] === 'number' ? config['seed'] : 42;
      const parts = prepareData(raw, { testSplit, seed, normalize: 'none' });
      if (split === 'test' && !parts.test) throw new UsageError(`model '${o.model}' was trained without a test split: use --split all.`, 'eval');
      rows = split === 'test' ? parts.test! : parts.train;
    }
    rows = preprocessDataset(opened, rows, (r) => `data set '${dataName}' (${split} rows) row ${r + 1}`);
    const evaluation = opened.model.evaluate(rows);
    const classNames = opened.metadata.classNames ?? raw.data.classNames ?? [];

    out.line(`model ${o.model} on ${dataName} (${split} rows: ${rows.n}) with backend ${opened.backend.info.description}`);
    out.line(`loss ${formatLoss(evaluation.loss)}`);
    if (evaluation.accuracy !== undefined) out.line(`accuracy ${formatAccuracy(evaluation.accuracy)} (${(evaluation.accuracy * 100).toFixed(2)}%)`);
    if (evaluation.confusion) {
      out.line('confusion matrix:');
      out.line(formatConfusion(evaluation.confusion, classNames));
      const perClass = formatPerClass(evaluation, classNames);
      if (perClass) out.line(perClass);
    }
    out.summary({
      model: o.model,
      data: dataName,
      split,
      rows: rows.n,
      loss: evaluation.loss,
      accuracy: evaluation.accuracy ?? null,
      ...(evaluation.confusion ? { classNames, confusion: evaluation.confusion, precision: evaluation.precision, recall: evaluation.recall, f1: evaluation.f1 } : {}),
      backend: opened.backend.info.name,
    });
  });
  return command;
}
