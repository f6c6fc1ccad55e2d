/**
 * Drives one wallet payment through the state machine against the Gateway port, the way real wallet
 * APIs must be used (the Alipay face-to-face habit): pay once; on a timeout or unknown answer query
 * every few seconds up to a deadline; then cancel; a cancel that cannot be confirmed is left as
 * CANCEL_UNKNOWN for the outbox to retry. The same key and parameters are reused on every retry;
 * a new payment is never sent while an outcome is unknown.
 */
import type { Clock } from '../ports.js';
import { SETTLED, transition, type Redemption } from './redemption-state.js';
import type { WalletGateway, WalletPayRequest } from './wallet-gateway.js';

export interface RedemptionStore {
  /** Durably records the redemption (insert or update) before the caller goes on. */
  save(redemption: Redemption): void;
  get(merchantPaymentId: string): Redemption | undefined;
  /** Redemptions not settled yet (after a restart: resume them). */
  unresolved(): Redemption[];
}

export interface RedemptionPolicy {
  /** Time between status queries while the outcome is unknown or awaiting the customer. */
  queryIntervalMs: number;
  /** From the first request until the register gives up and cancels. */
  deadlineMs: number;
}

export const DEFAULT_REDEMPTION_POLICY: RedemptionPolicy = { queryIntervalMs: 3000, deadlineMs: 60_000 };

export interface RedemptionDeps {
  gateway: WalletGateway;
  store: RedemptionStore;
  clock: Clock;
  /** Waits ms (injected so tests advance a fake clock instead of sleeping). */
  sleep: (ms: number) => Promise<void>;
  policy?: RedemptionPolicy;
  onChange?: (redemption: Redemption) => void;
}

export class WalletRedemptions {
  private readonly aborted = new Set<string>();
  private readonly policy: RedemptionPolicy;

  constructor(private readonly deps: RedemptionDeps) {
    this.policy = deps.policy ?? DEFAULT_REDEMPTION_POLICY;
  }

  /** Creates the payment row (persisted before any request) and drives it until its outcome is known or parked. */
  async pay(request: Omit<WalletPayRequest, 'requestedAt'>): Promise<Redemption> {
    if (this.deps.store.get(request.merchantPaymentId)) {
      throw new Error(`wallet payment ${request.merchantPaymentId} exists already: resume it, never pay again under the same key`);
    }
    const now = this.deps.clock.now();
    const created: Redemption = {
      ...request,
      state: 'NEW',
      createdAt: now,
      updatedAt: now,
      deadlineAt: now + this.policy.deadlineMs,
      attempts: 0,
    };
    this.save(created);
    return this.drive(created);
  }

  /** The cashier gives up waiting: the payment is cancelled (never left to succeed silently). */
  abort(merchantPaymentId: string): void {
    this.aborted.add(merchantPaymentId);
  }

  /** Continues a redemption found unsettled after a restart (or a CANCEL_UNKNOWN from the outbox). */
  async resume(merchantPaymentId: string): Promise<Redemption> {
    const r = this.deps.store.get(merchantPaymentId);
    if (!r) throw new Error(`no wallet payment ${merchantPaymentId}`);
    return this.drive(r);
  }

  /** Refunds a succeeded payment with its own idempotency key. */
  async refund(merchantPaymentId: string, merchantRefundId: string): Promise<Redemption> {
    const r = this.deps.store.get(merchantPaymentId);
    if (!r || r.state !== 'SUCCEEDED') throw new Error(`wallet payment ${merchantPaymentId} is not a succeeded payment (${r?.state ?? 'missing'})`);
    const answer = await this.deps.gateway.refund({ merchantRefundId, merchantPaymentId, amount: r.amount });
    if (answer.outcome === 'refunded') return this.save(transition(r, 'REFUNDED', this.deps.clock.now()));
    throw new Error(`refund of ${merchantPaymentId} ${answer.outcome}: ${'reason' in answer ? answer.reason : answer.error}`);
  }

  private async drive(start: Redemption): Promise<Redemption> {
    let r = start;
    if (r.state === 'NEW') r = await this.submit(r);
    // A crash between persisting SUBMITTING and the answer: the request may have arrived. Query, never resend.
    if (r.state === 'SUBMITTING') {
      r = this.save(transition(r, 'UNKNOWN', this.deps.clock.now(), { lastError: 'interrupted while submitting (restart)' }));
    }
    while (r.state === 'UNKNOWN' || r.state === 'AWAITING_USER') {
      if (this.aborted.has(r.merchantPaymentId) || this.deps.clock.now() >= r.deadlineAt) {
        r = this.save(transition(r, 'CANCELLING', this.deps.clock.now()));
        break;
      }
      await this.deps.sleep(this.policy.queryIntervalMs);
      r = await this.query(r);
    }
    if (r.state === 'CANCELLING' || r.state === 'CANCEL_UNKNOWN') r = await this.cancel(r);
    if (SETTLED.has(r.state)) this.aborted.delete(r.merchantPaymentId);
    return r;
  }

  private async submit(r0: Redemption): Promise<Redemption> {
    const r = this.save(transition(r0, 'SUBMITTING', this.deps.clock.now(), { attempts: r0.attempts + 1 }));
    const answer = await this.deps.gateway.pay({
      merchantPaymentId: r.merchantPaymentId,
      code: r.code,
      amount: r.amount,
      terminalId: r.terminalId,
      categoryTotals: r.categoryTotals,
      requestedAt: r.createdAt,
    });
    const at = this.deps.clock.now();
    switch (answer.outcome) {
      case 'succeeded':
        return this.save(transition(r, 'SUCCEEDED', at, { paymentId: answer.paymentId, walletId: answer.walletId }));
      case 'declined':
        return this.save(transition(r, 'FAILED', at, { failureCode: answer.code, failureReason: answer.reason }));
      case 'awaiting-user':
        return this.save(transition(r, 'AWAITING_USER', at));
      case 'unknown':
        return this.save(transition(r, 'UNKNOWN', at, { lastError: answer.error }));
    }
  }

  private async query(r: Redemption): Promise<Redemption> {
    const answer = await this.deps.gateway.query(r.merchantPaymentId);
    const at = this.deps.clock.now();
    const attempts = r.attempts + 1;
    switch (answer.outcome) {
      case 'succeeded':
        return this.save(transition(r, 'SUCCEEDED', at, { attempts, paymentId: answer.paymentId, walletId: answer.walletId }));
      case 'failed':
        return this.save(transition(r, 'FAILED', at, { attempts, failureCode: answer.code, failureReason: answer.reason }));
      case 'cancelled':
        // Cancelled by an earlier attempt (before a restart, say): recorded as what the gateway says it became.
        return this.save(transition(transition(r, 'CANCELLING', at), answer.reversed ? 'REVERSED' : 'VOIDED', at, { attempts }));
      case 'awaiting-user':
        return this.save(transition(r, 'AWAITING_USER', at, { attempts }));
      case 'not-found':
        // The request may still be in flight: keep querying until the deadline, then cancel
        // (a cancel of an unknown key makes the gateway refuse a late arrival).
        return this.save(transition(r, 'UNKNOWN', at, { attempts, lastError: 'gateway has no record of it yet' }));
      case 'unknown':
        return this.save(transition(r, 'UNKNOWN', at, { attempts, lastError: answer.error }));
    }
  }

  private async cancel(r0: Redemption): Promise<Redemption> {
    const r = r0.state === 'CANCEL_UNKNOWN' ? this.save(transition(r0, 'CANCELLING', this.deps.clock.now())) : r0;
    const answer = await this.deps.gateway.cancel(r.merchantPaymentId);
    const at = this.deps.clock.now();
    const attempts = r.attempts + 1;
    switch (answer.outcome) {
      case 'voided':
        return this.save(transition(r, 'VOIDED', at, { attempts }));
      case 'reversed':
        return this.save(transition(r, 'REVERSED', at, { attempts }));
      case 'retry-later':
      case 'refused':
        return this.save(transition(r, 'CANCEL_UNKNOWN', at, { attempts, lastError: answer.reason }));
      case 'unknown':
        return this.save(transition(r, 'CANCEL_UNKNOWN', at, { attempts, lastError: answer.error }));
    }
  }

  private save(r: Redemption): Redemption {
    this.deps.store.save(r);
    this.deps.onChange?.(r);
    return r;
  }
}
