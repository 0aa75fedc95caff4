import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/helpers/test-app.ts';
import { backoffDelay } from './src/backoff.ts';
import { pickLanguage, stringsFor } from './src/i18n.ts';

const BUDGET_GZIPPED = 25 * 1024;

describe('GET /api/v1/widget/widget.js', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('serves one self-contained script under 25 KB gzipped', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/widget/widget.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/javascript/);
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    const gzipped = zlib.gzipSync(res.rawPayload, { level: 9 }).length;
    expect(gzipped).toBeLessThan(BUDGET_GZIPPED);
    // An IIFE with no import statements: it runs from a plain <script> tag on any page.
    expect(res.body.startsWith('(function')).toBe(true);
    expect(res.body).not.toMatch(/\bimport\s*[{("']/);
    expect(res.body).not.toContain('innerHTML');
  });

  it('answers gzip when accepted and 304 for a known ETag', async () => {
    const plain = await t.app.inject({ method: 'GET', url: '/api/v1/widget/widget.js' });
    const zipped = await t.app.inject({
      method: 'GET',
      url: '/api/v1/widget/widget.js',
      headers: { 'accept-encoding': 'gzip, br' },
    });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(zipped.rawPayload).toString()).toBe(plain.body);
    const again = await t.app.inject({
      method: 'GET',
      url: '/api/v1/widget/widget.js',
      headers: { 'if-none-match': String(plain.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
  });
});

describe('widget helpers', () => {
  it('backs off exponentially with jitter, capped', () => {
    expect(backoffDelay(0, () => 0)).toBe(250);
    expect(backoffDelay(0, () => 1)).toBe(500);
    expect(backoffDelay(3, () => 0)).toBe(2000);
    expect(backoffDelay(3, () => 1)).toBe(4000);
    expect(backoffDelay(40, () => 1)).toBe(30_000);
    expect(backoffDelay(40, () => 0)).toBe(15_000);
  });

  it('follows the visitor language for en, de, fr, es, pl and falls back to English', () => {
    expect(pickLanguage(['de-AT', 'en'])).toBe('de');
    expect(pickLanguage(['it-IT', 'pl'])).toBe('pl');
    expect(pickLanguage([undefined, 'ja'])).toBe('en');
    for (const lang of ['en', 'de', 'fr', 'es', 'pl']) {
      expect(Object.keys(stringsFor(lang))).toEqual(Object.keys(stringsFor('en')));
    }
    expect(stringsFor('fr').send).toBe('Envoyer');
  });
});
