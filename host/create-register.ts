/**
 * The composition root: the one place that wires core's Register to its adapters.
 * Everything else receives what it needs as parameters.
 */
import { randomUUID } from 'node:crypto';
import type { RegisterMode } from '../core/api.js';
import type { Catalog, Clock, SaleJournal, ScannerDriver } from '../core/ports.js';
import { Register } from '../core/register.js';
import type { SyncMonitor } from '../core/sync/sync-monitor.js';
import type { RegisterLimits } from '../core/limits/register-limits.js';
import type { WalletTender } from '../core/payments/wallet-tender.js';
import type { SaleRecords } from '../core/records/records-types.js';

export interface RegisterWiring {
  registerId: string;
  mode: RegisterMode;
  catalog: Catalog;
  journal: SaleJournal;
  clock: Clock;
  scanners?: readonly ScannerDriver[];
  newId?: () => string;
  sync?: SyncMonitor;
  requireManager?: (session: string) => { staffId: string };
  /** Purchase limits, age confirmation, manager console (host/limits/setup-limits.ts). */
  limits?: RegisterLimits;
  /** Wallet barcode payments (host/wallet-setup.ts). */
  wallet?: WalletTender;
  /** Store settings, sale history, reports (db/sale-records.ts). */
  records?: SaleRecords;
}

export function createRegister(wiring: RegisterWiring): Register {
  const register = new Register({
    registerId: wiring.registerId,
    mode: wiring.mode,
    catalog: wiring.catalog,
    journal: wiring.journal,
    clock: wiring.clock,
    newId: wiring.newId ?? randomUUID,
    ...(wiring.sync ? { sync: wiring.sync } : {}),
    ...(wiring.requireManager ? { requireManager: wiring.requireManager } : {}),
    ...(wiring.limits ? { limits: wiring.limits } : {}),
    ...(wiring.wallet ? { wallet: wiring.wallet } : {}),
    ...(wiring.records ? { records: wiring.records } : {}),
  });
  for (const scanner of wiring.scanners ?? []) register.attachScanner(scanner);
  return register;
}
