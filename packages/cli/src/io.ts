/** What every command is given to run: its streams and folder, and the interruption it may end with. */
import type { Writable } from 'node:stream';

/** Streams and environment a run uses (tests pass their own). */
export interface CliIo {
  readonly stdout: Writable & { isTTY?: boolean };
  readonly stderr: Writable & { isTTY?: boolean };
  readonly cwd: string;
}

/** Thrown by a command that was interrupted (Ctrl-C: SIGINT, or SIGTERM) after it cleaned up. */
export class Interrupted extends Error {
  override readonly name = 'Interrupted';
  constructor(
    message: string,
    /** The signal that stopped the command: the exit code is 128 + its number. */
    readonly signal: 'SIGINT' | 'SIGTERM' = 'SIGINT',
  ) {
    super(message);
  }
}
