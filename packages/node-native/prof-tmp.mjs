import { Model } from '@backprop/core';
import { loadMnist } from '@backprop/core/node';
import { loadNativeBackend } from './dist/index.js';
const nb = loadNativeBackend();
const times = new Map();
const backend = new Proxy(nb, { get(t, k) { const v = t[k]; if (typeof v !== 'function') return v; return (...a) => { const s0 = process.hrtime.bigint(); const r = v.apply(t, a); const d = Number(process.hrtime.bigint() - s0) / 1000; const key = k === 'gemm' ? `gemm ${a[0]?'T':'N'}${a[1]?'T':'N'} ${a[2]}x${a[3]}x${a[4]}` : k; times.set(key, (times.get(key) ?? 0) + d); return r; }; } });
const data = loadMnist();
const spec = { inputSize: 784, inputShape: [1, 28, 28], loss: 'cross-entropy', layers: [
 { type: 'conv2d', filters: 6, kernelSize: 5, padding: 2, activation: 'relu' }, { type: 'maxpool2d', kernelSize: 2 },
 { type: 'conv2d', filters: 16, kernelSize: 5, activation: 'relu' }, { type: 'maxpool2d', kernelSize: 2 },
 { type: 'dense', units: 120, activation: 'relu' }, { type: 'dense', units: 84, activation: 'relu' }, { type: 'dense', units: 10, activation: 'softmax' } ] };
const model = Model.create(spec, { backend, seed: 1 });
const n = 4096;
const sub = { ...data, n, x: data.x.subarray(0, n * 784), y: data.y.subarray(0, n * 10) };
const c0 = process.cpuUsage(); const t = performance.now();
await model.fit(sub, { epochs: 1, batchSize: 64, optimizer: { name: 'sgd', lr: 0.05 } });
const total = performance.now() - t;
const cu = process.cpuUsage(c0); console.log("samples/s", (n / (total / 1000)).toFixed(0), "cpu ms", ((cu.user + cu.system) / 1e3).toFixed(0), "cpu samples/s", (n / ((cu.user + cu.system) / 1e6)).toFixed(0));
[...times].sort((a, b) => b[1] - a[1]).slice(0, 16).forEach(([k, v]) => console.log((v / 1e3).toFixed(1).padStart(8), k));
