/**
 * SIGINT (Ctrl-C) and SIGTERM for every command. Without a handler Node dies by the signal and
 * leaves a half-written temporary file beside the output; with these:
 * - while a command has asked to stop gracefully (train, during training), the first signal asks
 *   it to stop: it finishes the current batch, saves what it promised, and throws Interrupted;
 * - otherwise (or at a second signal) the temporary files of writes in progress are removed and
 *   the process exits at once.
 * Either way the exit code is 128 + the signal's number, as shells report it: 130 for SIGINT,
 * 143 for SIGTERM. Targets are never touched: a write either completed (rename) or left no trace.
 */
import { removeTemporaryFilesSync } from '@backprop/core/node';
import { EXIT } from './errors.js';

export type StopSignal = 'SIGINT' | 'SIGTERM';

/** The exit code of a run stopped by `signal`. */
export function exitCodeOf(signal: StopSignal): number {
  return signal === 'SIGTERM' ? EXIT.terminated : EXIT.interrupted;
}

let installed = false;
let stopper: ((signal: StopSignal) => void) | undefined;
let stopRequested = false;

/** Handle SIGINT and SIGTERM from now on (idempotent). */
export function installSignalHandlers(): void {
  if (installed) return;
  installed = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => onSignal(signal));
}

function onSignal(signal: StopSignal): void {
  if (stopper && !stopRequested) {
    stopRequested = true;
    stopper(signal);
    return;
  }
  removeTemporaryFilesSync();
  process.stderr.write(`backprop: interrupted by ${signal}${stopRequested ? ' again' : ''}: stopped at once, nothing more was written.\n`);
  process.exit(exitCodeOf(signal));
}

/**
 * Until the returned function is called, the first SIGINT or SIGTERM calls `stop` instead of
 * exiting (a second one exits at once).
 */
export function stopGracefully(stop: (signal: StopSignal) => void): () => void {
  installSignalHandlers();
  stopper = stop;
  return () => {
    if (stopper === stop) stopper = undefined;
  };
}
