/**
 * The formats `backprop export` writes and `backprop import` reads, and the one place that maps
 * each to its writer and reader in `@backprop/core/interop`.
 */
import type { Backend, Model, ModelMetadata, ModelSpec } from '@backprop/core';
import * as interop from '@backprop/core/interop';
import { UsageError } from '../errors.js';

export const INTEROP_FORMATS = ['safetensors', 'onnx'] as const;
export type InteropFormat = (typeof INTEROP_FORMATS)[number];

type Exporter = (model: Model, metadata: ModelMetadata) => Uint8Array;
type Importer = (bytes: Uint8Array, spec?: ModelSpec, options?: { backend?: Backend }) => { model: Model; metadata: ModelMetadata };

/** The writer of a format. */
export function exporterOf(format: InteropFormat): Exporter {
  return format === 'safetensors' ? interop.exportSafetensors : interop.exportOnnx;
}

/** The reader of a format; `spec` is the topology for files that hold none (a safetensors state_dict). */
export function importerOf(format: InteropFormat): Importer {
  if (format === 'safetensors') return interop.importSafetensors;
  return (bytes, _spec, options) => interop.importOnnx(bytes, options?.backend ? { backend: options.backend } : {});
}

/** The format of a file to import: by its extension, else by its first bytes. */
export function formatOfFile(path: string, bytes: Uint8Array): InteropFormat {
  if (/\.safetensors$/i.test(path)) return 'safetensors';
  if (/\.onnx$/i.test(path)) return 'onnx';
  // safetensors: an 8-byte header length, then the JSON header's '{'.
  if (bytes.length > 8 && bytes[8] === 0x7b && bytes[4] === 0 && bytes[5] === 0 && bytes[6] === 0 && bytes[7] === 0) return 'safetensors';
  // ONNX: a ModelProto starts with field 1 (ir_version, a varint): tag byte 0x08.
  if (bytes.length > 2 && bytes[0] === 0x08) return 'onnx';
  throw new UsageError(`--from '${path}': cannot tell its format; name it .safetensors or .onnx.`, 'import');
}
