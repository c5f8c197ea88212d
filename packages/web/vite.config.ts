// Vite: builds the single-page app into dist/ (served by the API server on the same port).
// `npm run dev -w @tandem/web` proxies /api to a running server (TANDEM_API_URL, default http://127.0.0.1:3000).
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiUrl = process.env.TANDEM_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/api': { target: apiUrl, changeOrigin: false } } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 800 },
});
