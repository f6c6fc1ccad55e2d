/**
 * How `regi audit` and `regi limits` reach a register's data: they open DIR/register.sqlite directly
 * (WAL lets them read, and append in their own IMMEDIATE transactions, while a host is running).
 * A missing database is an error rather than a fresh empty register.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock } from '../core/ports.js';
import { openRegisterStore, REGISTER_DB_FILE, type RegisterStore } from '../db/register-store.js';
import { setupLimits, type LimitsSetup } from '../host/limits/setup-limits.js';
import { CliUsageError } from './command.js';

export async function openLimitsStore(dataDir: string): Promise<{ store: RegisterStore; limits: LimitsSetup }> {
  const file = join(dataDir, REGISTER_DB_FILE);
  if (!existsSync(file)) throw new CliUsageError(`no register database at ${file}: give the data directory with --data DIR`);
  const store = openRegisterStore(dataDir, { seedDemo: false });
  try {
    return { store, limits: await setupLimits(store, systemClock) };
  } catch (error) {
    store.close();
    throw error;
  }
}
