/**
 * The `backprop` program: commander set up so that every usage error (unknown command or
 * flag, bad value, missing option) surfaces as one clear line, a pointer to --help, and exit
 * code 2; runtime failures exit 1; a stack trace is printed only with --verbose.
 */
import { threadsFromEnv } from '@backprop/node-native';
import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands/index.js';
import { CliError, EXIT, UsageError } from './errors.js';
import { Interrupted, type CliIo } from './io.js';

export function buildProgram(io: CliIo): Command {
  const program = new Command('backprop');
  program
    .description('Train, evaluate and inspect neural networks trained by backpropagation.')
    .version(CLI_VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help (every command has its own, with examples)')
    .showHelpAfterError('(add --help for usage and examples)')
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(`backprop: ${text.replace(/^error: /, '')}`),
    })
    .exitOverride()
    .addHelpText(
      'after',
      `
Exit codes: 0 success, 1 runtime failure, 2 usage error, 130 interrupted (Ctrl-C),
143 terminated (SIGTERM), 141 output pipe closed early (e.g. | head).
Add --verbose to any command to see stack traces.

Examples:
  $ backprop datasets
  $ backprop train --data iris --layers 8 --epochs 200 --save iris.bpm --json
  $ backprop predict --model iris.bpm --input 5.1,3.5,1.4,0.2
  $ backprop train --help`,
    );
  // An invalid BACKPROP_THREADS would only make the native backend fail to load, and `auto`
  // quietly train on the slower TS backend: refuse it before any command runs (help still works).
  program.hook('preAction', () => {
    try {
      threadsFromEnv(process.env, 1);
    } catch (error) {
      throw new CliError(`${(error as Error).message} (unset it to use every CPU).`);
    }
  });
  registerCommands(program, io);
  return program;
}

/** The CLI's version, from its package.json (kept in sync by hand at release). */
export const CLI_VERSION = '0.1.0';

/** Runs the CLI on argv (without node and script) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const verbose = argv.includes('--verbose');
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    // Checks shared by several commands (e.g. a --plot file name) do not know which one runs.
    const running = program.commands.find((c) => c.name() === argv[0])?.name();
    return reportError(error, verbose, io, running);
  }
}

function reportError(error: unknown, verbose: boolean, io: CliIo, running: string | undefined): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its message (and the help hint) through outputError.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.ok;
    // help() after a usage problem (no command given) exits non-zero; `backprop help train` exits 0.
    if (error.code === 'commander.help') return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (error.code === 'commander.executeSubCommandAsync') return error.exitCode;
    return EXIT.usage;
  }
  if (error instanceof Interrupted) {
    io.stderr.write(`backprop: ${error.message}\n`);
    return error.signal === 'SIGTERM' ? EXIT.terminated : EXIT.interrupted;
  }
  if (error instanceof UsageError) {
    const command = error.command ?? running;
    io.stderr.write(`backprop${command ? ` ${command}` : ''}: ${error.message}\n`);
    io.stderr.write(`(run 'backprop ${command ? `${command} ` : ''}--help' for usage and examples)\n`);
    if (verbose && error.stack) io.stderr.write(`${error.stack}\n`);
    return EXIT.usage;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`backprop: error: ${message}\n`);
  if (verbose) {
    if (error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    const cause = error instanceof Error ? error.cause : undefined;
    if (cause instanceof Error && cause.stack) io.stderr.write(`caused by: ${cause.stack}\n`);
  } else if (!(error instanceof CliError)) {
    io.stderr.write('(run again with --verbose for details)\n');
  }
  return EXIT.failure;
}
