import type { Writable } from 'node:stream';
import { BarProgress } from './bar-progress.js';
import { PlainProgress } from './plain-progress.js';
import { SilentProgress, type ProgressReporter } from './progress-reporter.js';

/**
 * The reporter that fits where output goes: nothing under --quiet, a live bar when both
 * stdout and stderr are terminals, plain lines on stdout otherwise.
 */
export function createProgress(options: {
  quiet: boolean;
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
}): ProgressReporter {
  if (options.quiet) return new SilentProgress();
  if (options.stdout.isTTY && options.stderr.isTTY) return new BarProgress(options.stderr);
  return new PlainProgress(options.stdout);
}
