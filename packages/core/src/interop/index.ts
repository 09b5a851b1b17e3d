/**
 * `@backprop/core/interop`: models in and out of backprop in the formats other frameworks read.
 * safetensors with PyTorch `state_dict` names and layouts, and ONNX (opset 17), both ways.
 * Browser-safe, like the main entry.
 *
 * @packageDocumentation
 */
// Imported models may hold recurrent layers: their types must be registered.
import '../recurrent/register.js';

export { exportSafetensors, importSafetensors } from './safetensors/safetensors.js';
export type { ImportedModel, ImportSafetensorsOptions } from './safetensors/safetensors.js';
export { MAX_SAFETENSORS_HEADER_BYTES, readSafetensors, SafetensorsError, writeSafetensors } from './safetensors/format.js';
export type { SafetensorsContents, SafetensorsDType, SafetensorsTensor, SafetensorsTensorInput } from './safetensors/format.js';
export { exportOnnx, importOnnx, OnnxFormatError, type ImportedOnnx } from './onnx/index.js';
