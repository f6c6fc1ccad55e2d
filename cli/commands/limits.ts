import { readFileSync } from 'node:fs';
import { describeViolation } from '../../core/domain/limits/evaluate.js';
import { RegisterError } from '../../core/api.js';
import { exportRuleSetJson, formatImportErrors, importRuleSetJson } from '../../host/limits/rules-json.js';
import { intFlag, parseArgs, stringFlag } from '../args.js';
import { CliUsageError, type CliCommand } from '../command.js';
import { dataDirFrom } from '../data-dir.js';
import { openLimitsStore } from '../limits-store.js';

const usage = `usage: regi limits export [--data DIR] [--version N] > rules.json
       regi limits import FILE --manager ID --pin PIN [--data DIR]
       regi limits dry-run FILE [--days N] [--data DIR]

Purchase-limit rule sets as JSON files (format in docs/limits.md). Works on DIR/register.sqlite
directly, safe while the register runs; a running register picks up a new version at its next scan.

  export     print the rule set in force now (or version N)
  import     check FILE whole (any problem: every problem with its line, nothing saved) and save it as a
             new version, effective from its effectiveFrom or now; needs a manager id and PIN (audited)
  dry-run    replay the last N days (default 7) of recorded sales against FILE: which it would have blocked
  --data DIR data directory (default $REGI_DATA or ./.regi-data)`;

export const limitsCommand: CliCommand = {
  name: 'limits',
  summary: 'export, import or dry-run purchase-limit rule sets',
  usage,
  async run(argv) {
    const args = parseArgs(argv, { values: ['data', 'version', 'manager', 'pin', 'days'] });
    const [sub, file, ...rest] = args.positionals;
    if (rest.length > 0) throw new CliUsageError(`unexpected argument "${rest[0]}"`);
    if (sub !== 'export' && sub !== 'import' && sub !== 'dry-run') throw new CliUsageError('say "regi limits export", "import FILE" or "dry-run FILE"');
    // Each subcommand's own options: one meant for another (export --days) is refused rather than silently ignored.
    const own = { export: ['data', 'version'], import: ['data', 'manager', 'pin'], 'dry-run': ['data', 'days'] }[sub];
    for (const name of args.flags.keys()) {
      if (!own.includes(name)) throw new CliUsageError(`--${name} does not apply to "limits ${sub}" (its options: ${own.map((o) => `--${o}`).join(', ')})`);
    }
    if (sub === 'export' && file !== undefined) {
      throw new CliUsageError(`export takes no FILE ("${file}"): it prints the rules to stdout; redirect them: regi limits export > ${file}`);
    }
    if (sub !== 'export' && file === undefined) throw new CliUsageError(`regi limits ${sub} needs a FILE`);
    const text = file === undefined ? '' : readText(file);
    if (sub !== 'export') {
      // Check the file before touching the database: a bad file changes nothing.
      const parsed = importRuleSetJson(text);
      if (!parsed.ok) {
        console.error(`${file}: rejected, nothing was applied:\n${formatImportErrors(parsed.errors, file)}`);
        return 1;
      }
    }
    const { store, limits } = await openLimitsStore(dataDirFrom(stringFlag(args, 'data')));
    const console_ = limits.limits.console;
    try {
      if (sub === 'export') {
        const version = intFlag(args, 'version', { min: 1, max: 1_000_000 });
        const chosen = version === undefined ? limits.limits.guard.ruleSetNow() : limits.rules.versions().find((v) => v.version === version);
        if (!chosen) throw new CliUsageError(version === undefined ? 'no rule set is in force' : `no rule set version ${version}`);
        process.stdout.write(exportRuleSetJson(chosen));
        return 0;
      }
      if (sub === 'import') {
        const manager = stringFlag(args, 'manager');
        const pin = stringFlag(args, 'pin');
        if (manager === undefined || pin === undefined) throw new CliUsageError('import needs --manager ID and --pin PIN');
        const session = (await console_.managerLogin({ managerId: manager, pin })).token;
        const result = console_.limitsImport({ session, text });
        console_.managerLogout({ session });
        if (!result.ok) {
          console.error(formatImportErrors(result.errors, file));
          return 1;
        }
        console.log(`saved as version ${result.ruleSet.version}, effective from ${new Date(result.ruleSet.effectiveFrom).toISOString()}`);
        return 0;
      }
      const parsed = importRuleSetJson(text);
      if (!parsed.ok) return 1; // checked above
      const days = intFlag(args, 'days', { min: 1, max: 366 }) ?? 7;
      // The dry run reads sales only; it runs as the system, without a manager session.
      const report = limits.limits.console.dryRunAsSystem({ rules: parsed.draft.rules, days });
      console.log(`checked ${report.checked} sales of the last ${days} days: ${report.blocked} would be blocked, ${report.needsOverride} would need a manager`);
      for (const hit of report.hits) {
        console.log(`  ${new Date(hit.completedAt).toISOString()}  sale ${hit.saleId}  ${hit.tender}${hit.walletId ? ` wallet ${hit.walletId}` : ''}  ${hit.outcome}`);
        for (const v of hit.violations) console.log(`    ${describeViolation(v)}`);
      }
      return 0;
    } catch (error) {
      if (error instanceof RegisterError) {
        console.error(`refused: ${error.message}`);
        return 1;
      }
      throw error;
    } finally {
      store.close();
    }
  },
};

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliUsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
}
