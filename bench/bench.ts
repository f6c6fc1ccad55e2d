/** What every benchmark module provides to bench/run.ts. */
import type { TableRow } from './table.js';

export interface BenchContext {
  /** Reduced counts for a smoke check; the figures are then only indicative. */
  quick: boolean;
  /** A fresh directory for this benchmark's files; removed by the runner afterwards. */
  dir: string;
  /** Progress and detail lines (stderr), so the table on stdout stays alone. */
  log(line: string): void;
}

export interface Bench {
  /** Short name for --only. */
  name: string;
  /** What it measures, for --help. */
  title: string;
  run(ctx: BenchContext): Promise<TableRow[]>;
}
