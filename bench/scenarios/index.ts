import { idleMemory } from './idle-memory.ts';
import type { Scenario } from './scenario.ts';

/** Each feature adds its scenario here. */
export const scenarios: Scenario[] = [idleMemory];
