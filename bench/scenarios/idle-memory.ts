import { bareNodeRss, rssOf, startChildServer } from '../lib/child-server.ts';
import type { Scenario } from './scenario.ts';

export const idleMemory: Scenario = {
  name: 'idle-memory',
  description: 'RSS of an idle `parley start` process vs a bare Node process',
  async run() {
    const bare = await bareNodeRss();
    const server = await startChildServer();
    await new Promise((r) => setTimeout(r, 1000));
    const rss = rssOf(server.process.pid!);
    await server.stop();
    return [
      {
        scenario: 'idle-memory',
        metric: 'RSS idle',
        value: rss,
        baseline: bare,
        baselineLabel: 'bare node process',
        ratio: rss / bare,
        unit: 'MB',
      },
    ];
  },
};
