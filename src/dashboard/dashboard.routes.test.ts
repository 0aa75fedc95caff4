import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardRoutes } from './dashboard.routes.ts';

async function appServing(distDir: string): Promise<FastifyInstance> {
  const app = Fastify({ routerOptions: { ignoreTrailingSlash: true } });
  await app.register(dashboardRoutes({ distDir }), { prefix: '/app' });
  await app.ready();
  return app;
}

describe('dashboard static serving', () => {
  let dir: string;
  let app: FastifyInstance;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-dash-'));
    fs.mkdirSync(path.join(dir, 'dist', 'assets'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'dist', 'index.html'), '<!doctype html><title>Parley</title>');
    fs.writeFileSync(path.join(dir, 'dist', 'assets', 'index-abc123.js'), 'console.log(1)');
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the bundle');
    app = await appServing(path.join(dir, 'dist'));
  });
  afterAll(async () => {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves index.html at /app and /app/, never cached, with a CSP', async () => {
    for (const url of ['/app', '/app/']) {
      const res = await app.inject(url);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<title>Parley</title>');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['content-security-policy']).toContain(
        "connect-src 'self' ws://localhost:80 wss://localhost:80",
      );
      expect(res.headers['x-frame-options']).toBe('DENY');
    }
  });

  it('answers client-side routes with index.html (SPA fallback)', async () => {
    const res = await app.inject('/app/inbox/0190-abc?status=open');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('<title>Parley</title>');
  });

  it('serves hashed assets with a long immutable cache, and 404s missing ones', async () => {
    const res = await app.inject('/app/assets/index-abc123.js');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.body).toBe('console.log(1)');
    const missing = await app.inject('/app/assets/index-old999.js');
    expect(missing.statusCode).toBe(404);
  });

  it('never serves files outside the bundle', async () => {
    for (const url of [
      '/app/..%2fsecret.txt',
      '/app/%2e%2e/secret.txt',
      '/app/assets/..%2f..%2fsecret.txt',
    ]) {
      const res = await app.inject(url);
      expect(res.body).not.toContain('outside the bundle');
    }
  });

  it('says to run npm run build when the bundle is missing', async () => {
    const empty = await appServing(path.join(dir, 'nothing-here'));
    for (const url of ['/app', '/app/rules/1']) {
      const res = await empty.inject(url);
      expect(res.statusCode).toBe(503);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.body).toContain('npm run build');
    }
    await empty.close();
  });
});
