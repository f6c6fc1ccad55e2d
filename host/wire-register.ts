/**
 * The composition root of one register: over an open register store it wires outbox delivery (and the gateway link
 * it rides on), purchase limits, wallet payments and sale records into a core Register, and delivers each committed
 * sale or refund soon after it commits. startHost adds HTTP, scanners and simulators on top; the tester's headless
 * register nodes (replay, fleet) use it as it is, so they cannot drift from the real register.
 */
import type { RegisterMode } from '../core/api.js';
import type { Clock } from '../core/ports.js';
import type { Register } from '../core/register.js';
import type { RegisterStore } from '../db/register-store.js';
import { SqliteSaleRecords } from '../db/sale-records.js';
import { createRegister } from './create-register.js';
import type { ScryptCost } from './limits/pin-hasher.js';
import { setupLimits } from './limits/setup-limits.js';
import { startHostSync, type StartedHostSync, type SyncTuning } from './sync-setup.js';
import { setupWallet, type WalletSetup, type WalletSetupOptions } from './wallet-setup.js';

export interface WireRegisterOptions {
  dataDir: string;
  mode: RegisterMode;
  clock: Clock;
  /** Back office / wallet gateway URL; without it a simulator runs a sandbox gateway in-process. */
  gatewayUrl?: string;
  /** That gateway's admin token, to provision this register as a terminal on first use. */
  gatewayAdminToken?: string;
  /** Outbox delivery timing (tests, crash harness). */
  sync?: SyncTuning;
  /** Wallet payment timing (tests). */
  wallet?: Pick<WalletSetupOptions, 'policy' | 'client' | 'resolver'>;
  /** Cost of hashing the demo staff PINs (throwaway registers use a lighter one). */
  scryptCost?: ScryptCost;
}

export interface WiredRegister {
  register: Register;
  sync: StartedHostSync;
  wallet: WalletSetup;
  /** Stops wallet payments and delivery (not the store, which the caller opened). */
  close(): Promise<void>;
}

export async function wireRegister(store: RegisterStore, options: WireRegisterOptions): Promise<WiredRegister> {
  const { clock } = options;
  const closers: Array<() => Promise<void> | void> = [];
  const close = async (): Promise<void> => {
    for (const closeOne of closers.splice(0)) {
      try {
        await closeOne();
      } catch (error) {
        console.error('[regi] while closing:', error);
      }
    }
  };
  try {
    const sync = await startHostSync({
      dataDir: options.dataDir,
      registerId: store.registerId,
      mode: options.mode,
      outbox: store.outbox,
      clock,
      ...(options.gatewayUrl === undefined ? {} : { gatewayUrl: options.gatewayUrl }),
      ...(options.gatewayAdminToken === undefined ? {} : { gatewayAdminToken: options.gatewayAdminToken }),
      ...(options.sync ? { tuning: options.sync } : {}),
    });
    closers.unshift(() => sync.close());
    const limits = await setupLimits(store, clock, options.scryptCost ? { scryptCost: options.scryptCost } : {});
    const wallet = setupWallet({
      link: sync.link,
      db: store.db,
      journal: limits.journal,
      registerId: store.registerId,
      clock,
      ...options.wallet,
      ...(options.gatewayAdminToken === undefined ? {} : { adminToken: options.gatewayAdminToken }),
    });
    closers.unshift(() => wallet.close());
    const register = createRegister({
      sync: sync.monitor,
      registerId: store.registerId,
      mode: options.mode,
      catalog: store.catalog,
      journal: limits.journal,
      clock,
      limits: limits.limits,
      requireManager: (session) => limits.limits.console.requireManager(session),
      ...(wallet.tender ? { wallet: wallet.tender } : {}),
      records: new SqliteSaleRecords(store.db),
    });
    wallet.start();
    // Deliver each committed sale or refund soon after it commits; the cashier never waits on it.
    register.subscribe((event) => {
      if (event.type === 'message' && (event.message.code === 'sale.completed' || event.message.code === 'sale.refunded')) sync.rowsQueued();
    });
    return { register, sync, wallet, close };
  } catch (error) {
    await close();
    throw error;
  }
}
