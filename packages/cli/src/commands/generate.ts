/**
 * `backprop generate`: text from a character model (one trained on `--data text`): the model
 * reads the last seqLen characters, the next character is drawn from its prediction at a
 * temperature with a seeded Rng, appended, and so on (core's `generateText`).
 */
import { generateText } from '@backprop/core';
import { Command } from 'commander';
import { CliError, UsageError } from '../errors.js';
import { openModel, type OpenedModel } from '../model-io/open-model.js';
import { backendOption, outputOptions, seedOption, type BackendChoice } from '../options/common-options.js';
import { addOptions, resolveOptions, type OptionDef } from '../options/option-table.js';
import { parseInteger, parseNumber } from '../options/parse-values.js';
import { count } from '../output/count.js';
import { displayNames } from '../output/display-names.js';
import { Output } from '../output/output.js';
import type { CliIo } from '../io.js';

const GENERATE_OPTIONS: readonly OptionDef[] = [
  { flags: '--model <file.bpm>', description: 'a saved character model (from train --data text)', parse: (raw) => String(raw) },
  { flags: '--prompt <text>', description: 'the text to continue (characters of the model\'s vocabulary; "" starts from nothing)', parse: (raw) => String(raw) },
  { flags: '--length <n>', description: 'how many characters to generate', parse: (raw) => parseInteger(raw, 1), defaultValue: 200 },
  {
    flags: '--temperature <t>',
    description: "sampling temperature: 1 samples the model's distribution, lower is more conservative, 0 is greedy (always the likeliest)",
    parse: (raw) => parseNumber(raw, { min: 0 }),
    defaultValue: 1,
  },
  { ...seedOption, description: 'seed of the sampling: same model, prompt, temperature and seed, same text' },
  backendOption,
  ...outputOptions,
];

const EXAMPLES = `
Examples:
  $ backprop train --data text --model lstm --epochs 1 --save text.bpm --quiet
  $ backprop generate --model text.bpm --prompt "The " --length 200
  $ backprop generate --model text.bpm --prompt "The " --length 80 --temperature 0.5 --seed 7 --json
  $ backprop generate --model text.bpm --prompt "" --length 60 --temperature 0
  $ backprop train --data text --model lstm --embedding 16 --epochs 1 --save text-ids.bpm --quiet
  $ backprop generate --model text-ids.bpm --prompt "The " --length 80

Each step feeds the model the last seqLen characters (the window it was trained on; a
shorter prompt leaves the start of the window empty, or, for a model trained with
--embedding, which reads token ids, fills it with the vocabulary's first character),
divides its log-probabilities by the temperature, and draws the next character. Prints the
prompt followed by the generated text; with --json the last line is {"prompt", "text" (the
generated characters), "length", "temperature", "seed"}.`;

interface GenerateOptions {
  model?: string;
  prompt?: string;
  length: number;
  temperature: number;
  seed: number;
  backend: BackendChoice;
  json?: boolean;
  quiet?: boolean;
}

export function generateCommand(io: CliIo): Command {
  const command = new Command('generate').description('generate text with a saved character model (trained with --data text), sampled at a temperature');
  addOptions(command, GENERATE_OPTIONS);
  command.addHelpText('after', EXAMPLES);
  command.action(async (_opts: unknown, cmd: Command) => {
    const o = resolveOptions('generate', GENERATE_OPTIONS, cmd.opts(), undefined) as unknown as GenerateOptions;
    if (!o.model) throw new UsageError('missing --model <file.bpm> (a character model, e.g. from train --data text --model lstm --save text.bpm).', 'generate');
    if (o.prompt === undefined) throw new UsageError('missing --prompt <text> (the text to continue; --prompt "" starts from nothing).', 'generate');
    const out = new Output({ quiet: Boolean(o.quiet), json: Boolean(o.json), stdout: io.stdout, stderr: io.stderr });
    const opened = await openModel(o.model, o.backend, out);
    const { vocabulary, seqLen, tokens } = characterModel(opened);
    checkPrompt(o.prompt, vocabulary);
    const promptLength = Array.from(o.prompt).length;
    if (promptLength < seqLen) {
      // Token ids have no empty step: generateText pads with id 0.
      const start = tokens ? `filled with ${JSON.stringify(vocabulary[0])} (token id 0)` : 'left empty';
      out.note(`the prompt has ${count(promptLength, 'character')}, the model reads ${seqLen}: the start of its first window is ${start}.`);
    }
    const text = generateText(opened.model, { prompt: o.prompt, length: o.length, temperature: o.temperature, seed: o.seed, vocabulary, seqLen });
    out.line(o.prompt + text);
    out.summary({ prompt: o.prompt, text, length: o.length, temperature: o.temperature, seed: o.seed });
  });
  return command;
}

/**
 * The vocabulary and window length of a character model: its classes are single distinct
 * characters (one output each) and its input is seqLen one-hot steps of them, or seqLen token
 * ids when its first layer is an embedding (`train --embedding`). Anything else is the wrong
 * model file for this command: a runtime failure (exit 1), as in forecast.
 */
function characterModel(opened: OpenedModel): { vocabulary: readonly string[]; seqLen: number; tokens: boolean } {
  const { model, metadata, path } = opened;
  const classes = metadata.classNames;
  const hint = 'generate needs a model trained on characters, e.g. backprop train --data text --model lstm --save text.bpm';
  if (!classes) throw new CliError(`model '${path}' is not a character model: it has no classes (it predicts values). ${hint}.`);
  const singleCharacters = classes.every((c) => Array.from(c).length === 1) && new Set(classes).size === classes.length;
  if (!singleCharacters || classes.length !== model.outputSize) {
    const shown = displayNames(classes.slice(0, 4)).join(', ') + (classes.length > 4 ? ', …' : '');
    throw new CliError(`model '${path}' is not a character model: its classes (${shown}) are not single characters, one per output. ${hint}.`);
  }
  const V = classes.length;
  // Values per step: one token id into an embedding, or a one-hot row.
  const tokens = model.layers[0]?.type === 'embedding';
  const width = tokens ? 1 : V;
  const saved = metadata.config?.['seqLen'];
  const seqLen = typeof saved === 'number' ? saved : model.inputSize / width;
  if (!Number.isInteger(seqLen) || seqLen * width !== model.inputSize) {
    const steps = tokens ? 'token ids' : 'one-hot steps';
    throw new CliError(`model '${path}' is not a character model: it takes ${count(model.inputSize, 'input')}, not a window of ${steps} over its ${V} characters. ${hint}.`);
  }
  return { vocabulary: classes, seqLen, tokens };
}

/** Refuses a prompt with characters the model never saw, naming each (a usage error: the flag's value is wrong). */
function checkPrompt(prompt: string, vocabulary: readonly string[]): void {
  const known = new Set(vocabulary);
  const unknown = [...new Set(Array.from(prompt).filter((c) => !known.has(c)))];
  if (unknown.length === 0) return;
  throw new UsageError(
    `--prompt holds ${unknown.length === 1 ? 'a character' : 'characters'} the model does not know: ${unknown.map((c) => JSON.stringify(c)).join(', ')} ` +
      `(its vocabulary: ${displayNames(vocabulary).join(', ')}).`,
    'generate',
  );
}
