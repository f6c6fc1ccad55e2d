import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BackOfficeUnavailableError, type BackOffice, type Outbox, type OutboxEntry, type OutboxState, type UploadResult } from './outbox-ports.js';
import { OutboxWorker } from './outbox-worker.js';

/** The Outbox port's contract in memory (db/ has the SQLite one, tested against the same behaviour). */
class MemoryOutbox implements Outbox {
  rows: OutboxEntry[] = [];
  add(key: string, payload: unknown = { key }) {
    this.rows.push({ id: this.rows.length + 1, topic: 'sale.upload', idempotencyKey: key, payload: JSON.stringify(payload), createdAt: 0, attempts: 0, state: 'pending', nextAttemptAt: 0, lastError: null });
  }
  due(now: number, limit: number) {
    return this.rows.filter((r) => r.state === 'pending' && r.nextAttemptAt <= now).slice(0, limit);
  }
  markSent(ids: readonly number[]) {
    for (const r of this.rows) if (ids.includes(r.id)) r.state = 'sent';
  }
  markRetry(id: number, error: string, next: number) {
    const r = this.rows.find((x) => x.id === id)!;
    r.attempts++;
    r.lastError = error;
    r.nextAttemptAt = next;
  }
  park(id: number, reason: string) {
    const r = this.rows.find((x) => x.id === id)!;
    r.state = 'parked';
    r.lastError = reason;
  }
  retryNow(now: number, includeParked: boolean) {
    let n = 0;
    for (const r of this.rows) {
      if (r.state === 'pending' || (includeParked && r.state === 'parked')) {
        r.state = 'pending';
        r.nextAttemptAt = now;
        n++;
      }
    }
    return n;
  }
  stats() {
    const count = (s: OutboxState) => this.rows.filter((r) => r.state === s).length;
    return { pending: count('pending'), parked: count('parked'), sent: count('sent'), oldestPendingAt: null };
  }
  list() {
    return this.rows;
  }
}

class RecordingBackOffice implements BackOffice {
  seen = new Set<string>();
  down = false;
  uploads: string[][] = [];
  async uploadBatch(_registerId: string, items: readonly { idempotencyKey: string; payload: unknown }[]): Promise<UploadResult[]> {
    if (this.down) throw new BackOfficeUnavailableError('connect ECONNREFUSED');
    this.uploads.push(items.map((i) => i.idempotencyKey));
    return items.map((i) => {
      if ((i.payload as { poison?: boolean }).poison) return { idempotencyKey: i.idempotencyKey, status: 'rejected', reason: 'total: must be an integer' };
      const dup = this.seen.has(i.idempotencyKey);
      this.seen.add(i.idempotencyKey);
      return { idempotencyKey: i.idempotencyKey, status: dup ? 'duplicate' : 'accepted' };
    });
  }
}

function setup(batchSize = 2) {
  const outbox = new MemoryOutbox();
  const backOffice = new RecordingBackOffice();
  let now = 0;
  const worker = new OutboxWorker({ outbox, backOffice, registerId: 'R1', clock: { now: () => now }, random: () => 0.5, batchSize, baseDelayMs: 1000, maxDelayMs: 8000 });
  return { outbox, backOffice, worker, advance: (ms: number) => (now += ms) };
}

describe('outbox worker', () => {
  test('drains in batches, oldest first', async () => {
    const { outbox, backOffice, worker } = setup();
    for (const k of ['a', 'b', 'c']) outbox.add(k);
    const pass = await worker.runPass();
    assert.equal(pass.sent, 3);
    assert.deepEqual(backOffice.uploads, [['a', 'b'], ['c']]);
    assert.equal(outbox.stats().pending, 0);
    assert.equal(worker.status().online, true);
  });

  test('a poison row is parked with its reason and does not block the rows behind it', async () => {
    const { outbox, worker } = setup();
    outbox.add('bad', { poison: true });
    outbox.add('good');
    const pass = await worker.runPass();
    assert.equal(pass.parked, 1);
    assert.equal(pass.sent, 1);
    assert.equal(outbox.rows[0]!.lastError, 'total: must be an integer');
  });

  test('offline: rows stay pending with the error, backoff grows with jitter, queue drains when back', async () => {
    const { outbox, backOffice, worker, advance } = setup();
    outbox.add('a');
    backOffice.down = true;
    const first = await worker.runPass();
    assert.equal(first.failed, 1);
    assert.equal(worker.status().online, false);
    assert.equal(outbox.rows[0]!.lastError, 'connect ECONNREFUSED');
    assert.equal((await worker.runPass()).failed, 0, 'not due yet: no hammering');
    advance(first.nextDelayMs);
    const second = await worker.runPass();
    assert.ok(second.nextDelayMs > first.nextDelayMs, 'backoff grows');
    backOffice.down = false;
    advance(60_000);
    assert.equal((await worker.runPass()).sent, 1);
    assert.equal(worker.status().online, true);
    assert.equal(outbox.stats().pending, 0);
  });

  test('backoff is capped and jittered within [half, full] of the exponential step', () => {
    const { worker } = setup();
    assert.equal(worker.backoffMs(1), 750);
    assert.equal(worker.backoffMs(2), 1500);
    assert.equal(worker.backoffMs(10), 6000);
  });

  test('a resend after a lost answer is a duplicate, not a second sale', async () => {
    const { outbox, backOffice, worker } = setup();
    outbox.add('a');
    backOffice.seen.add('a');
    const pass = await worker.runPass();
    assert.equal(pass.duplicates, 1);
    assert.equal(outbox.stats().sent, 1);
  });
});
