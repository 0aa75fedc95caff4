import { aiEmbedded } from './ai-embedded.ts';
import { callApi } from './call-api.ts';
import { idleMemory } from './idle-memory.ts';
import { pipeline } from './pipeline.ts';
import { rules } from './rules.ts';
import type { Scenario } from './scenario.ts';
import { tenantList } from './tenant-list.ts';
import { visitorMessages } from './visitor-messages.ts';
import { webhooks } from './webhooks.ts';
import { websockets } from './websockets.ts';
import { widget } from './widget.ts';

/** Each feature adds its scenario here. */
export const scenarios: Scenario[] = [
  idleMemory,
  callApi,
  tenantList,
  visitorMessages,
  rules,
  pipeline,
  websockets,
  webhooks,
  aiEmbedded,
  widget,
];
