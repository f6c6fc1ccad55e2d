/**
 * A headless register in this process, wired by the same composition root as startHost (host/wire-register.ts:
 * SQLite store, limits, outbox delivery, wallet payments over the signed gateway client) but without the HTTP
 * server and scanners: the incident replay and the fleet run many of them against one gateway. Each has its own
 * data directory and register id, and is provisioned as a terminal of the gateway at `gatewayUrl` with its admin
 * token, like `regi serve --gateway`.
 */
import type { Clock } from '../../core/ports.js';
import type { Register } from '../../core/register.js';
import { openRegisterStore } from '../../db/register-store.js';
import { wireRegister, type WiredRegister } from '../../host/wire-register.js';

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
  let wired: WiredRegister;
  try {
    wired = await wireRegister(store, {
      dataDir: options.dataDir,
      mode: 'simulator',
      clock,
      gatewayUrl: options.gatewayUrl,
      gatewayAdminToken: options.gatewayAdminToken,
      scryptCost: LIGHT_SCRYPT,
    });
  } catch (error) {
    store.close();
    throw error;
  }
  const { register, sync } = wired;
  const closers: Array<() => Promise<void> | void> = [() => wired.close(), () => store.close()];
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
}
