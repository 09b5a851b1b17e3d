/**
 * `backprop export`: a saved model in a format other frameworks read. safetensors holds the
 * weights under PyTorch state_dict names and layouts, with the backprop spec and metadata in its
 * `__metadata__` (so `backprop import` rebuilds the same model from it alone); ONNX (opset 17) is
 * the network as a graph, with the stored preprocessing in front, that takes predict's raw inputs.
 */
import { loadModel, writeFileAtomic } from '@backprop/core/node';
import { Command } from 'commander';
import { checkInputFile } from '../data/check-input-file.js';
import { inputLimit } from '../data/input-limits.js';
import { CliError, UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { exporterOf, INTEROP_FORMATS, type InteropFormat } from '../model-io/interop-formats.js';
import { backendOption, outputOptions, type BackendChoice } from '../options/common-options.js';
import { loadBackend } from '../model-io/open-model.js';
import { addOptions, resolveOptions, type OptionDef } from '../options/option-table.js';
import { parseChoice } from '../options/parse-values.js';
import { checkOutputFolder } from '../output/check-output-folder.js';
import { count } from '../output/count.js';
import { Output } from '../output/output.js';

const EXPORT_OPTIONS: readonly OptionDef[] = [
  { flags: '--model <file.bpm>', description: 'the saved model', parse: (raw) => String(raw) },
  {
    flags: '--format <name>',
    description: `the file format: ${INTEROP_FORMATS.join(', ')} (safetensors: PyTorch state_dict names and layouts; onnx: an opset-17 graph taking predict's raw inputs)`,
    parse: (raw) => parseChoice(raw, INTEROP_FORMATS),
  },
  { flags: '--out <file>', description: 'the file to write (replaced atomically)', parse: (raw) => String(raw) },
  backendOption,
  ...outputOptions,
];

const EXAMPLES = `
Examples:
  $ backprop train --data iris --layers 8 --epochs 20 --save iris.bpm --quiet
  $ backprop export --model iris.bpm --format safetensors --out iris.safetensors
  $ backprop import --from iris.safetensors --out iris-again.bpm
  $ backprop export --model iris.bpm --format onnx --out iris.onnx
  $ backprop import --from iris.onnx --out iris-from-onnx.bpm

safetensors names follow the equivalent PyTorch nn.Sequential: a dense layer is
'<k>.weight' [out, in] and '<k>.bias', where k counts modules as PyTorch does
(a dense layer with an activation is Linear + the activation's module, so
'8 relu, 3' is 0.weight, 0.bias, 2.weight, 2.bias; a dense layer after an
image or a sequence follows the nn.Flatten PyTorch needs); conv2d weights are
[outC, inC, kh, kw]; batchnorm adds running_mean, running_var and
num_batches_tracked; rnn/lstm/gru are weight_ih_l0, weight_hh_l0, bias_ih_l0
and bias_hh_l0 in PyTorch's gate order. Fixed-point networks are refused.`;

interface ExportOptions {
  model?: string;
  format?: InteropFormat;
  out?: string;
  backend: BackendChoice;
  json?: boolean;
  quiet?: boolean;
}

export function exportCommand(io: CliIo): Command {
  const command = new Command('export').description('write a saved model as safetensors (PyTorch state_dict names), for other frameworks');
  addOptions(command, EXPORT_OPTIONS);
  command.addHelpText('after', EXAMPLES);
  command.action(async (_opts: unknown, cmd: Command) => {
    const o = resolveOptions('export', EXPORT_OPTIONS, cmd.opts<Record<string, unknown>>(), undefined) as unknown as ExportOptions;
    if (!o.model) throw new UsageError('missing --model <file.bpm> (the model to export).', 'export');
    if (!o.format) throw new UsageError(`missing --format <name> (one of ${INTEROP_FORMATS.join(', ')}).`, 'export');
    if (o.out === undefined) throw new UsageError(`missing --out <file> (e.g. --out model.${o.format}).`, 'export');
    checkOutputFolder(o.out, '--out', 'export');
    const exporter = exporterOf(o.format);
    const out = new Output({ quiet: Boolean(o.quiet), json: Boolean(o.json), stdout: io.stdout, stderr: io.stderr });

    const backend = await loadBackend(o.backend, out);
    checkInputFile(o.model, 'model file', "give the .bpm file that 'backprop train --save' wrote", inputLimit('model'));
    let loaded;
    try {
      loaded = await loadModel(o.model, { backend, maxBytes: inputLimit('model') });
    } catch (error) {
      throw new CliError(`cannot load model ${(error as Error).message}`, { cause: error });
    }
    let bytes: Uint8Array;
    try {
      bytes = exporter(loaded.model, loaded.metadata);
    } catch (error) {
      throw new CliError(`cannot export '${o.model}' as ${o.format}: ${(error as Error).message}`, { cause: error });
    }
    try {
      await writeFileAtomic(o.out, bytes);
    } catch (error) {
      throw new CliError(`cannot write '${o.out}': ${(error as Error).message}`, { cause: error });
    }
    const tensors = loaded.model.parameters().length;
    out.line(`wrote ${o.out} (${o.format}, ${count(bytes.length, 'byte')}): the weights of ${count(loaded.model.layers.length, 'layer')} with the spec and metadata`);
    out.summary({ model: o.model, format: o.format, out: o.out, bytes: bytes.length, parameters: tensors });
  });
  return command;
}
