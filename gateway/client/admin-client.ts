import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FraudEventView, GatewayInfo, LedgerEntry, Reconciliation, WalletView } from '../protocol/admin-wire.js';
import type { PaymentRecord } from '../protocol/wire.js';

export type { FraudEventView, GatewayInfo, LedgerEntry, Reconciliation, WalletView };
import { attempt, errorOf } from './transport.js';

export class GatewayAdminError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'GatewayAdminError';
  }
}

/** Reads <dataDir>/gateway.json written by a running gateway; the error says what was looked for. */
export function readGatewayInfo(dataDir: string): GatewayInfo {
  const file = join(dataDir, 'gateway.json');
  let value: Partial<GatewayInfo>;
  try {
    value = JSON.parse(readFileSync(file, 'utf8')) as Partial<GatewayInfo>;
  } catch (error) {
    throw new Error(`cannot read ${file} (is \`regi gateway --data ${dataDir}\` running?): ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof value.url !== 'string' || typeof value.adminToken !== 'string') throw new Error(`${file} lacks url or adminToken`);
  return value as GatewayInfo;
}

/** The gateway's admin API (tests, CLI, tester panel): wallets, terminals, rules, faults, clock. */
export class GatewayAdminClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly timeoutMs = 10_000,
  ) {}

  createWallet(input: { balance: number; name?: string; fundingSource?: string }): Promise<WalletView> {
    return this.request('POST', '/admin/wallets', input);
  }
  wallet(walletId: string): Promise<WalletView> {
    return this.request('GET', `/admin/wallets/${encodeURIComponent(walletId)}`);
  }
  async ledger(walletId: string): Promise<LedgerEntry[]> {
    return (await this.request<{ entries: LedgerEntry[] }>('GET', `/admin/wallets/${encodeURIComponent(walletId)}/ledger`)).entries;
  }
  code(walletId: string, deviceNo?: number): Promise<{ code: string; deviceNo: number; expiresAt: number }> {
    const q = deviceNo === undefined ? '' : `?device=${deviceNo}`;
    return this.request('GET', `/admin/wallets/${encodeURIComponent(walletId)}/code${q}`);
  }
  addDevice(walletId: string): Promise<WalletView> {
    return this.request('POST', `/admin/wallets/${encodeURIComponent(walletId)}/devices`, {});
  }
  topUp(walletId: string, amount: number, source: string): Promise<WalletView> {
    return this.request('POST', `/admin/wallets/${encodeURIComponent(walletId)}/topups`, { amount, source });
  }
  freeze(walletId: string, frozen = true): Promise<WalletView> {
    return this.request('POST', `/admin/wallets/${encodeURIComponent(walletId)}/${frozen ? 'freeze' : 'unfreeze'}`, {});
  }
  provisionTerminal(terminalId: string, key?: string): Promise<{ terminalId: string; key: string }> {
    return this.request('POST', '/admin/terminals', key === undefined ? { terminalId } : { terminalId, key });
  }
  rules(): Promise<Record<string, unknown>> {
    return this.request('GET', '/admin/rules');
  }
  setRules(patch: Record<string, unknown>): Promise<Record<string, unknown>> {
    return this.request('PUT', '/admin/rules', patch);
  }
  injectFault(spec: Record<string, unknown>): Promise<Record<string, unknown>> {
    return this.request('POST', '/admin/faults', spec);
  }
  clearFaults(): Promise<{ cleared: number }> {
    return this.request('DELETE', '/admin/faults');
  }
  setClockOffset(offsetMs: number): Promise<{ now: number; offsetMs: number }> {
    return this.request('POST', '/admin/clock', { offsetMs });
  }
  /** The customer's answer in the app for an AUTHORIZING payment. */
  confirmPayment(merchantPaymentId: string, approve: boolean): Promise<PaymentRecord> {
    return this.request('POST', `/admin/payments/${encodeURIComponent(merchantPaymentId)}/confirm`, { approve });
  }
  payment(merchantPaymentId: string): Promise<PaymentRecord & { charges: number }> {
    return this.request('GET', `/admin/payments/${encodeURIComponent(merchantPaymentId)}`);
  }
  async fraudEvents(rule?: string, limit = 100): Promise<FraudEventView[]> {
    const q = `?limit=${limit}${rule === undefined ? '' : `&rule=${encodeURIComponent(rule)}`}`;
    return (await this.request<{ events: FraudEventView[] }>('GET', `/admin/fraud-events${q}`)).events;
  }
  reconcile(): Promise<Reconciliation> {
    return this.request('GET', '/admin/reconcile');
  }
  ingestStats(): Promise<{ stored: number; byTopic: Record<string, number>; accepted: number; duplicates: number; rejected: number; registers: number }> {
    return this.request('GET', '/admin/ingest/stats');
  }
  async ingestItems(topic?: string): Promise<{ idempotencyKey: string; registerId: string; topic: string; payload: unknown }[]> {
    const q = topic === undefined ? '' : `?topic=${encodeURIComponent(topic)}`;
    return (await this.request<{ items: { idempotencyKey: string; registerId: string; topic: string; payload: unknown }[] }>('GET', `/admin/ingest/items${q}`)).items;
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const r = await attempt(`${this.baseUrl}${path}`, method, headers, body === undefined ? undefined : JSON.stringify(body), this.timeoutMs);
    if (r.type !== 'response') throw new GatewayAdminError(0, r.type.toUpperCase(), `${method} ${this.baseUrl}${path}: ${r.message} (is the gateway running?)`);
    if (r.status >= 300) {
      const e = errorOf(r.body);
      throw new GatewayAdminError(r.status, e.code, `${method} ${path}: ${r.status} ${e.code}: ${e.message}`);
    }
    return r.body as T;
  }
}
