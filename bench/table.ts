/**
 * The one table `npm run bench` prints: each row is a figure measured in this run, the limit it is held
 * to (a target from issue 8, or a physical limit measured in the same run), their ratio and a verdict.
 */

export interface Figure {
  value: number;
  unit: string;
}

export interface Row {
  benchmark: string;
  measured: Figure;
  /** What the figure is compared with; `label` says where the number comes from. */
  limit: Figure & { label: string };
  /** 'lower': latencies, memory (within when measured <= limit); 'higher': throughput (within when measured >= limit). */
  better: 'lower' | 'higher';
}

/** A benchmark that could not produce its figures (a missing tool, a crash): shown in the table, never hidden. */
export interface ErrorRow {
  benchmark: string;
  error: string;
}

export type TableRow = Row | ErrorRow;

export type Verdict = 'within' | 'over' | 'below' | 'error';

export function isErrorRow(row: TableRow): row is ErrorRow {
  return 'error' in row;
}

export function ratioOf(row: Row): number {
  if (!(row.limit.value > 0)) throw new RangeError(`${row.benchmark}: limit must be > 0, got ${row.limit.value}`);
  if (row.measured.unit !== row.limit.unit) {
    throw new TypeError(`${row.benchmark}: measured in ${row.measured.unit} but the limit is in ${row.limit.unit}`);
  }
  return row.measured.value / row.limit.value;
}

/** 'over' = a latency or size above its limit; 'below' = a throughput under its target. */
export function verdictOf(row: TableRow): Verdict {
  if (isErrorRow(row)) return 'error';
  const ratio = ratioOf(row);
  if (row.better === 'lower') return ratio <= 1 ? 'within' : 'over';
  return ratio >= 1 ? 'within' : 'below';
}

/** Three significant figures or so, with thousands separators for big numbers. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  if (abs >= 0.01) return value.toFixed(3);
  return value === 0 ? '0' : value.toPrecision(2);
}

export const HEADERS = ['benchmark', 'measured', 'limit', 'ratio (measured/limit)', 'verdict'] as const;

export function tableCells(row: TableRow): [string, string, string, string, string] {
  if (isErrorRow(row)) return [row.benchmark, 'error', '-', '-', 'error (see below)'];
  const sign = row.better === 'lower' ? '<=' : '>=';
  return [
    row.benchmark,
    `${formatNumber(row.measured.value)} ${row.measured.unit}`,
    `${sign} ${formatNumber(row.limit.value)} ${row.limit.unit} (${row.limit.label})`,
    ratioOf(row).toFixed(2),
    verdictOf(row),
  ];
}

/** The full text of every failed benchmark, for the lines under the table. */
export function formatErrors(rows: readonly TableRow[]): string[] {
  return rows.filter(isErrorRow).map((row) => `error in ${row.benchmark}: ${row.error}`);
}

/** A Markdown-compatible pipe table with every column padded to its widest cell. */
export function formatTable(rows: readonly TableRow[]): string {
  const body = rows.map(tableCells);
  const all = [[...HEADERS] as string[], ...body];
  const widths = HEADERS.map((_, c) => Math.max(...all.map((cells) => width(cells[c]!))));
  const line = (cells: readonly string[]) => `| ${cells.map((cell, c) => pad(cell, widths[c]!, c === 3)).join(' | ')} |`;
  const rule = `|${widths.map((w, c) => (c === 3 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(HEADERS), rule, ...body.map(line)].join('\n');
}

/** Column width in terminal cells: the arrows and multiplication signs used in names are one cell each. */
function width(text: string): number {
  return [...text].length;
}

function pad(text: string, w: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, w - width(text)));
  return right ? fill + text : text + fill;
}
