/**
 * `npm run bench [-- --quick] [-- --only NAME[,NAME]]`: runs the benchmarks one after another (never in
 * parallel, so they do not disturb each other), then prints one table and the machine it ran on.
 * Progress goes to stderr; the table goes to stdout. Not part of `npm test`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bench } from './bench.js';
import { BENCHES } from './benches/index.js';
import { describeMachine, formatMachine } from './machine.js';
import { formatErrors, formatTable, isErrorRow, type TableRow } from './table.js';

export interface BenchArgs {
  quick: boolean;
  only: string[] | null;
  help: boolean;
}

export function parseArgs(argv: readonly string[], known: readonly string[]): BenchArgs {
  const args: BenchArgs = { quick: false, only: null, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--quick') args.quick = true;
    else if (arg === '--help' || arg === '-h') args.help = true;
    else if (arg === '--only' || arg.startsWith('--only=')) {
      const value = arg === '--only' ? argv[++i] : arg.slice('--only='.length);
      if (value === undefined || value === '') throw new Error(`--only needs a benchmark name: one of ${known.join(', ')}`);
      const names = value.split(',').map((n) => n.trim()).filter(Boolean);
      const unknown = names.filter((n) => !known.includes(n));
      if (unknown.length > 0) throw new Error(`--only: unknown benchmark ${unknown.join(', ')}; known: ${known.join(', ')}`);
      args.only = [...(args.only ?? []), ...names];
    } else {
      throw new Error(`unknown argument ${JSON.stringify(arg)}; use --quick, --only NAME[,NAME] or --help`);
    }
  }
  return args;
}

export async function runBenches(benches: readonly Bench[], quick: boolean, log: (line: string) => void): Promise<TableRow[]> {
  const rows: TableRow[] = [];
  for (const bench of benches) {
    const dir = mkdtempSync(join(tmpdir(), `regi-bench-${bench.name}-`));
    const started = performance.now();
    log(`[bench] ${bench.name}: ${bench.title}${quick ? ' (quick)' : ''}`);
    try {
      rows.push(...(await bench.run({ quick, dir, log: (line) => log(`  ${line}`) })));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log(`[bench] ${bench.name} failed: ${error instanceof Error ? (error.stack ?? message) : message}`);
      rows.push({ benchmark: bench.name, error: message });
    } finally {
      rmSync(dir, { recursive: true, force: true });
      log(`[bench] ${bench.name} took ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
  }
  return rows;
}

async function main(): Promise<number> {
  const names = BENCHES.map((b) => b.name);
  let args: BenchArgs;
  try {
    args = parseArgs(process.argv.slice(2), names);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 2;
  }
  if (args.help) {
    console.log('npm run bench [-- --quick] [-- --only NAME[,NAME]]\n');
    for (const b of BENCHES) console.log(`  ${b.name.padEnd(10)} ${b.title}`);
    return 0;
  }
  const machine = describeMachine(tmpdir());
  const selected = args.only ? BENCHES.filter((b) => args.only!.includes(b.name)) : BENCHES;
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const rows = await runBenches(selected, args.quick, log);
  console.log('');
  console.log(formatTable(rows));
  for (const line of formatErrors(rows)) console.log(line);
  console.log(formatMachine(machine, loadavg()));
  if (args.quick) console.log('quick run: reduced counts, a smoke check only; the figures are indicative.');
  return rows.some(isErrorRow) ? 1 : 0;
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
