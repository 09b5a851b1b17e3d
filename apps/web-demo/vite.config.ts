import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Cross-origin isolation (COOP + COEP) lets the page share WebAssembly memory with workers, so
// the wasm backend trains on a pool of threads; without it the backend runs on one thread.
const isolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

// Relative base so the built site works from any static folder (GitHub Pages, a CDN path, file servers).
export default defineConfig({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  server: { headers: isolation },
  preview: { headers: isolation },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    // The app's JS budget is 300 KB gzip; warn well before the raw size gets near it.
    chunkSizeWarningLimit: 700,
  },
});
