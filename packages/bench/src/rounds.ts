/**
 * Interleaved rounds: every system is measured once per round, in a fixed order, and the
 * rounds repeat. Figures are medians over rounds; a ratio between two systems is the median of
 * their per-round ratios, so that both sides of each ratio saw the same moment of a noisy machine.
 */
import { median } from './stats.js';

export interface Measured {
  /** The figure (samples/s, sequences/s, ...): higher is better. */
  readonly value: number;
  /** The same work per CPU-second of the process (all its threads), where measured. */
  readonly cpuValue?: number;
  /** What one timed unit holds, e.g. "epoch (10,000)" or "320 sequences". */
  readonly unit: string;
  /** Backend description, library version, ... */
  readonly detail: string;
  /** The process's peak resident set size, in bytes, where measured. */
  readonly peakRssBytes?: number;
}

export interface Plan {
  readonly key: string;
  readonly label: string;
  readonly run: () => Promise<Measured>;
  /** Whether a table names the system by its label and its measured detail (e.g. the threads a default picked). */
  readonly showDetail?: boolean;
}

export interface PlanRow {
  readonly plan: Plan;
  readonly results: Measured[];
}

/**
 * Runs `rounds` rounds of `plans`, calling `log` after each measurement. A plan that fails makes
 * the whole run fail, unless `onFailure` is given: then that plan is reported to it, run no more
 * and left out of the rows returned (so that every row has one result per round).
 */
export async function runRounds(
  plans: readonly Plan[],
  rounds: number,
  log: (round: number, plan: Plan, m: Measured) => void,
  onFailure?: (plan: Plan, error: unknown) => void,
): Promise<PlanRow[]> {
  let rows: PlanRow[] = plans.map((plan) => ({ plan, results: [] }));
  for (let r = 0; r < rounds; r++) {
    for (const row of [...rows]) {
      let m: Measured;
      try {
        m = await row.plan.run();
      } catch (err) {
        if (!onFailure) throw err;
        onFailure(row.plan, err);
        rows = rows.filter((other) => other !== row);
        continue;
      }
      row.results.push(m);
      log(r, row.plan, m);
    }
  }
  return rows;
}

/** Which figure of a measurement: wall-clock, per CPU-second, or peak memory. */
export type Figure = 'value' | 'cpuValue' | 'peakRssBytes';

/** The row's name in a table: its label, and its first measurement's detail where the plan asks for it. */
export const rowLabel = (row: PlanRow): string =>
  row.plan.showDetail && row.results[0] ? `${row.plan.label}: ${row.results[0].detail}` : row.plan.label;

/** Median over rounds of the row's figure. */
export const medianValue = (row: PlanRow): number => median(row.results.map((m) => m.value));

/** Median over rounds of one of the row's optional figures; null when not measured in every round. */
export function medianFigure(row: PlanRow, figure: Figure): number | null {
  const values = row.results.map((m) => m[figure]);
  return values.every((v): v is number => v !== undefined) ? median(values) : null;
}

/** Median over rounds of the row's CPU-time figure; null when not measured in every round. */
export const medianCpuValue = (row: PlanRow): number | null => medianFigure(row, 'cpuValue');

/** Median over rounds of a/b within each round; null when either row or figure is missing. */
export function medianRatio(rows: readonly PlanRow[], a: string, b: string, figure: Figure = 'value'): number | null {
  const ra = rows.find((r) => r.plan.key === a);
  const rb = rows.find((r) => r.plan.key === b);
  if (!ra || !rb || ra === rb) return null;
  const ratios: number[] = [];
  for (let i = 0; i < ra.results.length; i++) {
    const x = (ra.results[i] as Measured)[figure];
    const y = (rb.results[i] as Measured)[figure];
    if (x === undefined || y === undefined) return null;
    ratios.push(x / y);
  }
  return median(ratios);
}

/** Parses the shared options: --rounds N, --markdown, --docs (rewrite this workload's section of docs/benchmarks.md). */
export function parseBenchArgs(argv: readonly string[], defaultRounds: number): { rounds: number; markdown: boolean; docs: boolean } {
  let rounds = defaultRounds;
  let markdown = false;
  let docs = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--rounds') {
      rounds = Number(argv[++i]);
      if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds needs a positive integer, got ${String(argv[i])}`);
    } else if (a === '--markdown') markdown = true;
    else if (a === '--docs') docs = true;
    else throw new Error(`unknown option ${String(a)} (expected --rounds N, --markdown, --docs)`);
  }
  return { rounds, markdown, docs };
}

/** "1 round", "5 rounds": a number with its noun, singular for exactly one. */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
