import type { BenchRow } from '../run.ts';

export interface Scenario {
  name: string;
  description: string;
  run(): Promise<BenchRow[]>;
}
