/**
 * The two kinds of failure the CLI distinguishes, because their exit codes differ:
 * a usage error (the command line itself is wrong: exit 2, with a pointer to --help)
 * and a runtime failure (a file that cannot be read, a model that does not fit the
 * data: exit 1). Neither prints a stack trace unless --verbose is given.
 */

/** The command line is wrong: unknown flag, bad value, missing required option. Exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  /** The command whose --help to point at, e.g. 'train'. */
  readonly command: string | undefined;
  constructor(message: string, command?: string) {
    super(message);
    this.command = command;
  }
}

/** Something failed while running a well-formed command (missing file, corrupt model). Exit code 1. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Exit codes the CLI uses (documented in --help). */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  /** 128 + SIGINT, as shells report an interrupted program. */
  interrupted: 130,
  /** 128 + SIGTERM: stopped by `kill` or a service manager. */
  terminated: 143,
  /** 128 + SIGPIPE: the reader of stdout went away (`| head`), as shells report for other tools. */
  brokenPipe: 141,
} as const;
