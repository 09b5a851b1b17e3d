/**
 * `backprop import`: a model from another framework's file, saved as a backprop model file.
 * safetensors files written by `backprop export` hold their spec; a PyTorch nn.Sequential's
 * state_dict needs the equivalent ModelSpec as --spec (docs/model-format.md), its modules
 * matched by order with the layers that hold weights.
 */
import { jsonDepth, MAX_JSON_DEPTH, readInputFile, INPUT_FILE_LIMITS, saveModel } from '@backprop/core/node';
import type { ModelSpec } from '@backprop/core';
import { Command } from 'commander';
import { checkInputFile } from '../data/check-input-file.js';
import { inputLimit } from '../data/input-limits.js';
import { CliError, UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { formatOfFile, importerOf } from '../model-io/interop-formats.js';
import { backendOption, outputOptions, type BackendChoice } from '../options/common-options.js';
import { loadBackend } from '../model-io/open-model.js';
import { addOptions, resolveOptions, type OptionDef } from '../options/option-table.js';
import { checkOutputFolder } from '../output/check-output-folder.js';
import { count } from '../output/count.js';
import { Output } from '../output/output.js';

const IMPORT_OPTIONS: readonly OptionDef[] = [
  { flags: '--from <file>', description: 'the file to import: .safetensors (from backprop export, or a PyTorch state_dict with --spec) or .onnx (from backprop export or torch.onnx.export: dense, conv, pooling, batchnorm, layernorm, rnn/lstm/gru)', parse: (raw) => String(raw) },
  {
    flags: '--spec <spec.json>',
    description: "the network's ModelSpec as JSON ({ inputSize, layers, loss }), for files that hold none (a PyTorch state_dict)",
    parse: (raw) => String(raw),
  },
  { flags: '--out <file.bpm>', description: 'the model file to write (replaced atomically)', parse: (raw) => String(raw) },
  backendOption,
  ...outputOptions,
];

const EXAMPLES = `
Examples:
  $ backprop train --data iris --layers 8 --epochs 20 --save iris.bpm --quiet
  $ backprop export --model iris.bpm --format safetensors --out iris.safetensors
  $ backprop import --from iris.safetensors --out iris-again.bpm
  $ backprop predict --model iris-again.bpm --input 5.1,3.5,1.4,0.2

A PyTorch model: save its state_dict as safetensors and give the same network as a
backprop spec, e.g. for nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3)):
  spec.json: {"inputSize": 4, "layers": [{"type": "dense", "units": 8, "activation": "relu"},
              {"type": "dense", "units": 3}], "loss": "mse"}
  backprop import --from mlp.safetensors --spec spec.json --out mlp.bpm
The file's modules are matched by order with the layers that hold weights; a missing,
extra or mis-shaped tensor is refused by name.`;

interface ImportOptions {
  from?: string;
  spec?: string;
  out?: string;
  backend: BackendChoice;
  json?: boolean;
  quiet?: boolean;
}

export function importCommand(io: CliIo): Command {
  const command = new Command('import').description('read a safetensors file (from backprop export or a PyTorch state_dict) into a backprop model file');
  addOptions(command, IMPORT_OPTIONS);
  command.addHelpText('after', EXAMPLES);
  command.action(async (_opts: unknown, cmd: Command) => {
    const o = resolveOptions('import', IMPORT_OPTIONS, cmd.opts<Record<string, unknown>>(), undefined) as unknown as ImportOptions;
    if (!o.from) throw new UsageError('missing --from <file> (the .safetensors file to import).', 'import');
    if (o.out === undefined) throw new UsageError('missing --out <file.bpm> (the model file to write).', 'import');
    checkOutputFolder(o.out, '--out', 'import');
    const out = new Output({ quiet: Boolean(o.quiet), json: Boolean(o.json), stdout: io.stdout, stderr: io.stderr });
    const spec = o.spec === undefined ? undefined : readSpec(o.spec);

    checkInputFile(o.from, '--from file', 'give the .safetensors or .onnx file to import', inputLimit('model'));
    const bytes = new Uint8Array(readInputFile(o.from, '--from file', inputLimit('model')));
    const format = formatOfFile(o.from, bytes);
    if (format === 'onnx' && spec !== undefined) throw new UsageError('--spec is for safetensors files without a backprop spec; an ONNX graph holds its own topology.', 'import');
    const importer = importerOf(format);
    const backend = await loadBackend(o.backend, out);
    let imported;
    try {
      imported = importer(bytes, spec, { backend });
    } catch (error) {
      throw new CliError(`cannot import '${o.from}': ${(error as Error).message}`, { cause: error });
    }
    try {
      await saveModel(o.out, imported.model, imported.metadata);
    } catch (error) {
      throw new CliError(`cannot write '${o.out}': ${(error as Error).message}`, { cause: error });
    }
    const { model } = imported;
    out.line(`wrote ${o.out}: ${count(model.layers.length, 'layer')}, ${count(model.parameterCount(), 'parameter')}, ${model.inputSize} inputs → ${model.outputSize} outputs (from ${format})`);
    out.summary({ from: o.from, format, out: o.out, inputSize: model.inputSize, outputSize: model.outputSize, parameters: model.parameterCount(), layers: model.spec.layers.map((l) => l.type) });
  });
  return command;
}

/** The --spec file: a JSON ModelSpec. */
function readSpec(path: string): ModelSpec {
  checkInputFile(path, 'spec file', 'give a JSON file holding the ModelSpec { inputSize, layers, loss }', INPUT_FILE_LIMITS.config);
  const text = readInputFile(path, 'spec file', INPUT_FILE_LIMITS.config).toString('utf8');
  if (jsonDepth(text, MAX_JSON_DEPTH + 1) > MAX_JSON_DEPTH) throw new CliError(`spec file '${path}' nests over ${MAX_JSON_DEPTH} levels deep.`);
  let spec: unknown;
  try {
    spec = JSON.parse(text);
  } catch (error) {
    throw new CliError(`spec file '${path}' is not JSON: ${(error as Error).message}`);
  }
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec) || !('layers' in spec)) {
    throw new CliError(`spec file '${path}' is not a ModelSpec: expected an object { inputSize, layers, loss }.`);
  }
  return spec as ModelSpec;
}
