/**
 * `npm run bench [-- --only name[,name]]`: every figure is printed beside a baseline measured in
 * the same run on the same machine, and the whole table is written to bench/results/latest.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { scenarios } from './scenarios/index.ts';

export interface BenchRow {
  scenario: string;
  metric: string;
  value: number;
  baseline?: number;
  baselineLabel?: string;
  /** value / baseline, or as the scenario defines it (documented in `note`). */
  ratio?: number;
  unit: string;
  note?: string;
}

const { values } = parseArgs({ options: { only: { type: 'string' } } });
const only = values.only?.split(',').map((s) => s.trim());
const selected = scenarios.filter((s) => !only || only.includes(s.name));
if (selected.length === 0) {
  console.error(`No scenario named ${values.only}. Known: ${scenarios.map((s) => s.name).join(', ')}`);
  process.exit(1);
}

const rows: BenchRow[] = [];
for (const scenario of selected) {
  process.stdout.write(`▶ ${scenario.name}: ${scenario.description}\n`);
  const started = Date.now();
  try {
    const result = await scenario.run();
    rows.push(...result);
    for (const row of result) printRow(row);
  } catch (error) {
    console.error(`  ✗ ${scenario.name} failed: ${(error as Error).stack}`);
    process.exitCode = 1;
  }
  process.stdout.write(`  (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
}

function fmt(n: number | undefined) {
  if (n === undefined || Number.isNaN(n)) return '';
  return Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(2);
}

function printRow(row: BenchRow) {
  const baseline =
    row.baseline === undefined ? '' : ` | baseline ${fmt(row.baseline)} ${row.unit} (${row.baselineLabel})`;
  const ratio = row.ratio === undefined ? '' : ` | ratio ${fmt(row.ratio)}`;
  console.log(
    `  ${row.metric.padEnd(44)} ${fmt(row.value).padStart(10)} ${row.unit}${baseline}${ratio}${row.note ? ` — ${row.note}` : ''}`,
  );
}

const out = path.resolve('bench/results');
fs.mkdirSync(out, { recursive: true });
const report = {
  at: new Date().toISOString(),
  node: process.version,
  cpus: os.cpus().length,
  database: process.env.DATABASE_URL ? 'postgres' : 'sqlite',
  rows,
};
fs.writeFileSync(path.join(out, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nWrote ${path.join(out, 'latest.json')}`);
