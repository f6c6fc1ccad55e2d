import { setTimeout as sleep } from 'node:timers/promises';
import { systemClock, type Clock } from '../../core/ports.js';
import type { IngestItemResult, PaymentRecord, PaymentRequest, RefundRecord, RefundRequest } from '../protocol/wire.js';
import type { CancelResult, IngestResult, PaymentResult, QueryResult, RefundResult, Rejected, Unknown, UnknownCause } from './results.js';
import { errorOf, signedAttempt, type Attempt } from './transport.js';

export interface GatewayClientOptions {
  baseUrl: string;
  terminalId: string;
  /** The terminal's HMAC key, provisioned through the gateway's admin API. */
  key: string;
  /** Per attempt. */
  timeoutMs?: number;
  /** Attempts per call, the first included; every retry resends the same key and body. */
  maxAttempts?: number;
  /** First backoff; doubles each retry, with jitter. */
  retryDelayMs?: number;
  clock?: Clock;
}

type Final = { type: 'answer'; status: number; body: unknown; attempts: number } | { type: 'unknown'; unknown: Unknown };

/**
 * The register's side of the wallet gateway. Every call is idempotent by the caller's key: a retry resends the
 * identical body (fresh signature, nonce and timestamp only), and the client never makes up a key. Outcomes are
 * typed so a caller can tell "not charged" (declined, rejected) from "must ask" (unknown).
 */
export class GatewayClient {
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly retryDelayMs: number;
  private readonly clock: Clock;

  constructor(private readonly opts: GatewayClientOptions) {
    this.timeoutMs = opts.timeoutMs ?? 5_000;
    this.maxAttempts = Math.max(1, opts.maxAttempts ?? 3);
    this.retryDelayMs = opts.retryDelayMs ?? 200;
    this.clock = opts.clock ?? systemClock;
  }

  async pay(request: PaymentRequest): Promise<PaymentResult> {
    const r = await this.call('POST', '/v1/payments', request, (status, code) => retryable(status, code));
    if (r.type === 'unknown') return r.unknown;
    if (r.status === 200) return paymentOutcome(r.body as PaymentRecord);
    const e = errorOf(r.body);
    if (r.status === 409 && e.code === 'ALREADY_CANCELLED') return { kind: 'declined', reason: e.code, message: e.message };
    return rejected(r.status, r.body);
  }

  async queryPayment(merchantPaymentId: string): Promise<QueryResult> {
    const r = await this.call('GET', `/v1/payments/${encodeURIComponent(merchantPaymentId)}`, undefined, (s, c) => retryable(s, c));
    if (r.type === 'unknown') return r.unknown;
    if (r.status === 200) return { kind: 'found', payment: r.body as PaymentRecord };
    if (r.status === 404) return { kind: 'not-found', message: errorOf(r.body).message };
    return rejected(r.status, r.body);
  }

  async cancelPayment(merchantPaymentId: string): Promise<CancelResult> {
    const r = await this.call('POST', `/v1/payments/${encodeURIComponent(merchantPaymentId)}/cancel`, {}, (s, c) => retryable(s, c));
    if (r.type === 'unknown') return r.unknown;
    if (r.status === 200) return { kind: 'cancelled', payment: r.body as PaymentRecord };
    const e = errorOf(r.body);
    if (e.code === 'RETRY_LATER') return { kind: 'retry-later', message: e.message, attempts: r.attempts };
    if (r.status === 409) return { kind: 'refused', code: e.code, message: e.message };
    return rejected(r.status, r.body);
  }

  async refund(request: RefundRequest): Promise<RefundResult> {
    const r = await this.call('POST', '/v1/refunds', request, (s, c) => retryable(s, c));
    if (r.type === 'unknown') return r.unknown;
    if (r.status === 200) {
      const refund = r.body as RefundRecord;
      return refund.status === 'COMPLETED' ? { kind: 'succeeded', refund } : { kind: 'declined', reason: refund.reason ?? 'FAILED', refund };
    }
    return rejected(r.status, r.body);
  }

  async queryRefund(merchantRefundId: string): Promise<{ kind: 'found'; refund: RefundRecord } | { kind: 'not-found'; message: string } | Rejected | Unknown> {
    const r = await this.call('GET', `/v1/refunds/${encodeURIComponent(merchantRefundId)}`, undefined, (s, c) => retryable(s, c));
    if (r.type === 'unknown') return r.unknown;
    if (r.status === 200) return { kind: 'found', refund: r.body as RefundRecord };
    if (r.status === 404) return { kind: 'not-found', message: errorOf(r.body).message };
    return rejected(r.status, r.body);
  }

  /** Back-office upload (issue 6): items are deduped by idempotencyKey; each gets its own verdict. */
  async ingestBatch(registerId: string, items: { idempotencyKey: string; topic: string; payload: unknown }[]): Promise<IngestResult> {
    const r = await this.call('POST', '/v1/ingest/batch', { registerId, items }, (s, c) => retryable(s, c));
    if (r.type === 'unknown') return r.unknown;
    if (r.status === 200) return { kind: 'ok', results: (r.body as { results: IngestItemResult[] }).results };
    return rejected(r.status, r.body);
  }

  /** Sends the same body up to maxAttempts times while the outcome is unknown or the gateway says "later". */
  private async call(method: string, path: string, body: unknown, retry: (status: number, code: string) => boolean): Promise<Final> {
    // Serialised once: every attempt carries byte-identical JSON, so the gateway's idempotency check matches.
    const bodyText = body === undefined ? '' : JSON.stringify(body);
    let last: Attempt | undefined;
    for (let n = 1; n <= this.maxAttempts; n++) {
      last = await signedAttempt({ ...this.opts, timeoutMs: this.timeoutMs, clock: this.clock }, method, path, bodyText);
      const again = last.type !== 'response' || retry(last.status, errorOf(last.body).code);
      if (!again) return { type: 'answer', status: (last as { status: number }).status, body: (last as { body: unknown }).body, attempts: n };
      if (n < this.maxAttempts) {
        const backoff = this.retryDelayMs * 2 ** (n - 1);
        const hinted = last.type === 'response' ? last.retryAfterMs : undefined;
        await sleep(Math.min(hinted ?? backoff, 30_000) * (0.5 + Math.random() / 2));
      }
    }
    // Out of attempts: a definite "retry later" is still an answer; anything else is unknown.
    if (last!.type === 'response' && errorOf(last!.body).code === 'RETRY_LATER') {
      return { type: 'answer', status: last!.status, body: last!.body, attempts: this.maxAttempts };
    }
    return { type: 'unknown', unknown: toUnknown(last!, this.maxAttempts) };
  }
}

function retryable(status: number, code: string): boolean {
  return status === 429 || status >= 500 || code === 'RETRY_LATER';
}

function toUnknown(last: Attempt, attempts: number): Unknown {
  let cause: UnknownCause;
  let message: string;
  if (last.type === 'timeout') {
    cause = 'timeout';
    message = last.message;
  } else if (last.type === 'network') {
    cause = last.refused ? 'connection-refused' : 'connection-dropped';
    message = last.message;
  } else {
    cause = last.status === 429 ? 'rate-limited' : last.status >= 500 ? 'server-error' : 'bad-response';
    message = `${last.status} ${errorOf(last.body).code}: ${errorOf(last.body).message}`;
  }
  return { kind: 'unknown', cause, message, attempts };
}

function rejected(status: number, body: unknown): Rejected {
  return { kind: 'rejected', status, ...errorOf(body) };
}

function paymentOutcome(payment: PaymentRecord): PaymentResult {
  switch (payment.status) {
    case 'COMPLETED':
      return { kind: 'succeeded', payment };
    case 'AUTHORIZING':
      return { kind: 'awaiting-user', payment };
    default:
      return { kind: 'declined', reason: payment.reason ?? payment.status, message: `payment ${payment.status}`, payment };
  }
}
