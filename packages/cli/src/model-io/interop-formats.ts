/**
 * The formats `backprop export` writes and `backprop import` reads, and the one place that maps
 * each to its reader and writer in `@backprop/core/interop`. safetensors is there; onnx is a
 * choice whose functions (`exportOnnx(model, metadata)`, `importOnnx(bytes)`) are looked up when
 * used, so that a build without them refuses it with a clear message instead of failing to load.
 */
import type { Backend, Model, ModelMetadata, ModelSpec } from '@backprop/core';
import * as interop from '@backprop/core/interop';
import { CliError, UsageError } from '../errors.js';

export const INTEROP_FORMATS = ['safetensors', 'onnx'] as const;
export type InteropFormat = (typeof INTEROP_FORMATS)[number];

type Exporter = (model: Model, metadata: ModelMetadata) => Uint8Array;
type Importer = (bytes: Uint8Array, spec?: ModelSpec, options?: { backend?: Backend }) => { model: Model; metadata: ModelMetadata };

/** A function of @backprop/core/interop by name, or undefined when this build has none. */
function interopFunction<T>(name: string): T | undefined {
  const f = (interop as Record<string, unknown>)[name];
  return typeof f === 'function' ? (f as T) : undefined;
}

function notInThisBuild(format: InteropFormat, what: string, instead: string): never {
  throw new CliError(`${what} ${format} is not available in this build of backprop yet; ${instead}.`);
}

/** The writer of a format. */
export function exporterOf(format: InteropFormat): Exporter {
  if (format === 'safetensors') return interop.exportSafetensors;
  return interopFunction<Exporter>('exportOnnx') ?? notInThisBuild(format, 'export to', 'use --format safetensors (PyTorch state_dict names)');
}

/** The reader of a format; `spec` is the topology for files that hold none. */
export function importerOf(format: InteropFormat): Importer {
  if (format === 'safetensors') return interop.importSafetensors;
  return interopFunction<Importer>('importOnnx') ?? notInThisBuild(format, 'import from', 'import a .safetensors file instead');
}

/** The format of a file to import: by its extension, else by its first bytes. */
export function formatOfFile(path: string, bytes: Uint8Array): InteropFormat {
  if (/\.safetensors$/i.test(path)) return 'safetensors';
  if (/\.onnx$/i.test(path)) return 'onnx';
  // safetensors: an 8-byte header length, then the JSON header's '{'.
  if (bytes.length > 8 && bytes[8] === 0x7b && bytes[4] === 0 && bytes[5] === 0 && bytes[6] === 0 && bytes[7] === 0) return 'safetensors';
  throw new UsageError(`--from '${path}': cannot tell its format; name it .safetensors or .onnx.`, 'import');
}
