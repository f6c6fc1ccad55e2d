import { z } from 'zod';
import { ingestBatchSchema, paymentRequestSchema, refundRequestSchema } from '../protocol/wire.js';
import { faultSpecSchema, type FaultBox } from './faults.js';
import type { GatewayDb } from './db.js';
import { GatewayError } from './errors.js';
import { parseJsonBody, type Reply } from './http-util.js';
import type { Ingest } from './ingest.js';
import type { Payments } from './payments.js';
import { loadRules, rulesPatchSchema, updateRules } from './rules.js';
import type { Terminals } from './terminals.js';
import type { Wallets } from './wallets.js';

export interface RouteContext {
  params: string[];
  body: Buffer;
  query: URLSearchParams;
  /** The verified signing terminal, on /v1 routes. */
  terminalId: string;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  pattern: RegExp;
  auth: 'terminal' | 'admin' | 'none';
  /** Marks the cancel route, which the cancel-retry-later fault targets. */
  cancel?: boolean;
  handle(ctx: RouteContext): Reply;
}

export interface Services {
  db: GatewayDb;
  wallets: Wallets;
  payments: Payments;
  terminals: Terminals;
  ingest: Ingest;
  faults: FaultBox;
  now(): number;
  clockOffset: { get(): number; set(offsetMs: number): void };
  /** Closes the listener for a while (the refuse-connections fault). */
  refuseConnections(durationMs: number): void;
}

const ID = '([^/]+)';
const ok = (body: unknown, status = 200): Reply => ({ status, body });
const walletCreateSchema = z.strictObject({
  balance: z.number().int().nonnegative().max(100_000_000),
  name: z.string().min(1).max(100).optional(),
  fundingSource: z.string().min(1).max(100).optional(),
});
const topUpSchema = z.strictObject({ amount: z.number().int().positive().max(100_000_000), source: z.string().min(1).max(100) });
const terminalSchema = z.strictObject({
  terminalId: z.string().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash, underscore'),
  key: z.string().min(16).max(256).optional(),
});
const clockSchema = z.strictObject({ offsetMs: z.number().int() });
const confirmSchema = z.strictObject({ approve: z.boolean() });
const empty = z.strictObject({});

function intQuery(query: URLSearchParams, name: string, fallback: number, max: number): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) > max) throw new GatewayError(400, 'INVALID_REQUEST', `${name}: must be a whole number up to ${max}, got "${raw}"`);
  return Number(raw);
}

export function buildRoutes(s: Services): Route[] {
  const r = (method: Route['method'], path: string, auth: Route['auth'], handle: Route['handle'], cancel = false): Route => ({
    method,
    pattern: new RegExp(`^${path}$`),
    auth,
    handle,
    cancel,
  });
  return [
    r('GET', '/v1/health', 'none', () => ok({ ok: true, now: s.now() })),
    r('POST', '/v1/payments', 'terminal', (c) => ok(s.payments.pay(parseJsonBody(paymentRequestSchema, c.body), c.terminalId))),
    r('GET', `/v1/payments/${ID}`, 'terminal', (c) => ok(s.payments.get(c.params[0]!, c.terminalId))),
    r(
      'POST',
      `/v1/payments/${ID}/cancel`,
      'terminal',
      (c) => {
        parseJsonBody(empty, c.body);
        return ok(s.payments.cancel(c.params[0]!, c.terminalId));
      },
      true,
    ),
    r('POST', '/v1/refunds', 'terminal', (c) => ok(s.payments.refund(parseJsonBody(refundRequestSchema, c.body), c.terminalId))),
    r('GET', `/v1/refunds/${ID}`, 'terminal', (c) => ok(s.payments.getRefund(c.params[0]!, c.terminalId))),
    r('POST', '/v1/ingest/batch', 'terminal', (c) => {
      const batch = parseJsonBody(ingestBatchSchema, c.body);
      if (batch.registerId !== c.terminalId) {
        throw new GatewayError(403, 'TERMINAL_MISMATCH', `registerId ${batch.registerId} does not match the signing terminal ${c.terminalId}`);
      }
      return ok({ results: s.ingest.accept(batch.registerId, batch.items) });
    }),

    r('POST', '/admin/wallets', 'admin', (c) => ok(s.wallets.create(parseJsonBody(walletCreateSchema, c.body)), 201)),
    r('GET', `/admin/wallets/${ID}`, 'admin', (c) => ok(s.wallets.get(c.params[0]!))),
    r('GET', `/admin/wallets/${ID}/ledger`, 'admin', (c) => ok({ entries: s.wallets.ledger(c.params[0]!) })),
    r('GET', `/admin/wallets/${ID}/code`, 'admin', (c) => {
      const device = c.query.get('device');
      return ok(s.wallets.currentCode(c.params[0]!, device === null ? undefined : intQuery(c.query, 'device', 1, 9_999_999)));
    }),
    r('POST', `/admin/wallets/${ID}/devices`, 'admin', (c) => (parseJsonBody(empty, c.body), ok(s.wallets.addDevice(c.params[0]!), 201))),
    r('POST', `/admin/wallets/${ID}/topups`, 'admin', (c) => {
      const t = parseJsonBody(topUpSchema, c.body);
      return ok(s.wallets.topUp(c.params[0]!, t.amount, t.source));
    }),
    r('POST', `/admin/wallets/${ID}/freeze`, 'admin', (c) => (parseJsonBody(empty, c.body), ok(s.wallets.setFrozen(c.params[0]!, true)))),
    r('POST', `/admin/wallets/${ID}/unfreeze`, 'admin', (c) => (parseJsonBody(empty, c.body), ok(s.wallets.setFrozen(c.params[0]!, false)))),
    r('POST', '/admin/terminals', 'admin', (c) => {
      const t = parseJsonBody(terminalSchema, c.body);
      return ok(s.terminals.provision(t.terminalId, t.key), 201);
    }),
    r('GET', '/admin/terminals', 'admin', () => ok({ terminals: s.terminals.list() })),
    r('GET', '/admin/rules', 'admin', () => ok(loadRules(s.db))),
    r('PUT', '/admin/rules', 'admin', (c) => ok(updateRules(s.db, parseJsonBody(rulesPatchSchema, c.body)))),
    r('GET', '/admin/faults', 'admin', () => ok({ faults: s.faults.list() })),
    r('POST', '/admin/faults', 'admin', (c) => {
      const spec = parseJsonBody(faultSpecSchema, c.body);
      if (spec.kind === 'refuse-connections') {
        s.refuseConnections(spec.durationMs!);
        return ok({ kind: spec.kind, durationMs: spec.durationMs }, 201);
      }
      return ok(s.faults.add(spec, s.now()), 201);
    }),
    r('DELETE', '/admin/faults', 'admin', () => ok({ cleared: s.faults.clear() })),
    r('GET', '/admin/clock', 'admin', () => ok({ now: s.now(), offsetMs: s.clockOffset.get() })),
    r('POST', '/admin/clock', 'admin', (c) => {
      s.clockOffset.set(parseJsonBody(clockSchema, c.body).offsetMs);
      return ok({ now: s.now(), offsetMs: s.clockOffset.get() });
    }),
    r('GET', `/admin/payments/${ID}`, 'admin', (c) => ok({ ...s.payments.get(c.params[0]!), charges: s.payments.chargeCount(c.params[0]!) })),
    r('POST', `/admin/payments/${ID}/confirm`, 'admin', (c) => ok(s.payments.confirm(c.params[0]!, parseJsonBody(confirmSchema, c.body).approve))),
    r('GET', '/admin/fraud-events', 'admin', (c) => {
      const limit = intQuery(c.query, 'limit', 100, 10_000);
      const rule = c.query.get('rule');
      const rows = (
        rule === null
          ? s.db.prepare('SELECT * FROM fraud_events ORDER BY id DESC LIMIT ?').all(limit)
          : s.db.prepare('SELECT * FROM fraud_events WHERE rule = ? ORDER BY id DESC LIMIT ?').all(rule, limit)
      ) as { id: number; at: number; rule: string; decision: string; wallet_id: string | null; terminal_id: string | null; ref: string | null; detail: string }[];
      return ok({
        events: rows.map((e) => ({
          id: e.id,
          at: e.at,
          rule: e.rule,
          decision: e.decision,
          walletId: e.wallet_id,
          terminalId: e.terminal_id,
          ref: e.ref,
          detail: JSON.parse(e.detail) as unknown,
        })),
      });
    }),
    r('GET', '/admin/reconcile', 'admin', () => ok(s.wallets.reconcile())),
    r('GET', '/admin/ingest/stats', 'admin', () => ok(s.ingest.stats())),
    r('GET', '/admin/ingest/items', 'admin', (c) => {
      const topic = c.query.get('topic');
      if (topic !== null && !['sale.upload', 'refund.upload', 'audit.upload'].includes(topic)) {
        throw new GatewayError(400, 'INVALID_REQUEST', `topic: unknown topic "${topic}"`);
      }
      return ok({ items: s.ingest.items((topic ?? undefined) as Parameters<Ingest['items']>[0]) });
    }),
  ];
}
