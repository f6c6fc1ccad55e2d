/**
 * Wires purchase limits for a register store: rule versions (shipped defaults seeded as version 1),
 * the audit log with the node hasher, staff with the demo manager and cashier seeded on first start,
 * the PIN gate (every attempt audited), wallet history and the journal that records each sale's version.
 */
import { randomUUID } from 'node:crypto';
import { PIN_ATTEMPT_KINDS, pinAttemptEvent } from '../../core/domain/audit/limit-events.js';
import type { WalletSpendHistory } from '../../core/domain/limits/wallet-history.js';
import { createRegisterLimits, type RegisterLimits } from '../../core/limits/register-limits.js';
import type { Clock, SaleJournal } from '../../core/ports.js';
import { SqliteAuditLog } from '../../db/audit-log-repository.js';
import { LimitCheckedJournal } from '../../db/limit-checked-journal.js';
import { SqliteRecordedSales } from '../../db/recorded-sales.js';
import type { RegisterStore } from '../../db/register-store.js';
import { SqliteRuleSetStore } from '../../db/rule-set-repository.js';
import { SqliteStaffDirectory } from '../../db/staff-repository.js';
import { SqliteWalletSpendHistory } from '../../db/wallet-spend-history.js';
import { nodeSha256 } from './node-hasher.js';
import { PinGate } from './pin-gate.js';
import { hashPin, type ScryptCost } from './pin-hasher.js';
import { exportRuleSetJson, importRuleSetJson } from './rules-json.js';

/** Demo staff seeded into an empty staff table. The PIN is for demos only (README). */
export const DEMO_MANAGER = { staffId: 'M001', name: 'Demo Manager', role: 'manager', pin: '1234' } as const;
export const DEMO_CASHIER = { staffId: 'C001', name: 'Demo Cashier', role: 'cashier', pin: '0000' } as const;

export interface LimitsSetup {
  limits: RegisterLimits;
  /** The store's journal, also recording each sale's rule set version. */
  journal: SaleJournal;
  audit: SqliteAuditLog;
  rules: SqliteRuleSetStore;
  staff: SqliteStaffDirectory;
  pins: PinGate;
}

export async function setupLimits(store: RegisterStore, clock: Clock, options: { scryptCost?: ScryptCost } = {}): Promise<LimitsSetup> {
  const rules = new SqliteRuleSetStore(store.db);
  rules.seedDefaults(clock.now());
  const staff = new SqliteStaffDirectory(store.db);
  if (staff.size() === 0) {
    for (const s of [DEMO_MANAGER, DEMO_CASHIER]) {
      staff.add({ staffId: s.staffId, name: s.name, role: s.role, pin: await hashPin(s.pin, options.scryptCost) }, clock.now());
    }
  }
  const audit = new SqliteAuditLog(store.db, nodeSha256);
  const pins = new PinGate({
    directory: staff,
    clock,
    onAttempt: (attempt) => audit.append(pinAttemptEvent(attempt)),
    restored: restoredPinCounters(audit),
  });
  const history: WalletSpendHistory | undefined = hasTable(store, 'wallet_redemptions')
    ? new SqliteWalletSpendHistory(store.db, store.journal)
    : undefined;
  const limits = createRegisterLimits({
    clock, rules, audit, pins,
    sales: new SqliteRecordedSales(store.db, store.journal, store.catalog),
    codec: {
      parse: (text) => {
        const result = importRuleSetJson(text);
        return result.ok ? { ok: true, draft: result.draft } : { ok: false, errors: result.errors };
      },
      format: exportRuleSetJson,
    },
    newToken: randomUUID,
    ...(history ? { history } : {}),
  });
  const journal = new LimitCheckedJournal(store.db, store.journal, () => limits.guard.versionCheckedAtTender());
  return { limits, journal, audit, rules, staff, pins };
}

function hasTable(store: RegisterStore, name: string): boolean {
  return store.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/** Each staff id's failure count and lock as its last PIN attempt in the audit log left them. */
function restoredPinCounters(audit: SqliteAuditLog): { staffId: string; failures: number; lockedUntil?: number }[] {
  return audit.latestPerActor(PIN_ATTEMPT_KINDS).map((entry) => {
    const failures = typeof entry.details['failures'] === 'number' ? entry.details['failures'] : 0;
    const lockedUntil = entry.details['lockedUntil'];
    return { staffId: entry.actor, failures, ...(typeof lockedUntil === 'number' ? { lockedUntil } : {}) };
  });
}
