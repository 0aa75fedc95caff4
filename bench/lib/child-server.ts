import { type ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Resident set size of a process, from /proc (Linux), in MB. */
export function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

export interface ChildServer {
  process: ChildProcess;
  origin: string;
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** `parley start` in its own process, so its memory is measured apart from the load generator's. */
export async function startChildServer(extraEnv: Record<string, string> = {}): Promise<ChildServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bench-'));
  const port = await freePort();
  const env = {
    PARLEY_DATA_DIR: dataDir,
    PARLEY_MASTER_KEY: crypto.randomBytes(32).toString('base64'),
    PARLEY_PLATFORM_TOKEN: 'bench-platform-token-0123456789',
    PARLEY_RATE_LIMIT_PER_MIN: '1000000',
    PARLEY_WIDGET_RATE_LIMIT_PER_MIN: '1000000',
    PARLEY_LOG_LEVEL: 'warn',
    PORT: String(port),
    ...extraEnv,
  };
  const child = spawn(process.execPath, ['bin/parley.js', 'start'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${origin}/healthz`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    process: child,
    origin,
    env,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A bare Node process doing nothing: the floor any server's RSS is compared with. */
export async function bareNodeRss(): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 300));
  const rss = rssOf(child.pid!);
  child.kill();
  return rss;
}
