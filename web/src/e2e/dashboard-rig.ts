import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createOperatorAccount, type OperatorRole } from '../../../src/auth/operator-accounts.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { launchBrowser } from './browser.ts';
import { ensureDashboardBuilt } from './build-dashboard.ts';
import { startTestUpstream, type TestUpstream } from './test-upstream.ts';

/** Where browser suites leave their screenshots. */
export const ARTIFACTS = path.resolve(import.meta.dirname, '../../../test-artifacts/dashboard');

export interface Account {
  email: string;
  password: string;
  name: string;
  role: OperatorRole;
}

export type Viewport = { width: number; height: number };

export interface DashboardRigOptions {
  tenantName: string;
  /** The bearer token the test upstream ("shop API") accepts. */
  upstreamToken: string;
  /** Dashboard accounts of the tenant, created before the browser starts. */
  accounts: Account[];
  /** The first page's viewport. */
  viewport?: Viewport;
}

export interface DashboardRig {
  t: TestApp;
  upstream: TestUpstream;
  browser: Browser;
  /** The first page's context (its cookie jar). */
  context: BrowserContext;
  page: Page;
  /** `http://127.0.0.1:<port>` of the server. */
  base: string;
  tenantId: string;
  /** The tenant's first Tenant API key. */
  apiKey: string;
  /** Clicks a link of the "Main" navigation. */
  nav(name: string, on?: Page): Promise<void>;
  signIn(on: Page, who: { email: string; password: string }): Promise<void>;
  /** A page in a new context (a separate cookie jar, so another person). */
  newPage(viewport?: Viewport | null): Promise<Page>;
  /** A full-page screenshot into ARTIFACTS. */
  shot(name: string, on?: Page): Promise<unknown>;
  close(): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * A server on a random port with a test upstream its connections may call, one tenant with the
 * given accounts, and headless chromium on a first page (not signed in yet). Each suite starts
 * its own, so suites run in parallel without seeing each other's data.
 */
export async function startDashboardRig(options: DashboardRigOptions): Promise<DashboardRig> {
  await ensureDashboardBuilt();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  // Whatever started is stopped again, also when a later step of the start fails.
  const stops: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  };
  try {
    const upstream = await startTestUpstream(options.upstreamToken);
    stops.push(() => upstream.close());
    const t = await createTestApp({
      PARLEY_OUTBOUND_ALLOW: upstream.hostPort,
      // A suite clicks through ~85 API calls in under 30 s, faster than any person; the per-session
      // budget (PARLEY_RATE_LIMIT_PER_MIN, default 60) is the Tenant API's own concern, tested there.
      PARLEY_RATE_LIMIT_PER_MIN: '10000',
      PARLEY_LOG_LEVEL: 'warn',
    });
    stops.push(() => t.close());
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const tenant = await t.createTenant(options.tenantName);
    for (const account of options.accounts) await createOperatorAccount(t.ctx.db, tenant.id, account);
    const browser = await launchBrowser();
    stops.push(() => browser.close());

    const newPage = async (viewport: Viewport | null = null) => {
      const context = await browser.newContext(viewport ? { viewport } : {});
      const page = await context.newPage();
      page.setDefaultTimeout(DEFAULT_TIMEOUT_MS);
      return page;
    };
    const page = await newPage(options.viewport ?? { width: 1280, height: 900 });

    return {
      t,
      upstream,
      browser,
      context: page.context(),
      page,
      base,
      tenantId: tenant.id,
      apiKey: tenant.apiKey.key,
      newPage,
      nav: (name, on = page) =>
        on.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click(),
      async signIn(on, who) {
        await on.goto(`${base}/app/`);
        await on.getByLabel('Email').fill(who.email);
        await on.getByLabel('Password').fill(who.password);
        await on.getByRole('button', { name: 'Sign in' }).click();
        await on.getByRole('navigation', { name: 'Main' }).waitFor();
      },
      shot: (name, on = page) => on.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true }),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
