import { afterAll, describe, expect, it } from 'vitest';
import { parley } from './helpers/run-cli.ts';
import {
  callServer,
  type ServerProcess,
  startServerProcess,
  stopServerProcess,
} from './helpers/server-process.ts';
import { createTestEnvironment, type TestEnvironment } from './helpers/test-app.ts';

// The audit's reproduction: `parley rotate-key` (generated key files, SQLite) while `parley start`
// runs on the same data, twice, with a secret saved by the server in between.
describe('parley rotate-key while a server runs on the same data', { timeout: 120_000 }, () => {
  let environment: TestEnvironment;
  let server: ServerProcess | undefined;
  afterAll(async () => {
    await stopServerProcess(server);
    await environment?.dispose();
  });

  it('loses no secret: the server reads and writes under the new key, and a second rotation succeeds', async () => {
    environment = await createTestEnvironment({ PARLEY_MASTER_KEY: '', DATABASE_URL: '' });
    const env: Record<string, string> = { ...environment.env, PARLEY_MASTER_KEY: '', DATABASE_URL: '' };
    server = await startServerProcess(env);
    const platform = { authorization: `Bearer ${env.PARLEY_PLATFORM_TOKEN}` };
    const tenant = await callServer(server, 'POST', '/api/v1/platform/tenants', platform, { name: 'Keys' });
    const apiKey = { 'x-api-key': tenant.apiKey.key };
    const connection = (name: string, token: string) =>
      callServer(server!, 'POST', '/api/v1/tenant-api/connections', apiKey, {
        name,
        baseUrl: 'https://api.shop.example',
        auth: { type: 'bearer', token },
      });
    const listed = async () =>
      (await callServer(server!, 'GET', '/api/v1/tenant-api/connections', apiKey)).map(
        (c: { name: string; auth: { token: string } }) => `${c.name} ${c.auth.token}`,
      );

    await connection('Orders', 'orders-secret-1');
    const first = await parley(['rotate-key'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(await listed()).toEqual(['Orders ****et-1']);

    await connection('Billing', 'billing-secret-2');
    const second = await parley(['rotate-key'], env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toBe('');
    expect((await listed()).sort()).toEqual(['Billing ****et-2', 'Orders ****et-1']);
  });
});
