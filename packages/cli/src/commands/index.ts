import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { benchCommand } from './bench.js';
import { datasetsCommand } from './datasets.js';
import { evalCommand } from './eval.js';
import { exportCommand } from './export.js';
import { forecastCommand } from './forecast.js';
import { generateCommand } from './generate.js';
import { gradcheckCommand } from './gradcheck.js';
import { importCommand } from './import.js';
import { inspectCommand } from './inspect.js';
import { predictCommand } from './predict.js';
import { serveCommand } from './serve.js';
import { trainCommand } from './train.js';

/** Adds every subcommand to the program. */
export function registerCommands(program: Command, io: CliIo): void {
  for (const command of [trainCommand(io), evalCommand(io), predictCommand(io), forecastCommand(io), generateCommand(io), inspectCommand(io), exportCommand(io), importCommand(io), gradcheckCommand(io), datasetsCommand(io), benchCommand(io), serveCommand(io)]) {
    // addCommand does not pass on output, error and exit settings as .command() would.
    command.copyInheritedSettings(program);
    program.addCommand(command);
  }
}
