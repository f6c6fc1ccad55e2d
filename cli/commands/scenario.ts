import { existsSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from '../args.js';
import { CliUsageError, type CliCommand } from '../command.js';
import { runScenarioFiles } from '../../tester/scenario/run-files.js';
import { loadScenarioFile, ScenarioFileError } from '../../tester/scenario/load.js';

const usage = `usage: regi scenario run FILE|DIR... [--keep-data]
       regi scenario check FILE|DIR...

Scenario files (YAML, docs/scenarios.md, schema docs/scenario.schema.json) describe a sale or a fault a tester
wants to see: catalog, limits, scanners, wallets, then steps with expectations.

  run     validate each file, then run it against its own fresh register host and sandbox gateway; prints each
          step (✓/✗, expected vs seen) and ends with "N passed, N failed" (N counts files); exit 1 on any failure
  check   only validate the files (schema and cross-references, with line numbers)
  --keep-data   keep each run's temporary data directory and print where it is`;

function expand(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    if (!existsSync(p)) throw new CliUsageError(`no such file or directory: ${p}`);
    if (statSync(p).isDirectory()) {
      out.push(...readdirSync(p).filter((n) => /\.ya?ml$/.test(n)).sort().map((n) => join(p, n)));
    } else out.push(p);
  }
  if (out.length === 0) throw new CliUsageError('no scenario files given (FILE.yaml or a directory holding them)');
  return out;
}

export const scenarioCommand: CliCommand = {
  name: 'scenario',
  summary: 'run tester scenario files (YAML) against a fresh register and gateway',
  usage,
  async run(argv) {
    const args = parseArgs(argv, { booleans: ['keep-data'] });
    const [sub, ...paths] = args.positionals;
    if (sub === 'check') {
      let bad = 0;
      for (const file of expand(paths)) {
        try {
          const s = loadScenarioFile(file);
          console.log(`✓ ${file}: ${s.name} (${s.steps.length} steps)`);
        } catch (error) {
          if (!(error instanceof ScenarioFileError)) throw error;
          bad++;
          console.log(`✗ ${error.message}`);
        }
      }
      return bad === 0 ? 0 : 1;
    }
    if (sub !== 'run') throw new CliUsageError(sub === undefined ? 'say what to do: run or check' : `unknown subcommand "${sub}" (run or check)`);
    const summary = await runScenarioFiles(expand(paths), (line) => console.log(line), { keepData: args.flags.has('keep-data') });
    console.log(`${summary.passed} passed, ${summary.failed} failed`);
    return summary.failed === 0 ? 0 : 1;
  },
};
