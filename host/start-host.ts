/**
 * Starts a whole register host: database, register, scanners, HTTP/WebSocket server.
 * Used by `regi serve`, `regi start` (browser fallback), the Electron shell (as a child process) and tests.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RegisterMode } from '../core/api.js';
import { systemClock, type Clock, type ScannerDriver } from '../core/ports.js';
import { openRegisterStore, type RegisterStore } from '../db/register-store.js';
import { closeReceiptPdf } from './records-routes.js';
import { startHttpHost } from './http-server.js';
import { createSerialScannerDriver, type SerialScannerOptions } from './serial-scanners.js';
import { createHidScannerDriver, type HidScannerOptions } from './hid-scanners.js';
import { Simulators } from './simulators/simulators.js';
import type { SyncTuning } from './sync-setup.js';
import { prepareDataFolder } from './data-folder.js';
import { refuseIfRegisterRuns, takeRegisterLock } from './register-dir-lock.js';
import { newToken, publishHostInfo } from './token.js';
import { SimWallets } from './wallet-routes.js';
import type { WalletSetupOptions } from './wallet-setup.js';
import { wireRegister } from './wire-register.js';

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DEFAULT_RENDERER_DIR = join(PROJECT_ROOT, 'dist', 'renderer');

export interface StartHostOptions {
  dataDir: string;
  port: number;
  host?: string;
  mode: RegisterMode;
  /** Simulated serial scanners to attach at start (simulator mode only). Default 1. */
  simulatedScanners?: number;
  /** Real serial scanners to open. */
  serialScanners?: readonly SerialScannerOptions[];
  /** Real USB HID scanners to open (node-hid). */
  hidScanners?: readonly HidScannerOptions[];
  clock?: Clock;
  rendererDir?: string;
  token?: string;
  /** Back office / wallet gateway URL; without it a simulator runs a sandbox gateway in-process (issue 6). */
  gatewayUrl?: string;
  /** That gateway's admin token, to provision this register as a terminal on first use. */
  gatewayAdminToken?: string;
  /** Outbox delivery timing (tests, crash harness). */
  sync?: SyncTuning;
  /** Wallet payment timing (tests): query interval and deadline, client timeouts, cancel retry backoff. */
  wallet?: Pick<WalletSetupOptions, 'policy' | 'client' | 'resolver'>;
}

export interface RunningHost {
  url: string;
  port: number;
  token: string;
  dataDir: string;
  registerId: string;
  close(): Promise<void>;
}

export async function startHost(options: StartHostOptions): Promise<RunningHost> {
  const dataDir = resolve(options.dataDir);
  prepareDataFolder(dataDir);
  // before anything in the folder is opened or written: a second register must not touch the first one's files
  await refuseIfRegisterRuns(dataDir);
  const lock = takeRegisterLock(dataDir);
  const clock = options.clock ?? systemClock;
  let store: RegisterStore;
  try {
    store = openRegisterStore(dataDir);
  } catch (error) {
    lock.release();
    throw error;
  }
  const closers: Array<() => Promise<void> | void> = [() => store.close(), () => lock.release()];
  try {
    const wired = await wireRegister(store, {
      dataDir, mode: options.mode, clock,
      ...(options.gatewayUrl === undefined ? {} : { gatewayUrl: options.gatewayUrl }),
      ...(options.gatewayAdminToken === undefined ? {} : { gatewayAdminToken: options.gatewayAdminToken }),
      ...(options.sync ? { sync: options.sync } : {}),
      ...(options.wallet ? { wallet: options.wallet } : {}),
    });
    closers.unshift(() => wired.close());
    const { register, wallet } = wired;

    const drivers: ScannerDriver[] = [];
    for (const serial of options.serialScanners ?? []) {
      const driver = createSerialScannerDriver(serial, clock);
      register.attachScanner(driver);
      drivers.push(driver);
      // A missing device is not fatal: the driver reports it and keeps retrying.
      driver.open().catch((error: unknown) => console.error(`[regi] scanner ${driver.id}: ${String(error)}`));
    }
    for (const hid of options.hidScanners ?? []) {
      const driver = await createHidScannerDriver(hid, clock);
      register.attachScanner(driver);
      drivers.push(driver);
      driver.open().catch((error: unknown) => console.error(`[regi] scanner ${driver.id}: ${String(error)}`));
    }
    closers.unshift(async () => {
      await Promise.all(drivers.map((d) => d.close()));
    });

    let simulators: Simulators | null = null;
    if (options.mode === 'simulator') {
      simulators = new Simulators(register, clock);
      closers.unshift(() => simulators!.close());
      const count = options.simulatedScanners ?? 1;
      for (let i = 1; i <= count; i++) await simulators.add({ id: `sim-serial-${i}` });
    }

    const token = options.token ?? newToken();
    const http = await startHttpHost({
      register,
      token,
      host: options.host ?? '127.0.0.1',
      port: options.port,
      rendererDir: options.rendererDir ?? DEFAULT_RENDERER_DIR,
      simulators,
      wallets: options.mode === 'simulator' && wallet.admin ? new SimWallets(wallet.admin, dataDir) : null,
    });
    closers.unshift(() => http.close());
    closers.unshift(() => closeReceiptPdf());
    const unpublish = publishHostInfo({
      url: http.url, port: http.port, token, pid: process.pid, dataDir, mode: options.mode,
    });
    closers.unshift(unpublish);

    let closed: Promise<void> | undefined;
    return {
      url: http.url,
      port: http.port,
      token,
      dataDir,
      registerId: store.registerId,
      close: () => (closed ??= runClosers(closers)),
    };
  } catch (error) {
    await runClosers(closers);
    throw error;
  }
}

async function runClosers(closers: Array<() => Promise<void> | void>): Promise<void> {
  for (const close of closers) {
    try {
      await close();
    } catch (error) {
      console.error('[regi] while closing:', error);
    }
  }
}
