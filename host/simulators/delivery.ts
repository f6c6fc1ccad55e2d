/** Waiting for what the register's driver made of simulated input: a scan, a bad read, a state. */
import type { ScannerDriver, ScannerState, Unsubscribe } from '../../core/ports.js';
import { SimulatorError, type MaybeDelivery, type ScanDelivery } from '../simulator-control.js';

/** Follows a driver's scans and bad reads from now on; stop() when done. */
export class DeliveryLog {
  readonly deliveries: ScanDelivery[] = [];
  private readonly offs: Unsubscribe[];
  private waiters: Array<() => void> = [];

  constructor(driver: ScannerDriver) {
    const push = (delivery: ScanDelivery) => {
      this.deliveries.push(delivery);
      for (const wake of this.waiters.splice(0)) wake();
    };
    this.offs = [
      driver.onScan((e) => push({ result: 'scan', data: e.data, symbology: e.symbology, ...(e.aimId === undefined ? {} : { aimId: e.aimId }) })),
      driver.onBadRead((b) => push({ result: 'bad-read', reason: b.reason })),
    ];
  }

  /** Resolves once `count` deliveries arrived, or with what there is after timeoutMs. */
  waitFor(count: number, timeoutMs: number): Promise<ScanDelivery[]> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.deliveries.length >= count) {
          clearTimeout(timer);
          resolve(this.deliveries);
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== wake);
        resolve(this.deliveries);
      }, timeoutMs);
      const wake = () => {
        if (!check()) this.waiters.push(wake);
      };
      if (!check()) this.waiters.push(wake);
    });
  }

  /** Resolves when no delivery arrived for quietMs (late follow-ups of a fault, such as a stray suffix). */
  async settle(quietMs: number): Promise<ScanDelivery[]> {
    for (;;) {
      const seen = this.deliveries.length;
      await new Promise((resolve) => setTimeout(resolve, quietMs));
      if (this.deliveries.length === seen) return this.deliveries;
    }
  }

  stop(): void {
    for (const off of this.offs) off();
    for (const wake of this.waiters.splice(0)) wake();
  }
}

/** Runs `send` and resolves with the driver's first delivery, or 'nothing' after timeoutMs. */
export async function deliveryOf(driver: ScannerDriver, send: () => Promise<unknown>, timeoutMs: number): Promise<MaybeDelivery> {
  const log = new DeliveryLog(driver);
  try {
    await send();
    const [first] = await log.waitFor(1, timeoutMs);
    return first ?? { result: 'nothing' };
  } finally {
    log.stop();
  }
}

/** Resolves once the driver reports `state`; rejects with a SimulatorError naming what it reports instead. */
export function waitForState(driver: ScannerDriver, state: ScannerState, timeoutMs: number): Promise<void> {
  if (driver.status().state === state) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      const now = driver.status();
      reject(new SimulatorError(500, `scanner "${driver.id}" did not become ${state} within ${timeoutMs} ms (it is ${now.state}${now.error ? `: ${now.error}` : ''})`));
    }, timeoutMs);
    const off = driver.onStatus((status) => {
      if (status.state !== state) return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}
