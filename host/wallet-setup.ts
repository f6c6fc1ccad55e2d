/**
 * Wires wallet barcode payments into a host: the gateway link's terminal credentials become a signed
 * GatewayClient behind core's WalletGateway port, the register's SQLite tables become the redemption store
 * and wallet sale committer, and the resolver resumes and retries what a restart or a lost cancel left open.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { Clock, SaleJournal } from '../core/ports.js';
import type {
  WalletCancelOutcome,
  WalletGateway,
  WalletPayOutcome,
  WalletPayRequest,
  WalletQueryOutcome,
  WalletRefundOutcome,
} from '../core/payments/wallet-gateway.js';
import type { RedemptionPolicy } from '../core/payments/wallet-redemption.js';
import { WalletTender } from '../core/payments/wallet-tender.js';
import { SqliteRedemptionStore } from '../db/redemption-store.js';
import type { SqliteDatabase } from '../db/open-database.js';
import { SqliteWalletSales } from '../db/wallet-sales.js';
import { GatewayAdminClient } from '../gateway/client/admin-client.js';
import { GatewayClient } from '../gateway/client/gateway-client.js';
import { attempt } from '../gateway/client/transport.js';
import { HttpWalletGateway } from '../gateway/client/wallet-gateway-adapter.js';
import type { GatewayLink, TerminalCredentials } from './back-office-setup.js';
import { WalletResolver, type WalletResolverOptions } from './wallet-resolver.js';

export interface WalletClientTuning {
  /** Per HTTP attempt (default 5000). */
  timeoutMs?: number;
  /** Attempts per call with the same key and body (default 3). */
  maxAttempts?: number;
  retryDelayMs?: number;
  /** Reachability probe before taking a code (default 2000). */
  probeTimeoutMs?: number;
}

export interface WalletSetupOptions {
  link: GatewayLink | null;
  db: SqliteDatabase;
  /** The journal sales commit through (limits' version-recording journal in the host). */
  journal: SaleJournal;
  registerId: string;
  clock: Clock;
  policy?: RedemptionPolicy;
  client?: WalletClientTuning;
  resolver?: WalletResolverOptions;
  /** Admin token of an external gateway (simulator mode tester controls); the in-process sandbox needs none. */
  adminToken?: string;
  newId?: () => string;
  /** Waits between status queries; tests pass one that advances a fake clock. */
  sleep?: (ms: number) => Promise<void>;
}

export interface WalletSetup {
  /** Absent without a gateway link (production without --gateway): the register then refuses wallet codes. */
  tender: WalletTender | undefined;
  store: SqliteRedemptionStore;
  sales: SqliteWalletSales;
  /** The gateway's admin API (simulator tester panel); null when this host has no admin token. */
  admin: GatewayAdminClient | null;
  resolver: WalletResolver | null;
  /** Resumes what a restart left open and starts the cancel retry timer. */
  start(): void;
  close(): Promise<void>;
}

export function setupWallet(options: WalletSetupOptions): WalletSetup {
  const store = new SqliteRedemptionStore(options.db);
  const sales = new SqliteWalletSales(options.db, options.journal, store);
  const link = options.link;
  if (!link) {
    return { tender: undefined, store, sales, admin: null, resolver: null, start: () => {}, close: async () => {} };
  }
  const gateway = new LinkedWalletGateway(link, options.clock, options.client ?? {});
  const tender = new WalletTender({
    gateway,
    store,
    committer: sales,
    refunds: sales,
    terminalId: options.registerId,
    registerId: options.registerId,
    clock: options.clock,
    newId: options.newId ?? randomUUID,
    sleep: options.sleep ?? ((ms) => delay(ms)),
    ...(options.policy ? { policy: options.policy } : {}),
    reachable: () => gateway.reachable(),
  });
  const adminToken = link.sandbox?.adminToken ?? options.adminToken;
  const admin = adminToken === undefined ? null : new GatewayAdminClient(link.url, adminToken, 5_000);
  const resolver = new WalletResolver(tender, options.resolver ?? {});
  return {
    tender,
    store,
    sales,
    admin,
    resolver,
    start: () => resolver.start(),
    close: () => resolver.stop(),
  };
}

/**
 * WalletGateway over the link: credentials are fetched per use (provisioning may happen lazily), and a failure to
 * get them is an unknown outcome for pay (nothing was sent, but the caller must not guess) and "not reachable"
 * for the probe, so the cashier is told to take cash.
 */
class LinkedWalletGateway implements WalletGateway {
  private cached: { key: string; gateway: HttpWalletGateway } | null = null;

  constructor(
    private readonly link: GatewayLink,
    private readonly clock: Clock,
    private readonly tuning: WalletClientTuning,
  ) {}

  async reachable(): Promise<boolean> {
    try {
      await this.link.credentials();
    } catch {
      return false;
    }
    const r = await attempt(`${this.link.url}/v1/health`, 'GET', {}, undefined, this.tuning.probeTimeoutMs ?? 2_000);
    return r.type === 'response' && r.status === 200;
  }

  private async gateway(): Promise<HttpWalletGateway> {
    const c: TerminalCredentials = await this.link.credentials();
    if (this.cached?.key !== `${c.gatewayUrl} ${c.terminalId} ${c.key}`) {
      const client = new GatewayClient({
        baseUrl: c.gatewayUrl,
        terminalId: c.terminalId,
        key: c.key,
        clock: this.clock,
        timeoutMs: this.tuning.timeoutMs ?? 5_000,
        maxAttempts: this.tuning.maxAttempts ?? 3,
        ...(this.tuning.retryDelayMs === undefined ? {} : { retryDelayMs: this.tuning.retryDelayMs }),
      });
      this.cached = { key: `${c.gatewayUrl} ${c.terminalId} ${c.key}`, gateway: new HttpWalletGateway(client) };
    }
    return this.cached.gateway;
  }

  private async withGateway<T>(run: (g: HttpWalletGateway) => Promise<T>, unknown: (error: string) => T): Promise<T> {
    let g: HttpWalletGateway;
    try {
      g = await this.gateway();
    } catch (error) {
      return unknown(`no terminal credentials: ${error instanceof Error ? error.message : String(error)}`);
    }
    return run(g);
  }

  pay(request: WalletPayRequest): Promise<WalletPayOutcome> {
    return this.withGateway((g) => g.pay(request), (error) => ({ outcome: 'unknown', error }));
  }
  query(merchantPaymentId: string): Promise<WalletQueryOutcome> {
    return this.withGateway((g) => g.query(merchantPaymentId), (error) => ({ outcome: 'unknown', error }));
  }
  cancel(merchantPaymentId: string): Promise<WalletCancelOutcome> {
    return this.withGateway((g) => g.cancel(merchantPaymentId), (error) => ({ outcome: 'unknown', error }));
  }
  refund(request: { merchantRefundId: string; merchantPaymentId: string; amount: number }): Promise<WalletRefundOutcome> {
    return this.withGateway((g) => g.refund(request), (error) => ({ outcome: 'unknown', error }));
  }
}
