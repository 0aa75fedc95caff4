import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../src/app.ts';
import { ConfigError, loadConfig, loadDotEnv } from '../src/config.ts';
import { createContext } from '../src/context.ts';
import { listenOrExplain } from '../src/server.ts';
import { seedDemo } from './seed-demo.ts';
import { startShopApi } from './shop-api.ts';
import { demoQuestions, renderStorePage } from './store-page.ts';

export interface DemoOptions {
  /** Environment for the server (defaults to process.env): PORT, HOST, PARLEY_DATA_DIR, DATABASE_URL… */
  env?: Record<string, string | undefined>;
  /** Port of the sample shop API; 0 picks a free one. */
  shopPort?: number;
  logLevel?: string;
}

async function startShopOnPreferredPort(port: number) {
  try {
    return await startShopApi(port);
  } catch {
    return startShopApi(0); // 4010 busy: any free port works, the connections follow it.
  }
}

/**
 * `npm run demo`: the sample shop API on loopback, Parley with exactly that host:port allowed
 * outbound, the demo tenant set up (idempotently), and the shop page with the widget at /demo.
 */
export async function startDemo(options: DemoOptions = {}) {
  const env = { ...(options.env ?? process.env) };
  const shop = await startShopOnPreferredPort(options.shopPort ?? (Number(env.DEMO_SHOP_PORT) || 4010));
  env.PARLEY_OUTBOUND_ALLOW = [env.PARLEY_OUTBOUND_ALLOW, `${shop.host}:${shop.port}`]
    .filter(Boolean)
    .join(',');
  const config = loadConfig(env);
  const ctx = await createContext(config);
  const app = await buildApp(ctx, { logLevel: options.logLevel ?? 'warn' });
  let widgetId = '';
  app.get('/demo', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(renderStorePage(widgetId)),
  );
  app.addHook('onClose', async () => {
    await ctx.close();
    await shop.close();
  });
  await listenOrExplain(app, config);
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':')
    ? `[${config.host}]`
    : config.host === '0.0.0.0'
      ? '127.0.0.1'
      : config.host;
  const baseUrl = `http://${host}:${port}`;
  const demo = await seedDemo(app, ctx, shop.baseUrl);
  widgetId = demo.widgetId;
  return {
    ...demo,
    baseUrl,
    pageUrl: `${baseUrl}/demo`,
    dashboardUrl: `${baseUrl}/app`,
    shopUrl: shop.baseUrl,
    app,
    ctx,
    async close() {
      await app.close();
    },
  };
}

// import.meta.main needs Node 24.2; compare paths so Node 22 runs the demo too.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  loadDotEnv();
  const demo = await startDemo().catch((error: unknown) => {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`demo: ${error.message}`);
    process.exit(78);
  });
  const stop = async () => {
    await demo.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  console.log(`
Parley demo is running.

  Demo shop page:  ${demo.pageUrl}
  Dashboard:       ${demo.dashboardUrl}   (sign in: ${demo.admin.email} / ${demo.admin.password})
  Tenant API key:  ${demo.apiKey}
  Sample shop API: ${demo.shopUrl}   (allowed outbound through PARLEY_OUTBOUND_ALLOW)

Ask the chat:
${demoQuestions.map((q) => `  • ${q}`).join('\n')}
  (order #4521 belongs to jane@example.com)

Try the Tenant API:
  curl -s ${demo.baseUrl}/api/v1/tenant-api/conversations -H "X-Api-Key: ${demo.apiKey}"

Ctrl+C stops the demo; run it again any time (same data, a fresh key and password).
`);
}
