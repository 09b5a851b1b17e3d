/**
 * `backprop forecast`: multi-step forecasting with a trained sequence model, feeding each
 * prediction back as the next input (core's `forecast`, sliding-window mode). The seed is
 * --input (at least one window of values), or for models trained on `sine` a fresh sine window,
 * in which case the true continuation is known and the forecast's MSE is reported.
 */
import { forecast } from '@backprop/core';
import { Command } from 'commander';
import { CliError, UsageError } from '../errors.js';
import { openModel } from '../model-io/open-model.js';
import { backendOption, outputOptions, seedOption, type BackendChoice } from '../options/common-options.js';
import { addOptions, resolveOptions, type OptionDef } from '../options/option-table.js';
import { parseInteger } from '../options/parse-values.js';
import { checkOutputFolder } from '../output/check-output-folder.js';
import { count } from '../output/count.js';
import { Output } from '../output/output.js';
import { imageFormatOf } from '../plot/image-format.js';
import { formatLoss } from '../progress/format.js';
import type { CliIo } from '../io.js';

const FORECAST_OPTIONS: readonly OptionDef[] = [
  { flags: '--model <file.bpm>', description: 'a saved sequence model (e.g. from train --data sine --model rnn)', parse: (raw) => String(raw) },
  { flags: '--steps <n>', description: 'how many steps to forecast', parse: (raw) => parseInteger(raw, 1), defaultValue: 50 },
  { flags: '--input <values>', description: 'seed values, comma separated (at least one window); default: a fresh sine window for sine models', parse: (raw) => String(raw) },
  { flags: '--plot <file.svg|file.png>', description: 'draw the forecast (and the truth when known)', parse: (raw) => String(raw) },
  seedOption,
  backendOption,
  ...outputOptions,
];

const EXAMPLES = `
Examples:
  $ backprop train --data sine --model rnn --hidden 16 --seq-len 50 --epochs 5 --save sine.bpm --quiet
  $ backprop forecast --model sine.bpm --steps 100 --plot forecast.png
  $ backprop forecast --model sine.bpm --steps 5 --input 0,0.25,0.48,0.68,0.84,0.95,1,0.98,0.9,0.77,0.59,0.37,0.13,-0.13,-0.37,-0.59,-0.77,-0.9,-0.98,-1,-0.95,-0.84,-0.68,-0.48,-0.25,0,0.25,0.48,0.68,0.84,0.95,1,0.98,0.9,0.77,0.59,0.37,0.13,-0.13,-0.37,-0.59,-0.77,-0.9,-0.98,-1,-0.95,-0.84,-0.68,-0.48,-0.25 --json`;

interface ForecastCliOptions {
  model?: string;
  steps: number;
  input?: string;
  plot?: string;
  seed: number;
  backend: BackendChoice;
  json?: boolean;
  quiet?: boolean;
}

export function forecastCommand(io: CliIo): Command {
  const command = new Command('forecast').description('forecast a sequence step by step with a saved sequence model');
  addOptions(command, FORECAST_OPTIONS);
  command.addHelpText('after', EXAMPLES);
  command.action(async (_opts: unknown, cmd: Command) => {
    const o = resolveOptions('forecast', FORECAST_OPTIONS, cmd.opts(), undefined) as unknown as ForecastCliOptions;
    if (!o.model) throw new UsageError('missing --model <file.bpm> (a saved sequence model).', 'forecast');
    if (o.plot !== undefined) {
      if (o.plot.trim() === '') throw new UsageError('--plot: the file name is empty.', 'forecast');
      imageFormatOf(o.plot);
      checkOutputFolder(o.plot, '--plot', 'forecast');
    }
    const out = new Output({ quiet: Boolean(o.quiet), json: Boolean(o.json), stdout: io.stdout, stderr: io.stderr });
    const { model, metadata, backend } = await openModel(o.model, o.backend, out);
    const first = model.layers[0]?.toSpec() as { type: string; seqLen?: number; features?: number } | undefined;
    const features = first?.features ?? 1;
    const seqLen = first?.seqLen ?? model.inputSize / features;
    if (model.outputSize !== features) {
      // The model file does not fit the command (as a shape mismatch in eval or predict): a runtime failure.
      throw new CliError(
        `model '${o.model}' is not a sequence model: it gives ${model.outputSize} values per row, not the next step of ${count(features, 'value')}, so its output cannot be fed back as input. ` +
          'forecast needs a model trained to predict the next value, e.g. train --data sine --model rnn --save sine.bpm.',
      );
    }
    let seedValues: Float32Array;
    let truth: Float32Array | undefined;
    let mse: number | undefined;
    let predicted: Float32Array;
    if (o.input !== undefined) {
      const values = o.input.split(',').map((v, i) => {
        const n = Number(v.trim());
        if (v.trim() === '' || !Number.isFinite(n)) throw new UsageError(`--input value ${i + 1}: '${v}' is not a number.`, 'forecast');
        return n;
      });
      if (values.length < seqLen * features) {
        throw new UsageError(`--input has ${count(values.length, 'value')}; the model needs a window of ${seqLen * features}.`, 'forecast');
      }
      seedValues = Float32Array.from(values.slice(values.length - seqLen * features));
      predicted = forecast(model, seedValues, { steps: o.steps });
    } else {
      if (metadata.config?.['data'] !== 'sine') {
        throw new UsageError(`model '${o.model}' was not trained on sine: give the seed window with --input.`, 'forecast');
      }
      const { sineForecast } = await import('../plot/forecast-panel.js');
      const result = sineForecast(model, seqLen, o.seed, o.steps);
      seedValues = result.seed;
      truth = result.truth;
      predicted = result.predicted;
      mse = result.mse;
    }
    out.line(`forecast of ${count(o.steps, 'step')} after a ${seqLen}-step window with backend ${backend.info.description}:`);
    out.line(Array.from(predicted, (v) => v.toFixed(4)).join(' '));
    if (mse !== undefined) out.line(`MSE against the true continuation: ${formatLoss(mse)}`);
    if (o.plot) {
      const { forecastPanel } = await import('../plot/forecast-panel.js');
      const { chartSpec } = await import('../plot/chart-spec.js');
      const { writeChart } = await import('../plot/render-chart.js');
      const panel = forecastPanel({ seed: seedValues, truth: truth ?? new Float32Array(0), predicted, mse: mse ?? Number.NaN });
      const titled = truth ? panel : { ...panel, title: `Forecast of ${count(o.steps, 'step')} (fed back step by step)`, series: panel.series.filter((s) => s.name !== 'truth') };
      await writeChart(o.plot, chartSpec([titled], `backprop forecast --model ${o.model}`));
      out.line(`wrote the forecast plot to ${o.plot}`);
    }
    out.summary({ model: o.model, steps: o.steps, forecast: Array.from(predicted), ...(truth ? { truth: Array.from(truth), mse } : {}), backend: backend.info.name });
  });
  return command;
}
