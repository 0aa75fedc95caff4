import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webDir = path.dirname(fileURLToPath(import.meta.url));

/** The dashboard SPA: built into web/dist and served by the server at /app (src/dashboard). */
export default defineConfig({
  root: webDir,
  base: '/app/',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: path.join(webDir, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
  },
  server: {
    // `npx vite --config web/vite.config.ts` against a server started on :3000.
    proxy: { '/api': { target: 'http://127.0.0.1:3000', ws: true } },
  },
});
