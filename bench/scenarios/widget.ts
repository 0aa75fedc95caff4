import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import zlib from 'node:zlib';
import { startDemo } from '../../demo/run-demo.ts';
import { buildWidget } from '../../widget/build.ts';
import { launchBrowser } from '../../widget/test-support/launch-browser.ts';
import { summarize } from '../lib/stats.ts';
import type { Scenario } from './scenario.ts';

const RUNS = 7;

/**
 * Widget bundle size, and the demo store page's time to interactive in headless Chromium: from
 * navigation until the chat launcher exists and answers a click by opening the panel. Baseline:
 * the same page's load event (the store without the widget being ready).
 */
export const widget: Scenario = {
  name: 'widget',
  description: 'Widget bundle size; demo page time to interactive in headless Chromium',
  async run() {
    const code = Buffer.from(await buildWidget());
    const gzipped = zlib.gzipSync(code, { level: 9 });
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bench-demo-'));
    const demo = await startDemo({
      env: {
        PARLEY_DATA_DIR: dataDir,
        PARLEY_MASTER_KEY: crypto.randomBytes(32).toString('base64'),
        PORT: '0',
        HOST: '127.0.0.1',
      },
      shopPort: 0,
      logLevel: 'silent',
    });
    const browser = await launchBrowser();
    const interactive: number[] = [];
    const loaded: number[] = [];
    try {
      for (let i = 0; i < RUNS; i++) {
        const context = await browser.newContext();
        const page = await context.newPage();
        const t0 = performance.now();
        await page.goto(demo.pageUrl, { waitUntil: 'load' });
        const tLoad = performance.now();
        await page.locator('parley-widget').locator('button[aria-label="Open chat"]').click();
        await page.locator('parley-widget').locator('[role="dialog"]').waitFor({ state: 'visible' });
        const tInteractive = performance.now();
        if (i > 0) {
          loaded.push(tLoad - t0);
          interactive.push(tInteractive - t0);
        }
        await context.close();
      }
    } finally {
      await browser.close();
      await demo.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    const tti = summarize(interactive);
    const load = summarize(loaded);
    return [
      { scenario: 'widget', metric: 'widget.js raw', value: code.length / 1024, unit: 'KB' },
      {
        scenario: 'widget',
        metric: 'widget.js gzipped',
        value: gzipped.length / 1024,
        baseline: 25,
        baselineLabel: 'budget',
        ratio: gzipped.length / 1024 / 25,
        unit: 'KB',
      },
      {
        scenario: 'widget',
        metric: 'demo page time to interactive (median)',
        value: tti.median,
        baseline: load.median,
        baselineLabel: 'page load event',
        ratio: tti.median / load.median,
        unit: 'ms',
        note: `p99 ${tti.p99.toFixed(0)} ms over ${interactive.length} warm loads`,
      },
    ];
  },
};
