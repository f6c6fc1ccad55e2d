/** Shared set-up for gateway tests: a real server on 127.0.0.1:0 in a temp dir, with a hand-driven clock. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../core/ports.js';
import { GatewayAdminClient } from '../client/admin-client.js';
import { GatewayClient, type GatewayClientOptions } from '../client/gateway-client.js';
import { startGatewayServer, type GatewayServerHandle, type GatewayServerOptions } from './server.js';

export class ManualClock implements Clock {
  constructor(public t = Date.UTC(2026, 10, 24, 12, 0, 0)) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

export interface TestGateway {
  server: GatewayServerHandle;
  admin: GatewayAdminClient;
  clock: ManualClock;
  dataDir: string;
  /** A client for a freshly provisioned terminal. */
  client(terminalId?: string, opts?: Partial<GatewayClientOptions>): Promise<GatewayClient>;
  close(): Promise<void>;
}

export async function startTestGateway(options: Partial<GatewayServerOptions> = {}): Promise<TestGateway> {
  const dataDir = mkdtempSync(join(tmpdir(), 'regi-gateway-'));
  const clock = new ManualClock();
  const server = await startGatewayServer({ dataDir, port: 0, host: '127.0.0.1', clock, ...options });
  const admin = new GatewayAdminClient(server.url, server.adminToken);
  return {
    server,
    admin,
    clock,
    dataDir,
    async client(terminalId = 'T1', opts = {}) {
      const { key } = await admin.provisionTerminal(terminalId);
      return new GatewayClient({ baseUrl: server.url, terminalId, key, clock, retryDelayMs: 5, timeoutMs: 2_000, ...opts });
    },
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let seq = 0;
/** A fresh merchant key per call, unique within the test process. */
export function newKey(prefix = 'mp'): string {
  seq += 1;
  return `${prefix}-${process.pid}-${seq}`;
}
