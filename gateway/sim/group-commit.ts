import type { GatewayDb } from './db.js';

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

interface Pending {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: the work of every request that arrived since the last commit runs in one IMMEDIATE transaction,
 * each request in its own savepoint, and all of them share that transaction's single fsync (synchronous=FULL is
 * kept). A caller's promise settles only after the COMMIT returned, so no answer is sent for data that is not
 * durable yet. With one request at a time this is the old one-transaction-per-request behaviour; under load the
 * requests read while the previous commit was syncing form the next group, so fsyncs per second stop capping
 * requests per second.
 *
 * A request whose work throws has its savepoint rolled back and gets the error; the others are unaffected. If the
 * COMMIT itself fails nothing of the group is durable, so every caller of the group gets that error.
 */
export class GroupCommit {
  private queue: Pending[] = [];
  private scheduled = false;
  private readonly inSavepoint: (work: () => unknown) => unknown;
  private readonly inTransaction: (batch: Pending[]) => Outcome[];

  constructor(
    private readonly db: GatewayDb,
    /** Bounds how long one group holds the event loop. */
    private readonly maxGroup = 200,
  ) {
    this.inSavepoint = db.transaction((work: () => unknown) => work());
    const all = db.transaction((batch: Pending[]): Outcome[] =>
      batch.map((p): Outcome => {
        // An I/O error can roll back the whole transaction; what follows must not run (and commit) on its own.
        if (!db.inTransaction) return { ok: false, error: new Error('the group transaction was rolled back by an earlier error') };
        try {
          return { ok: true, value: this.inSavepoint(p.work) };
        } catch (error) {
          return { ok: false, error };
        }
      }),
    );
    this.inTransaction = (batch) => all.immediate(batch);
  }

  /** Runs `work` inside the next group's transaction; settles once that transaction is committed. */
  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // setImmediate runs after the poll phase, so every request whose bytes arrived meanwhile joins this group.
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue.splice(0, this.maxGroup);
    if (this.queue.length > 0) this.schedule();
    if (batch.length === 0) return;
    let outcomes: Outcome[];
    try {
      outcomes = this.inTransaction(batch);
    } catch (error) {
      for (const p of batch) p.reject(error);
      return;
    }
    batch.forEach((p, i) => {
      const o = outcomes[i]!;
      if (o.ok) p.resolve(o.value);
      else p.reject(o.error);
    });
  }
}
