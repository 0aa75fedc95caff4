import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const distDir = path.join(webDir, 'dist');
const distIndex = path.join(distDir, 'index.html');

/** The newest modification time of the dashboard's sources (tests excluded). */
function newestSource(): number {
  let newest = 0;
  const visit = (entry: string) => {
    const stat = fs.statSync(entry);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(entry)) if (name !== 'e2e') visit(path.join(entry, name));
    } else if (!entry.endsWith('.test.ts')) {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const entry of ['src', 'index.html', 'vite.config.ts']) visit(path.join(webDir, entry));
  return newest;
}

/**
 * Builds web/dist with Vite's API when it is missing or older than the sources (a fresh
 * checkout, or a change since the last `npm run build`). The build goes to a temporary directory
 * that then replaces web/dist, so a server never serves a half-written bundle.
 */
export async function ensureDashboardBuilt(): Promise<void> {
  if (fs.existsSync(distIndex) && fs.statSync(distIndex).mtimeMs >= newestSource()) return;
  const { build } = await import('vite');
  const temp = path.join(webDir, `dist.${process.pid}.tmp`);
  // Vitest sets NODE_ENV=test, which Vite would bake in (a development React): build as `npm run build` does.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: path.join(webDir, 'vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir: temp, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  const old = path.join(webDir, `dist.${process.pid}.old`);
  try {
    if (fs.existsSync(distDir)) fs.renameSync(distDir, old);
    fs.renameSync(temp, distDir);
  } catch (error) {
    // Another test process swapped in the same build at the same moment: theirs will do.
    if (!fs.existsSync(distIndex)) throw error;
  } finally {
    fs.rmSync(old, { recursive: true, force: true });
    fs.rmSync(temp, { recursive: true, force: true });
  }
}
