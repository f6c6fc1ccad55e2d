/**
 * Wires delivery of the outbox to the back office into a host: the worker over the gateway link, the runner that
 * schedules it in the background, and the SyncMonitor the register shows (online state, queue depth) and the
 * manager console uses (list, retry now). Nothing here is on the cashier's path: a sale commits, the runner is
 * woken, and the sale returns without waiting for any of it.
 */
import type { Clock, Unsubscribe } from '../core/ports.js';
import type { OutboxState, OutboxStats } from '../core/sync/outbox-ports.js';
import { OutboxWorker, type SyncStatus } from '../core/sync/outbox-worker.js';
import { NO_SYNC, sameSyncState, type OutboxRow, type SyncMonitor, type SyncState } from '../core/sync/sync-monitor.js';
import type { SqliteOutbox } from '../db/outbox-repository.js';
import { GatewayBackOffice } from './back-office.js';
import { startGatewayLink, type GatewayLink, type GatewayLinkOptions } from './back-office-setup.js';
import { SyncRunner } from './sync-runner.js';

export interface SyncTuning {
  /** Per upload request: a back office that hangs longer counts as offline. Default 5000. */
  timeoutMs?: number;
  batchSize?: number;
  /** First retry delay while offline; doubles per failure up to maxDelayMs (defaults 500 and 30000). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Heartbeat pass while everything is delivered. Default 5000. */
  idleIntervalMs?: number;
}

export interface SyncSetupOptions {
  outbox: SqliteOutbox;
  registerId: string;
  /** null: no back office configured; the queue is kept and shown, nothing is sent. */
  link: GatewayLink | null;
  clock: Clock;
  random?: () => number;
  tuning?: SyncTuning;
}

export interface HostSync {
  monitor: SyncMonitor;
  /** A sale (or any outbox row) was committed: refresh the figures and deliver soon. */
  rowsQueued(): void;
  /** Resolves after one full delivery pass (tests, harness). */
  runNow(): Promise<void>;
  stop(): Promise<void>;
}

export const NO_BACK_OFFICE = 'no back office configured (start the register with --gateway URL)';

export function setUpSync(options: SyncSetupOptions): HostSync {
  const { outbox, clock } = options;
  const listeners = new Set<(state: SyncState) => void>();
  let status: Pick<SyncStatus, 'online' | 'lastError'> = options.link ? { online: null, lastError: null } : { online: null, lastError: NO_BACK_OFFICE };
  let current: SyncState = NO_SYNC;

  const compute = (queue: Omit<OutboxStats, 'sent'>): SyncState => ({
    online: status.online,
    queueDepth: queue.pending,
    parked: queue.parked,
    oldestPendingAt: queue.oldestPendingAt,
    lastError: status.lastError,
  });
  const refresh = (): void => {
    let next: SyncState;
    try {
      next = compute(outbox.queueStats());
    } catch (error) {
      // The database is closing (host shutdown): keep the last figures.
      if (!outbox.isOpen()) return;
      throw error;
    }
    if (sameSyncState(next, current)) return;
    current = next;
    for (const listener of [...listeners]) {
      try {
        listener(next);
      } catch (error) {
        console.error('[regi] sync listener failed:', error);
      }
    }
  };
  current = compute(outbox.queueStats());

  let runner: SyncRunner | null = null;
  if (options.link) {
    const tuning = options.tuning ?? {};
    const backOffice = new GatewayBackOffice({ credentials: options.link.credentials, clock, timeoutMs: tuning.timeoutMs ?? 5_000 });
    const worker = new OutboxWorker({
      outbox,
      backOffice,
      registerId: options.registerId,
      clock,
      random: options.random ?? Math.random,
      batchSize: tuning.batchSize ?? 100,
      baseDelayMs: tuning.baseDelayMs ?? 500,
      maxDelayMs: tuning.maxDelayMs ?? 30_000,
      onStatus: (s) => {
        status = { online: s.online, lastError: s.lastError };
        refresh();
      },
    });
    runner = new SyncRunner({ worker, idleIntervalMs: tuning.idleIntervalMs ?? 5_000, onPass: () => refresh() });
    runner.start();
  }

  const monitor: SyncMonitor = {
    state: () => current,
    onChange(listener): Unsubscribe {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    list: (request: { states: readonly OutboxState[]; limit: number }): OutboxRow[] =>
      outbox.list(request).map(({ payload: _payload, ...row }) => row),
    retryNow(includeParked) {
      const n = outbox.retryNow(clock.now(), includeParked);
      refresh();
      runner?.wake();
      return n;
    },
  };

  return {
    monitor,
    rowsQueued() {
      refresh();
      // While offline the backoff timer decides when to try again; a new sale does not hammer the back office.
      if (status.online !== false) runner?.wake();
    },
    runNow: async () => {
      await runner?.runNow();
      refresh();
    },
    stop: async () => {
      await runner?.stop();
    },
  };
}

export interface HostSyncOptions {
  dataDir: string;
  registerId: string;
  mode: GatewayLinkOptions['mode'];
  outbox: SqliteOutbox;
  clock: Clock;
  gatewayUrl?: string;
  gatewayAdminToken?: string;
  tuning?: SyncTuning;
}

export interface StartedHostSync extends HostSync {
  /** The gateway link (also what wallet payments use); null without a back office. */
  link: GatewayLink | null;
  close(): Promise<void>;
}

/** startHost's one call: the gateway link (in-process sandbox in simulator mode), then delivery on top of it. */
export async function startHostSync(options: HostSyncOptions): Promise<StartedHostSync> {
  const link = await startGatewayLink({
    dataDir: options.dataDir,
    registerId: options.registerId,
    mode: options.mode,
    clock: options.clock,
    ...(options.gatewayUrl === undefined ? {} : { gatewayUrl: options.gatewayUrl }),
    ...(options.gatewayAdminToken === undefined ? {} : { gatewayAdminToken: options.gatewayAdminToken }),
  });
  const sync = setUpSync({
    outbox: options.outbox,
    registerId: options.registerId,
    link,
    clock: options.clock,
    ...(options.tuning ? { tuning: options.tuning } : {}),
  });
  return {
    ...sync,
    link,
    close: async () => {
      await sync.stop();
      await link?.close();
    },
  };
}
