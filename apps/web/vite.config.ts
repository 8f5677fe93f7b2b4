import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The API server the dev proxy talks to; override with VITE_API_TARGET (e.g. http://127.0.0.1:3100). */
const apiTarget = process.env.VITE_API_TARGET ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
});
