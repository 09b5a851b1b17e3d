import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Relative base so the built site works from any static folder (GitHub Pages, a CDN path, file servers).
export default defineConfig({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    // The app's JS budget is 300 KB gzip; warn well before the raw size gets near it.
    chunkSizeWarningLimit: 700,
  },
});
