/**
 * Where a command's results go. Human-readable lines go to stdout unless --quiet; with
 * --json one JSON object is printed as the very last line of stdout, so that tools can
 * read `tail -n 1`. Notes and warnings go to stderr.
 */
import type { Writable } from 'node:stream';
import { escapeJsonText } from './display-names.js';

export interface OutputOptions {
  readonly quiet: boolean;
  readonly json: boolean;
  readonly stdout?: Writable;
  readonly stderr?: Writable;
}

export class Output {
  readonly quiet: boolean;
  readonly json: boolean;
  readonly stdout: Writable;
  readonly stderr: Writable;
  private jsonWritten = false;

  constructor(options: OutputOptions) {
    this.quiet = options.quiet;
    this.json = options.json;
    this.stdout = options.stdout ?? process.stdout;
    this.stderr = options.stderr ?? process.stderr;
  }

  /** A human-readable result line (suppressed by --quiet). */
  line(text = ''): void {
    if (this.quiet) return;
    this.stdout.write(`${text}\n`);
  }

  /** A note for the person at the terminal (stderr, suppressed by --quiet). */
  note(text: string): void {
    if (this.quiet) return;
    this.stderr.write(`${text}\n`);
  }

  /** A warning: always shown, on stderr. */
  warn(text: string): void {
    this.stderr.write(`${text}\n`);
  }

  /** The one JSON summary (only with --json); must be the last thing written to stdout. */
  summary(value: object): void {
    if (!this.json) return;
    if (this.jsonWritten) throw new Error('the JSON summary was already written');
    this.jsonWritten = true;
    this.stdout.write(`${escapeJsonText(JSON.stringify(value))}\n`);
  }
}
