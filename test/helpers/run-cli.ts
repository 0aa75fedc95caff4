import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
/** The `parley` executable of this checkout. */
export const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/parley.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * `parley <args>` in its own process with `env` over this one's; resolves with the exit code and
 * output whatever the code. Bounded by `timeoutMs`, so a command that wrongly starts a server fails
 * the test instead of hanging it.
 */
export async function parley(
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      env: { ...process.env, ...env },
      timeout: timeoutMs,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as CliResult;
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
