import { intFlag, parseArgs } from '../args.js';
import { CliUsageError, type CliCommand } from '../command.js';
import { formatFleetReport, runFleet } from '../../tester/fleet/run-fleet.js';

const usage = `usage: regi fleet [--registers N] [--sales M] [--json]

Fleet load: N headless registers (in this process, each with its own SQLite data directory and terminal id) sell
M sales each at the same time against one sandbox gateway; every third sale is paid by wallet. Prints throughput
and p50/p99 latencies of scans, cash sales and wallet payments. Exit 1 if any sale failed.

  --registers N   registers (default 4)
  --sales M       sales per register (default 30)
  --json          the report as JSON`;

export const fleetCommand: CliCommand = {
  name: 'fleet',
  summary: 'drive N headless registers against one gateway; throughput and p50/p99 latencies',
  usage,
  async run(argv) {
    const args = parseArgs(argv, { values: ['registers', 'sales'], booleans: ['json'] });
    if (args.positionals.length > 0) throw new CliUsageError(`unexpected argument "${args.positionals[0]}"`);
    const report = await runFleet({
      registers: intFlag(args, 'registers', { min: 1, max: 200 }) ?? 4,
      sales: intFlag(args, 'sales', { min: 1, max: 100_000 }) ?? 30,
    });
    console.log(args.flags.has('json') ? JSON.stringify(report, null, 2) : formatFleetReport(report));
    return report.failures.length === 0 && report.reconcileOk ? 0 : 1;
  },
};
