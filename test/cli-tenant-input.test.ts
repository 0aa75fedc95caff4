import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTenantCreateArgs } from '../src/cli-tenant.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';

// `parley tenant create` and the Platform API's POST /tenants must accept and refuse the same input.
const cases: Array<{ name?: string; adminEmail?: string; adminPassword?: string }> = [
  { name: 'Shop' },
  { name: '  Shop  ' },
  { name: 'x'.repeat(201) },
  { name: 'Shop', adminEmail: 'notanemail', adminPassword: 'long-password-1' },
  { name: 'Shop', adminEmail: 'admin@shop', adminPassword: 'long-password-1' },
  { name: 'Shop', adminEmail: 'Admin@Shop.example', adminPassword: 'long-password-1' },
  { name: 'Shop', adminEmail: 'admin@shop.example', adminPassword: 'short' },
  { name: 'Shop', adminEmail: 'admin@shop.example', adminPassword: 'p'.repeat(1001) },
];

describe('tenant create input: the CLI and the Platform API agree', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it.each(cases)('%o', async (input) => {
    const api = await t.app.inject({
      method: 'POST',
      url: '/api/v1/platform/tenants',
      headers: { authorization: `Bearer ${t.environment.env.PARLEY_PLATFORM_TOKEN}` },
      payload: input,
    });
    let cliAccepts = true;
    try {
      parseTenantCreateArgs({
        name: input.name,
        'admin-email': input.adminEmail,
        'admin-password': input.adminPassword,
      });
    } catch {
      cliAccepts = false;
    }
    expect({ cliAccepts, status: api.statusCode }).toEqual({
      cliAccepts: api.statusCode === 201,
      status: cliAccepts ? 201 : 400,
    });
  });
});
