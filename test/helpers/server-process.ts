import { type ChildProcess, spawn } from 'node:child_process';
import { bin } from './run-cli.ts';

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output(): string;
}

/** `parley start` in its own process on a port the OS picks; resolves once it logs that it listens. */
export function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, [bin, 'start'], {
    env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1', PARLEY_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    out += chunk;
  });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk;
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match) resolve({ child, url: match[1], output: () => out });
    });
    child.once('exit', (code) => reject(new Error(`parley start exited (${code}): ${out}`)));
  });
}

/** SIGTERM (graceful) by default; `SIGKILL` simulates a crash. */
export async function stopServerProcess(
  server: ServerProcess | undefined,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<void> {
  if (!server || server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill(signal);
  await exited;
}

/** JSON request against a server process; throws with the response on a non-2xx status. */
export async function callServer(
  server: Pick<ServerProcess, 'url'>,
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: unknown,
) {
  const res = await fetch(`${server.url}${url}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as { data: any };
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
  return json.data;
}
