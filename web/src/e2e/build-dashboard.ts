import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const distIndex = path.join(webDir, 'dist', 'index.html');

/** Builds web/dist with Vite's API when it is missing (tests run from a fresh checkout). */
export async function ensureDashboardBuilt(): Promise<void> {
  if (fs.existsSync(distIndex)) return;
  const { build } = await import('vite');
  await build({ configFile: path.join(webDir, 'vite.config.ts'), logLevel: 'warn' });
}
