import type { AuditEntry } from '../../core/domain/audit/audit-chain.js';
import { intFlag, parseArgs, stringFlag } from '../args.js';
import { CliUsageError, type CliCommand } from '../command.js';
import { dataDirFrom } from '../data-dir.js';
import { openLimitsStore } from '../limits-store.js';

const usage = `usage: regi audit verify [--data DIR]
       regi audit show [--data DIR] [--limit N] [--json]

The append-only, hash-chained audit log of blocked purchases, overrides, rule changes and manager
logins (docs/limits.md). Reads DIR/register.sqlite directly; safe while the register runs.

  verify       re-hash every entry; exit 0 when the chain is intact, 1 with the first broken entry
  show         the newest entries (default 50), newest first
  --data DIR   data directory (default $REGI_DATA or ./.regi-data)
  --json       one JSON entry per line instead of text`;

export const auditCommand: CliCommand = {
  name: 'audit',
  summary: 'verify or show the hash-chained audit log (limits, overrides, rule changes)',
  usage,
  async run(argv) {
    const args = parseArgs(argv, { values: ['data', 'limit'], booleans: ['json'] });
    const [sub, ...rest] = args.positionals;
    if (rest.length > 0) throw new CliUsageError(`unexpected argument "${rest[0]}"`);
    if (sub !== 'verify' && sub !== 'show') throw new CliUsageError('say "regi audit verify" or "regi audit show"');
    const { store, limits } = await openLimitsStore(dataDirFrom(stringFlag(args, 'data')));
    try {
      if (sub === 'verify') {
        const verdict = limits.audit.verify();
        if (verdict.ok) {
          console.log(`audit log intact: ${verdict.count} entries` + (verdict.head ? `, head #${verdict.head.seq} ${verdict.head.hash}` : ''));
          return 0;
        }
        console.error(`audit log BROKEN at entry ${verdict.brokenAt}: ${verdict.reason}`);
        return 1;
      }
      const entries = limits.audit.list({ limit: intFlag(args, 'limit', { min: 1, max: 100_000 }) ?? 50 });
      for (const e of entries) console.log(args.flags.has('json') ? JSON.stringify(e) : describe(e));
      return 0;
    } finally {
      store.close();
    }
  },
};

function describe(e: AuditEntry): string {
  return `#${e.seq}\t${new Date(e.at).toISOString()}\t${e.kind}\t${e.actor}\t${JSON.stringify(e.details)}`;
}
