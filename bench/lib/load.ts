import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { summarize } from './stats.ts';

export interface LoadResult {
  requests: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

/**
 * Closed-loop load: `concurrency` workers each send the next request as soon as the last answered,
 * for `durationMs`. `makeRequest(i)` gives the path/method/body of request i.
 */
export async function runLoad(
  origin: string,
  options: {
    concurrency: number;
    durationMs: number;
    makeRequest: (i: number) => {
      path: string;
      method?: string;
      body?: string;
      headers?: Record<string, string>;
    };
    expectStatus?: number;
  },
): Promise<LoadResult> {
  const pool = new Pool(origin, { connections: options.concurrency, pipelining: 1 });
  const latencies: number[] = [];
  let errors = 0;
  let counter = 0;
  const deadline = performance.now() + options.durationMs;
  const started = performance.now();
  async function worker() {
    while (performance.now() < deadline) {
      const spec = options.makeRequest(counter++);
      const t0 = performance.now();
      try {
        const res = await pool.request({
          path: spec.path,
          method: (spec.method ?? 'GET') as 'GET',
          body: spec.body,
          headers: { 'content-type': 'application/json', ...spec.headers },
        });
        await res.body.dump();
        if (options.expectStatus && res.statusCode !== options.expectStatus) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - t0);
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const elapsed = performance.now() - started;
  await pool.close();
  const s = summarize(latencies);
  return {
    requests: latencies.length,
    perSecond: (latencies.length / elapsed) * 1000,
    p50Ms: s.p50,
    p99Ms: s.p99,
    errors,
  };
}
