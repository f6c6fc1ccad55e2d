/**
 * The host a scenario runs against: the same startHost as `regi serve --simulator`, in a child process of its own,
 * with one difference: its clock is a real clock plus an offset the runner can move forward over the IPC channel
 * (`{type:'advance', ms}`), so "advance the clock 25 h" reaches the register's limits and the in-process sandbox
 * gateway (codes, fraud windows) alike. `regi serve --clock-start` only fixes the start; nothing advances it.
 *
 * Usage (by tester/scenario/host-child.ts): node --import tsx tester/scenario/scenario-host.ts DATA_DIR
 * Prints `REGI_READY {"url","port","token"}` once listening.
 */
import { systemClock, type Clock } from '../../core/ports.js';
import { startHost } from '../../host/start-host.js';

export interface AdvanceMessage {
  type: 'advance';
  id: number;
  ms: number;
}
export interface AdvancedMessage {
  type: 'advanced';
  id: number;
  now: number;
}

class AdvancingClock implements Clock {
  offsetMs = 0;
  now(): number {
    return systemClock.now() + this.offsetMs;
  }
}

async function main(): Promise<void> {
  const dataDir = process.argv[2];
  if (!dataDir) throw new Error('usage: scenario-host.ts DATA_DIR');
  const clock = new AdvancingClock();
  const host = await startHost({
    dataDir,
    port: 0,
    mode: 'simulator',
    simulatedScanners: 0,
    clock,
    // Scenarios run many payments: the wallet's unknown-outcome handling is kept short so a fault plays out in
    // seconds, with the same state machine and retries as the defaults.
    wallet: { policy: { queryIntervalMs: 300, deadlineMs: 8_000 }, client: { timeoutMs: 1_500, maxAttempts: 3, retryDelayMs: 100 } },
    sync: { timeoutMs: 1_500, baseDelayMs: 200, maxDelayMs: 1_000, idleIntervalMs: 500 },
  });
  process.on('message', (raw: unknown) => {
    const message = raw as Partial<AdvanceMessage>;
    if (message.type !== 'advance' || typeof message.ms !== 'number' || !Number.isFinite(message.ms) || message.ms < 0) return;
    clock.offsetMs += message.ms;
    process.send?.({ type: 'advanced', id: message.id ?? 0, now: clock.now() } satisfies AdvancedMessage);
  });
  const stop = (): void => {
    void host.close().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('disconnect', stop);
  console.log(`REGI_READY ${JSON.stringify({ url: host.url, port: host.port, token: host.token })}`);
}

main().catch((error: unknown) => {
  console.error(`scenario host: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  process.exit(1);
});
