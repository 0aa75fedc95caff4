import { newId } from '../../src/db/ids.ts';
import { toIso } from '../../src/db/time.ts';
import { startBareJsonServer } from '../lib/bare-server.ts';
import { createTenantWithWidget } from '../lib/fixtures.ts';
import { runLoad } from '../lib/load.ts';
import { startBenchServer } from '../lib/parley-server.ts';
import type { Scenario } from './scenario.ts';

const CONVERSATIONS = 100_000;
const BATCH = 500;

export const tenantList: Scenario = {
  name: 'tenant-list',
  description: `GET /conversations?limit=20 with ${CONVERSATIONS.toLocaleString('en')} conversations stored vs a bare route`,
  async run() {
    const server = await startBenchServer();
    const { headers, tenant, widgetId } = await createTenantWithWidget(server);
    const start = Date.now() - CONVERSATIONS * 1000;
    for (let i = 0; i < CONVERSATIONS; i += BATCH) {
      const rows = Array.from({ length: Math.min(BATCH, CONVERSATIONS - i) }, (_, j) => {
        const at = toIso(new Date(start + (i + j) * 1000));
        return {
          id: newId(),
          tenant_id: tenant.id,
          widget_id: widgetId,
          visitor_id: `v-${i + j}`,
          visitor_name: 'Visitor',
          visitor_email: null,
          visitor_language: 'en',
          status: (i + j) % 3 === 0 ? 'closed' : 'open',
          assigned_to: null,
          visitor_token_hash: newId(),
          last_seq: 0,
          last_message_at: at,
          started_at: at,
          variables: '{}',
        };
      });
      await server.ctx.db.insertInto('conversations').values(rows).execute();
    }
    const path = '/api/v1/tenant-api/conversations?limit=20';
    const sample = await (await fetch(server.origin + path, { headers })).json();
    const bare = await startBareJsonServer(sample);
    const load = { concurrency: 10, durationMs: 5000, expectStatus: 200 };
    const subject = await runLoad(server.origin, { ...load, makeRequest: () => ({ path, headers }) });
    const baseline = await runLoad(bare.origin, { ...load, makeRequest: () => ({ path: '/bare' }) });
    await bare.close();
    await server.close();
    return [
      {
        scenario: 'tenant-list',
        metric: 'GET /conversations?limit=20 throughput',
        value: subject.perSecond,
        baseline: baseline.perSecond,
        baselineLabel: 'bare Fastify, same JSON from memory',
        ratio: subject.perSecond / baseline.perSecond,
        unit: 'req/s',
        note: `p50 ${subject.p50Ms.toFixed(1)} ms, p99 ${subject.p99Ms.toFixed(1)} ms, errors ${subject.errors}; aim ratio >= 0.5`,
      },
    ];
  },
};
