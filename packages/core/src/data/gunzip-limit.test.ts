/** The browser-side inflater stops at its output limit: a gzip bomb costs the limit, not its inflated size. */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeMnistAssetAsync, gunzipBytes, MNIST_ASSET_MAX_BYTES } from './mnist-asset.js';

// 16 MiB of zeros gzip to about 16 KB.
const bomb = gzipSync(new Uint8Array(16 * 2 ** 20));

describe('gunzipBytes', () => {
  it('inflates within the limit', async () => {
    const out = await gunzipBytes(gzipSync(Uint8Array.from([1, 2, 3])), 3);
    expect(Array.from(out)).toEqual([1, 2, 3]);
  });

  it('refuses output past the limit with a RangeError', async () => {
    await expect(gunzipBytes(bomb, 2 ** 20)).rejects.toThrow(new RangeError('gzip data inflate to more than 1048576 bytes, the limit'));
  });

  it('decodeMnistAssetAsync bounds the asset by MNIST_ASSET_MAX_BYTES', async () => {
    const big = gzipSync(new Uint8Array(MNIST_ASSET_MAX_BYTES + 1));
    await expect(decodeMnistAssetAsync(big, 'asset x')).rejects.toThrow(`asset x: gzip data inflate to more than ${MNIST_ASSET_MAX_BYTES} bytes, the limit for an MNIST asset`);
  });
});
