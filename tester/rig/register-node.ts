/**
 * A headless register in this process, wired exactly as startHost wires one (SQLite store, limits, outbox delivery,
 * wallet payments over the signed gateway client) but without the HTTP server and scanners: the incident replay
 * and the fleet run many of them against one gateway. Each has its own data directory and register id, and is
 * provisioned as a terminal of the gateway at `gatewayUrl` with its admin token, like `regi serve --gateway`.
 */
import type { Clock } from '../../core/ports.js';
import type { Register } from '../../core/register.js';
import { openRegisterStore } from '../../db/register-store.js';
import { SqliteSaleRecords } from '../../db/sale-records.js';
import { createRegister } from '../../host/create-register.js';
import { setupLimits } from '../../host/limits/setup-limits.js';
import { startHostSync } from '../../host/sync-setup.js';
import { setupWallet } from '../../host/wallet-setup.js';

export interface RegisterNodeOptions {
  dataDir: string;
  gatewayUrl: string;
  gatewayAdminToken: string;
  clock: Clock;
  /** Register id for a new data directory (default random). */
  registerId?: string;
}

export interface RegisterNode {
  register: Register;
  registerId: string;
  /** Delivers the outbox now (a full pass). */
  syncNow(): Promise<void>;
  close(): Promise<void>;
}

/** Lighter scrypt for the demo PINs of throwaway registers (the real cost is for real data directories). */
const LIGHT_SCRYPT = { N: 1024, r: 8, p: 1, keyLength: 32 };

export async function startRegisterNode(options: RegisterNodeOptions): Promise<RegisterNode> {
  const { clock } = options;
  const store = openRegisterStore(options.dataDir, { clock, ...(options.registerId ? { newRegisterId: () => options.registerId! } : {}) });
  const closers: Array<() => Promise<void> | void> = [() => store.close()];
  try {
    const sync = await startHostSync({
      dataDir: options.dataDir,
      registerId: store.registerId,
      mode: 'simulator',
      outbox: store.outbox,
      clock,
      gatewayUrl: options.gatewayUrl,
      gatewayAdminToken: options.gatewayAdminToken,
    });
    closers.unshift(() => sync.close());
    const limits = await setupLimits(store, clock, { scryptCost: LIGHT_SCRYPT });
    const wallet = setupWallet({ link: sync.link, db: store.db, journal: limits.journal, registerId: store.registerId, clock });
    closers.unshift(() => wallet.close());
    const register = createRegister({
      sync: sync.monitor,
      registerId: store.registerId,
      mode: 'simulator',
      catalog: store.catalog,
      journal: limits.journal,
      clock,
      limits: limits.limits,
      requireManager: (session) => limits.limits.console.requireManager(session),
      ...(wallet.tender ? { wallet: wallet.tender } : {}),
      records: new SqliteSaleRecords(store.db),
    });
    wallet.start();
    register.subscribe((event) => {
      if (event.type === 'message' && (event.message.code === 'sale.completed' || event.message.code === 'sale.refunded')) sync.rowsQueued();
    });
    let closed: Promise<void> | undefined;
    return {
      register,
      registerId: store.registerId,
      syncNow: () => sync.runNow(),
      close: () =>
        (closed ??= (async () => {
          for (const close of closers) {
            try {
              await close();
            } catch (error) {
              console.error('[regi] while closing a register node:', error);
            }
          }
        })()),
    };
  } catch (error) {
    for (const close of closers) await close();
    throw error;
  }
}
