import { join } from 'node:path';
import { backupDatabase } from '../../db/backup.js';
import { REGISTER_DB_FILE } from '../../db/register-store.js';
import { parseArgs, stringFlag } from '../args.js';
import { CliUsageError, type CliCommand } from '../command.js';
import { dataDirFrom } from '../data-dir.js';

const usage = `usage: regi backup [--data DIR] --out FILE [--force]

Copies the register's database (DIR/register.sqlite) to FILE with SQLite's online backup: safe while the
register is running and selling. The copy is integrity-checked before it is kept; restore it by stopping the
register and putting the copy in place of DIR/register.sqlite.

  --data DIR   data directory (default $REGI_DATA or ./.regi-data)
  --out FILE   where to write the copy (refused if it exists, unless --force)
  --force      overwrite FILE`;

export const backupCommand: CliCommand = {
  name: 'backup',
  summary: 'copy the register database with SQLite online backup (safe while the register runs)',
  usage,
  async run(argv) {
    const args = parseArgs(argv, { values: ['data', 'out'], booleans: ['force'] });
    if (args.positionals.length > 0) throw new CliUsageError(`unexpected argument "${args.positionals[0]}"`);
    const out = stringFlag(args, 'out');
    if (out === undefined) throw new CliUsageError('--out FILE is required');
    const source = join(dataDirFrom(stringFlag(args, 'data')), REGISTER_DB_FILE);
    const result = await backupDatabase(source, out, { overwrite: args.flags.has('force') });
    console.log(`backup written: ${result.file} (${result.bytes} bytes, ${result.totalPages} pages, integrity ok)`);
    console.log(`  ${result.sales} sales, ${result.outboxPending} outbox rows waiting for the back office`);
    return 0;
  },
};
