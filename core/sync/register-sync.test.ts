import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RegisterError, type RegisterEvent } from '../api.js';
import type { CompletedSale } from '../domain/sale.js';
import type { SaleJournal } from '../ports.js';
import { Register } from '../register.js';
import type { OutboxState } from './outbox-ports.js';
import { NO_SYNC, type OutboxRow, type SyncMonitor, type SyncState } from './sync-monitor.js';

/** A SyncMonitor over a plain list: the port's contract, so the register's side can be checked alone. */
class ListMonitor implements SyncMonitor {
  current: SyncState = { online: null, queueDepth: 0, parked: 0, oldestPendingAt: null, lastError: null };
  rows: OutboxRow[] = [];
  retried: boolean[] = [];
  private readonly listeners = new Set<(s: SyncState) => void>();
  state(): SyncState {
    return this.current;
  }
  onChange(listener: (s: SyncState) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  set(changes: Partial<SyncState>): void {
    this.current = { ...this.current, ...changes };
    for (const l of this.listeners) l(this.current);
  }
  list(options: { states: readonly OutboxState[]; limit: number }): OutboxRow[] {
    return this.rows.filter((r) => options.states.includes(r.state)).slice(0, options.limit);
  }
  retryNow(includeParked: boolean): number {
    this.retried.push(includeParked);
    return this.rows.filter((r) => r.state === 'pending' || (includeParked && r.state === 'parked')).length;
  }
}

const journal: SaleJournal = {
  commitSale: (sale: Omit<CompletedSale, 'saleNo'>) => ({ ...sale, saleNo: 1 }),
  nextSaleNo: () => 1,
  recentSales: () => [],
  getSale: () => undefined,
};

function setup(options: { sync?: SyncMonitor; managers?: string[] } = {}) {
  const register = new Register({
    registerId: 'R-SYNC', mode: 'simulator', catalog: { findByCode: () => undefined, count: () => 0 }, journal,
    clock: { now: () => 1 }, newId: () => 'id',
    ...(options.sync ? { sync: options.sync } : {}),
    ...(options.managers
      ? {
          requireManager: (session: string) => {
            if (!options.managers!.includes(session)) throw new RegisterError('unauthorized', 'manager session missing or expired');
            return { staffId: 'M001' };
          },
        }
      : {}),
  });
  const states: SyncState[] = [];
  register.subscribe((e: RegisterEvent) => {
    if (e.type === 'state') states.push(e.state.sync);
  });
  return { register, states };
}

const row = (id: number, state: OutboxState): OutboxRow => ({
  id, topic: 'sale.upload', idempotencyKey: `k${id}`, createdAt: id, attempts: 1, state, nextAttemptAt: id, lastError: state === 'parked' ? 'bad' : null,
});

describe('Register and the sync monitor', () => {
  test('the state carries the monitor figures and is pushed on every change', async () => {
    const sync = new ListMonitor();
    const { register, states } = setup({ sync });
    sync.set({ online: false, queueDepth: 3, oldestPendingAt: 5, lastError: 'back office unavailable (timeout)' });
    assert.deepEqual(states.at(-1), { online: false, queueDepth: 3, parked: 0, oldestPendingAt: 5, lastError: 'back office unavailable (timeout)' });
    assert.equal((await register.getState()).sync.queueDepth, 3);
  });

  test('without a monitor the state says nothing is known', async () => {
    const { register } = setup();
    assert.deepEqual((await register.getState()).sync, NO_SYNC);
  });

  test('outboxList and outboxRetry need a live manager session', async () => {
    const sync = new ListMonitor();
    sync.rows = [row(1, 'pending'), row(2, 'parked'), row(3, 'sent')];
    const { register } = setup({ sync, managers: ['good'] });
    assert.deepEqual((await register.outboxList({ session: 'good', states: ['pending', 'parked'], limit: 10 })).map((r) => r.id), [1, 2]);
    assert.deepEqual(await register.outboxRetry({ session: 'good', includeParked: true }), { retried: 2 });
    assert.deepEqual(sync.retried, [true]);
    await assert.rejects(register.outboxList({ session: 'bad', states: ['parked'], limit: 10 }), (e: unknown) => e instanceof RegisterError && e.code === 'unauthorized');
    await assert.rejects(register.outboxRetry({ session: 'bad', includeParked: false }), (e: unknown) => e instanceof RegisterError && e.code === 'unauthorized');
    assert.deepEqual(sync.retried, [true], 'a refused retry touched nothing');
  });

  test('closed by default: no manager check wired means no outbox access', async () => {
    const { register } = setup({ sync: new ListMonitor() });
    await assert.rejects(register.outboxList({ session: 'anything', states: ['pending'], limit: 1 }), (e: unknown) => e instanceof RegisterError && e.code === 'not-available');
  });
});
