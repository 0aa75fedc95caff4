import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { buildWidget, widgetOutFile, widgetSourceDir, writeWidgetFile } from './build.ts';

export interface WidgetBundle {
  code: Buffer;
  gzipped: Buffer;
  etag: string;
}

function newestSourceMtime(): number {
  if (!fs.existsSync(widgetSourceDir)) return 0;
  let newest = 0;
  for (const name of fs.readdirSync(widgetSourceDir)) {
    newest = Math.max(newest, fs.statSync(path.join(widgetSourceDir, name)).mtimeMs);
  }
  return newest;
}

/** The built file when it is at least as new as every source file (or when the sources are absent). */
function readFreshBuild(file: string): string | undefined {
  if (!fs.existsSync(file)) return undefined;
  return fs.statSync(file).mtimeMs >= newestSourceMtime() ? fs.readFileSync(file, 'utf8') : undefined;
}

function toBundle(source: string): WidgetBundle {
  const code = Buffer.from(source);
  const etag = `"${crypto.createHash('sha256').update(code).digest('base64url').slice(0, 27)}"`;
  return { code, gzipped: zlib.gzipSync(code, { level: 9 }), etag };
}

let cached: Promise<WidgetBundle> | undefined;

/**
 * widget.js for the server: `widget/dist/widget.js` when fresh, otherwise built once (lazily, on the
 * first request) and written there for the next process — so `npm install && npm start` works on a
 * fresh clone without committing generated code.
 */
export function loadWidgetBundle(file = widgetOutFile): Promise<WidgetBundle> {
  cached ??= (async () => {
    const fresh = readFreshBuild(file);
    if (fresh !== undefined) return toBundle(fresh);
    const code = await buildWidget();
    try {
      writeWidgetFile(code, file);
    } catch {
      // A read-only install still serves the in-memory build.
    }
    return toBundle(code);
  })();
  cached.catch(() => {
    cached = undefined;
  });
  return cached;
}
