/**
 * ONNX interop: `exportOnnx` writes a Model as an ONNX opset-17 graph that computes `predict`
 * (stored preprocessing in front); `importOnnx` reads such a graph, or what torch.onnx.export
 * writes for an MLP, a small CNN or an LSTM, back into a Model. Browser-safe: no Node built-ins.
 */
export { exportOnnx } from './export.js';
export { importOnnx } from './import.js';
export type { ImportedOnnx } from './import.js';
export { OnnxFormatError } from './protobuf-reader.js';
