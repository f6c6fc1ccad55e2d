/**
 * Manager PIN checks with attempt limiting: after `maxFailures` consecutive failures for a staff id
 * it is locked for `lockMs` (clock injected), and attempts while locked are refused without looking at
 * the PIN. Every attempt, including refused ones, is reported through onAttempt for the audit log.
 *
 * Attempts for one staff id are checked one at a time, so firing many guesses at once cannot slip
 * past the limit while the slow hashes are running. Unknown staff ids cost the same hash (against a
 * dummy record) and are limited the same way, so they cannot be told apart by timing or lockout.
 * The counters live in memory and are restored at start from each staff id's last attempt in the audit log
 * (`restored`), so restarting the register neither unlocks an id nor resets its failure count.
 */
import type { Clock } from '../../core/ports.js';
import type {
  ManagerDirectory,
  ManagerPinVerifier,
  PinAttempt,
  PinAttemptOutcome,
  PinCheckResult,
  PinRecord,
} from '../../core/domain/limits/manager-pin.js';
import { DEFAULT_SCRYPT_COST, hashPin, pinMatches } from './pin-hasher.js';

export interface PinGateOptions {
  directory: ManagerDirectory;
  clock: Clock;
  onAttempt?: (attempt: PinAttempt) => void;
  maxFailures?: number;
  lockMs?: number;
  /** Checked against for unknown staff ids; made once, with the default cost, when absent. */
  dummyRecord?: PinRecord;
  /** Counters as the last run left them (from the audit log); expired locks and zero counts are ignored. */
  restored?: Iterable<{ staffId: string; failures: number; lockedUntil?: number }>;
}

interface Counter {
  failures: number;
  lockedUntil?: number;
}

export class PinGate implements ManagerPinVerifier {
  private readonly counters = new Map<string, Counter>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly maxFailures: number;
  private readonly lockMs: number;
  private dummy: Promise<PinRecord> | undefined;

  constructor(private readonly options: PinGateOptions) {
    this.maxFailures = options.maxFailures ?? 5;
    this.lockMs = options.lockMs ?? 5 * 60_000;
    if (options.dummyRecord) this.dummy = Promise.resolve(options.dummyRecord);
    const now = options.clock.now();
    for (const r of options.restored ?? []) {
      if (r.lockedUntil !== undefined && r.lockedUntil > now) this.counters.set(r.staffId, { failures: r.failures, lockedUntil: r.lockedUntil });
      else if (r.lockedUntil === undefined && r.failures > 0) this.counters.set(r.staffId, { failures: r.failures });
    }
  }

  verify(staffId: string, pin: string, purpose: string): Promise<PinCheckResult> {
    const previous = this.queues.get(staffId) ?? Promise.resolve();
    const run = previous.then(() => this.check(staffId, pin, purpose));
    const settled = run.catch(() => undefined);
    this.queues.set(staffId, settled);
    void settled.then(() => {
      if (this.queues.get(staffId) === settled) this.queues.delete(staffId);
    });
    return run;
  }

  /** Failures so far and any lock, for the manager console. */
  status(staffId: string): { failures: number; lockedUntil?: number } {
    const counter = this.current(staffId);
    return { ...counter };
  }

  private current(staffId: string): Counter {
    const counter = this.counters.get(staffId);
    if (counter?.lockedUntil !== undefined && this.options.clock.now() >= counter.lockedUntil) {
      this.counters.delete(staffId);
      return { failures: 0 };
    }
    return counter ?? { failures: 0 };
  }

  private async check(staffId: string, pin: string, purpose: string): Promise<PinCheckResult> {
    this.prune();
    const counter = this.current(staffId);
    if (counter.lockedUntil !== undefined) {
      const attempt = this.report(staffId, 'locked', counter, purpose);
      return { ok: false, reason: 'locked', attempt, lockedUntil: counter.lockedUntil };
    }
    const staff = this.options.directory.findStaff(staffId);
    const matched = await pinMatches(staff ? staff.pin : await this.dummyRecord(), pin);
    if (staff && matched) {
      this.counters.delete(staffId);
      if (staff.role !== 'manager') {
        const attempt = this.report(staffId, 'not-manager', { failures: 0 }, purpose);
        return { ok: false, reason: 'not-manager', attempt };
      }
      const attempt = this.report(staffId, 'ok', { failures: 0 }, purpose);
      return { ok: true, staff: { staffId: staff.staffId, name: staff.name, role: staff.role }, attempt };
    }
    // Read the counter again: the clock may have moved during the hash.
    const failures = this.current(staffId).failures + 1;
    const next: Counter = failures >= this.maxFailures ? { failures, lockedUntil: this.options.clock.now() + this.lockMs } : { failures };
    this.counters.set(staffId, next);
    const reason = staff ? 'wrong-pin' : 'unknown-staff';
    const attempt = this.report(staffId, reason, next, purpose);
    return next.lockedUntil !== undefined ? { ok: false, reason, attempt, lockedUntil: next.lockedUntil } : { ok: false, reason, attempt };
  }

  /**
   * Guessing with made-up ids must not grow memory without end: forget the unlocked counters of ids
   * that are not staff. Real staff counters are kept, so a flood of made-up ids cannot reset them.
   */
  private prune(): void {
    if (this.counters.size < 1000) return;
    const now = this.options.clock.now();
    for (const [id, c] of this.counters) {
      const unlocked = c.lockedUntil === undefined || now >= c.lockedUntil;
      if (unlocked && !this.options.directory.findStaff(id)) this.counters.delete(id);
    }
  }

  private dummyRecord(): Promise<PinRecord> {
    this.dummy ??= hashPin('00000000', DEFAULT_SCRYPT_COST);
    return this.dummy;
  }

  private report(staffId: string, outcome: PinAttemptOutcome, counter: Counter, purpose: string): PinAttempt {
    const attempt: PinAttempt = {
      staffId,
      at: this.options.clock.now(),
      outcome,
      failures: counter.failures,
      purpose,
      ...(counter.lockedUntil !== undefined ? { lockedUntil: counter.lockedUntil } : {}),
    };
    try {
      this.options.onAttempt?.(attempt);
    } catch {
      // The audit writer failing must not let the attempt through or lose the lockout; the caller still gets the result.
    }
    return attempt;
  }
}
