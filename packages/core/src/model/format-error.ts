/**
 * The error every model-file reader throws (serialize.ts for .bpm files, fixed-point-json.ts for
 * fixed-point JSON documents), with `problem` saying which check failed.
 */

/** Why a file was refused. */
export type ModelFormatProblem =
  | 'bad-magic'
  | 'unsupported-version'
  | 'truncated'
  | 'checksum'
  | 'corrupt'
  | 'shape-mismatch'
  | 'unknown-layer';

/** A model file that cannot be read; `problem` says which check failed. */
export class ModelFormatError extends Error {
  constructor(
    readonly problem: ModelFormatProblem,
    message: string,
  ) {
    super(message);
    this.name = 'ModelFormatError';
  }
}
