import { startBareInsertServer } from '../lib/bare-server.ts';
import { createTenantWithWidget, startConversation } from '../lib/fixtures.ts';
import { runLoad } from '../lib/load.ts';
import { startBenchServer } from '../lib/parley-server.ts';
import type { Scenario } from './scenario.ts';

const CONVERSATIONS = 50;

export const visitorMessages: Scenario = {
  name: 'visitor-messages',
  description: 'POST /api/v1/widget/conversations/{id}/messages (no rules) vs a bare route inserting one row',
  async run() {
    const server = await startBenchServer();
    const { widgetId } = await createTenantWithWidget(server);
    const conversations = await Promise.all(
      Array.from({ length: CONVERSATIONS }, () => startConversation(server.origin, widgetId)),
    );
    const bare = await startBareInsertServer();
    const body = JSON.stringify({ content: 'Hello, where is my order?' });
    const load = { concurrency: CONVERSATIONS, durationMs: 5000, expectStatus: 201 };
    const subject = await runLoad(server.origin, {
      ...load,
      makeRequest: (i) => {
        const c = conversations[i % CONVERSATIONS];
        return {
          path: `/api/v1/widget/conversations/${c.conversationId}/messages`,
          method: 'POST',
          body,
          headers: { authorization: `Bearer ${c.visitorToken}` },
        };
      },
    });
    const baseline = await runLoad(bare.origin, {
      ...load,
      makeRequest: () => ({ path: '/bare', method: 'POST', body }),
    });
    await bare.close();
    await server.close();
    return [
      {
        scenario: 'visitor-messages',
        metric: 'visitor messages stored',
        value: subject.perSecond,
        baseline: baseline.perSecond,
        baselineLabel: 'bare Fastify inserting one row',
        ratio: subject.perSecond / baseline.perSecond,
        unit: 'msg/s',
        note: `p50 ${subject.p50Ms.toFixed(1)} ms, p99 ${subject.p99Ms.toFixed(1)} ms, errors ${subject.errors}`,
      },
    ];
  },
};
