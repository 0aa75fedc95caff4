import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const widgetDir = path.dirname(fileURLToPath(import.meta.url));
export const widgetSourceDir = path.join(widgetDir, 'src');
export const widgetOutFile = path.join(widgetDir, 'dist', 'widget.js');

/**
 * Bundles widget/src into one minified IIFE with Vite's library mode (no runtime dependencies).
 * Vite is a dev dependency: production images run `npm run build:widget` at build time instead.
 */
export async function buildWidget(): Promise<string> {
  const { build } = await import('vite');
  const result = await build({
    configFile: false,
    envFile: false,
    root: widgetDir,
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
      target: 'es2022',
      reportCompressedSize: false,
      lib: { entry: path.join(widgetSourceDir, 'main.ts'), formats: ['iife'], name: 'ParleyWidget' },
    },
  });
  const outputs = Array.isArray(result) ? result : [result];
  for (const output of outputs) {
    if (!('output' in output)) continue;
    const chunk = output.output.find((item) => item.type === 'chunk');
    if (chunk && chunk.type === 'chunk') return chunk.code;
  }
  throw new Error('The widget build produced no JavaScript chunk.');
}

/** Writes atomically (temp file + rename) so parallel processes never serve half a file. */
export function writeWidgetFile(code: string, file = widgetOutFile): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(temp, code);
  fs.renameSync(temp, file);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const code = await buildWidget();
  writeWidgetFile(code);
  console.log(`widget built: ${path.relative(process.cwd(), widgetOutFile)} (${code.length} bytes)`);
}
