/**
 * The BackOffice port (core/sync) over the gateway's ingest endpoint. "Cannot tell" outcomes (refused connection,
 * timeout, dropped connection, 5xx, rate limiting, missing credentials) become BackOfficeUnavailableError, so the
 * worker backs off and keeps every row. A request-level refusal (400 invalid, 413 too large) is split in halves until
 * the offending item is alone: only that item is reported rejected (and parked), the rest still go through.
 */
import { BackOfficeUnavailableError, type BackOffice, type UploadResult } from '../core/sync/outbox-ports.js';
import type { Clock } from '../core/ports.js';
import { GatewayClient } from '../gateway/client/gateway-client.js';
import type { TerminalCredentials } from './back-office-setup.js';

type Item = { idempotencyKey: string; topic: string; payload: unknown };

/** What the adapter needs from GatewayClient; a narrow seam so the adapter can be built per credentials. */
export interface IngestTransport {
  ingestBatch: GatewayClient['ingestBatch'];
}

export interface GatewayBackOfficeOptions {
  /** Resolves this register's terminal credentials (may provision on first use). */
  credentials: () => Promise<TerminalCredentials>;
  clock: Clock;
  /** Per request; a hanging back office counts as unavailable after this. */
  timeoutMs?: number;
  /** For tests: builds the transport from credentials (default: a signed GatewayClient, one attempt per call). */
  transport?: (credentials: TerminalCredentials) => IngestTransport;
}

const SPLIT_STATUSES = new Set([400, 413]);

export class GatewayBackOffice implements BackOffice {
  private cached: { credentials: TerminalCredentials; transport: IngestTransport } | null = null;

  constructor(private readonly options: GatewayBackOfficeOptions) {}

  async uploadBatch(registerId: string, items: readonly Item[]): Promise<UploadResult[]> {
    const transport = await this.transport();
    return this.upload(transport, registerId, items);
  }

  private async upload(transport: IngestTransport, registerId: string, items: readonly Item[]): Promise<UploadResult[]> {
    if (items.length === 0) return [];
    const result = await transport.ingestBatch(registerId, [...items]);
    if (result.kind === 'ok') return result.results.map(toUploadResult);
    if (result.kind === 'unknown') throw new BackOfficeUnavailableError(`back office unavailable (${result.cause}): ${result.message}`);
    if (!SPLIT_STATUSES.has(result.status)) {
      // 401/403/404...: this register's set-up is wrong, not the rows; keep them and keep trying.
      throw new BackOfficeUnavailableError(`back office refused the upload: ${result.status} ${result.code}: ${result.message}`);
    }
    if (items.length === 1) {
      return [{ idempotencyKey: items[0]!.idempotencyKey, status: 'rejected', reason: `${result.status} ${result.code}: ${result.message}` }];
    }
    const half = Math.ceil(items.length / 2);
    return [...(await this.upload(transport, registerId, items.slice(0, half))), ...(await this.upload(transport, registerId, items.slice(half)))];
  }

  private async transport(): Promise<IngestTransport> {
    let credentials: TerminalCredentials;
    try {
      credentials = await this.options.credentials();
    } catch (error) {
      throw new BackOfficeUnavailableError(`back office not set up: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (this.cached && sameCredentials(this.cached.credentials, credentials)) return this.cached.transport;
    const make =
      this.options.transport ??
      ((c: TerminalCredentials) =>
        new GatewayClient({
          baseUrl: c.gatewayUrl,
          terminalId: c.terminalId,
          key: c.key,
          timeoutMs: this.options.timeoutMs ?? 5_000,
          // The outbox worker owns retries and backoff; the client makes one attempt per call.
          maxAttempts: 1,
          clock: this.options.clock,
        }));
    this.cached = { credentials, transport: make(credentials) };
    return this.cached.transport;
  }
}

function sameCredentials(a: TerminalCredentials, b: TerminalCredentials): boolean {
  return a.gatewayUrl === b.gatewayUrl && a.terminalId === b.terminalId && a.key === b.key;
}

function toUploadResult(r: { idempotencyKey: string; status: UploadResult['status']; reason?: string }): UploadResult {
  return r.reason === undefined ? { idempotencyKey: r.idempotencyKey, status: r.status } : { idempotencyKey: r.idempotencyKey, status: r.status, reason: r.reason };
}
