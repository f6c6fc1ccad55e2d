/**
 * Pieces shared by the crash harness and the partition test: the sandbox back office in this process (watched,
 * not stubbed: every ingest batch it stores is announced), the register host as a real child process
 * (`regi serve --production --gateway URL`), and a cash-sale driver speaking the control API.
 *
 * The host child runs from an esbuild bundle of cli/regi.ts (same code, packages left external) because a tsx
 * start costs ~1 s of compiling per restart and the harness restarts hundreds of times.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once, EventEmitter } from 'node:events';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { WebSocket } from 'ws';
import type { CompletedSale } from '../../core/domain/sale.js';
import type { RegisterState } from '../../core/api.js';
import type { RpcServerMessage } from '../../core/rpc.js';
import { DEMO_CATALOG } from '../../db/seed/demo-catalog.js';
import { GatewayAdminClient } from '../../gateway/client/admin-client.js';
import { startGatewayServer, type GatewayServerHandle } from '../../gateway/sim/server.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Items a cash sale can always take: no age check, no tobacco limit. */
export const PLAIN_CODES: readonly string[] = DEMO_CATALOG.filter((i) => !i.ageRestricted && i.category !== 'tobacco').map((i) => i.code);

// ---- deterministic randomness ---------------------------------------------------------------------------------

/** mulberry32, the replay's own generator: the seed is printed so a failure replays. */
export { seededRandom } from '../../tester/replay/prng.js';

// ---- the host bundle ---------------------------------------------------------------------------------------------

export interface HostBundle {
  entry: string;
  remove(): void;
}

/** Bundles the CLI once into ROOT/.tmp (inside the project so node_modules resolve); migrations travel along. */
export async function buildHostBundle(): Promise<HostBundle> {
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, '.tmp', 'crash-host-'));
  const entry = join(dir, 'regi.mjs');
  await build({
    stdin: {
      contents: "import { main } from './cli/regi.ts';\nprocess.exitCode = await main(process.argv.slice(2));\n",
      resolveDir: ROOT,
      loader: 'ts',
      sourcefile: 'crash-host-entry.ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: entry,
    logLevel: 'error',
  });
  // db/migrate.ts finds its SQL next to itself (import.meta.url): next to the bundle.
  cpSync(join(ROOT, 'db', 'migrations'), join(dir, 'migrations'), { recursive: true });
  return { entry, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

// ---- the back office -----------------------------------------------------------------------------------------------

export interface BackOfficeRig {
  /** The running server; replaced by start() after stop(). */
  server: GatewayServerHandle;
  admin: GatewayAdminClient;
  /** 'batch' (count) after every ingest batch the back office committed. */
  ingests: EventEmitter<{ batch: [count: number] }>;
  dataDir: string;
  /** The back office goes away: its listener closes (connections refused), its data stays. */
  stop(): Promise<void>;
  /** Back on the same port with the same data (terminals, stored sales). */
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startBackOffice(): Promise<BackOfficeRig> {
  const dataDir = mkdtempSync(join(tmpdir(), 'regi-crash-gw-'));
  const ingests = new EventEmitter<{ batch: [count: number] }>();
  const launch = async (port: number, adminToken?: string): Promise<GatewayServerHandle> => {
    const server = await startGatewayServer({ dataDir, port, ...(adminToken === undefined ? {} : { adminToken }) });
    const ingest = server.services.ingest;
    const accept = ingest.accept.bind(ingest);
    ingest.accept = (registerId, items) => {
      const results = accept(registerId, items);
      setImmediate(() => ingests.emit('batch', items.length));
      return results;
    };
    return server;
  };
  const first = await launch(0);
  let stopped = false;
  const rig: BackOfficeRig = {
    server: first,
    admin: new GatewayAdminClient(first.url, first.adminToken),
    ingests,
    dataDir,
    async stop() {
      stopped = true;
      await rig.server.close();
    },
    async start() {
      rig.server = await launch(first.port, first.adminToken);
      stopped = false;
    },
    async close() {
      if (!stopped) await rig.server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return rig;
}

// ---- the register host child -------------------------------------------------------------------------------------

export interface HostChild {
  url: string;
  token: string;
  child: ChildProcess;
  output(): string;
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export interface HostChildOptions {
  entry: string;
  dataDir: string;
  gatewayUrl: string;
  gatewayToken: string;
  syncTimeoutMs?: number;
  syncMaxBackoffMs?: number;
}

export async function startHostChild(options: HostChildOptions): Promise<HostChild> {
  const args = [
    options.entry, 'serve', '--data', options.dataDir, '--port', '0', '--production', '--ready-json',
    '--gateway', options.gatewayUrl, '--gateway-token', options.gatewayToken,
    '--sync-timeout-ms', String(options.syncTimeoutMs ?? 2_000), '--sync-max-backoff-ms', String(options.syncMaxBackoffMs ?? 300),
  ];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-20_000)));
  const lines = createInterface({ input: child.stdout! });
  const ready = await new Promise<{ url: string; token: string }>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`host did not print REGI_READY within 60 s:\n${log}`));
    }, 60_000);
    lines.on('line', (line) => {
      log = (log + `${line}\n`).slice(-20_000);
      if (line.startsWith('REGI_READY ')) {
        clearTimeout(timer);
        resolve(JSON.parse(line.slice('REGI_READY '.length)) as { url: string; token: string });
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`host exited (${code ?? signal}) before it was ready:\n${log}`));
    });
  });
  const gone = (): boolean => child.exitCode !== null || child.signalCode !== null;
  const end = async (signal: NodeJS.Signals): Promise<void> => {
    if (gone()) return;
    const exited = once(child, 'exit');
    child.kill(signal);
    await exited;
  };
  return { ...ready, child, output: () => log, kill: () => end('SIGKILL'), stop: () => end('SIGTERM') };
}

// ---- the cash driver ---------------------------------------------------------------------------------------------

export class HostCallError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** One control API call; a network failure (the host was killed) rejects with the fetch error. */
export async function api<T>(host: { url: string; token: string }, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${host.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const value = (await response.json()) as T;
  if (!response.ok) throw new HostCallError(response.status, `${method} ${path} -> ${response.status} ${JSON.stringify(value)}`);
  return value;
}

export interface SaleRecord {
  saleId: string;
  total: number;
  lines: number;
}

/** Scans and cash tenders; remembers every sale the register said was complete. */
export class CashDriver {
  readonly completed: SaleRecord[] = [];
  /** pay-cash calls whose answer never came (host killed): the sale may or may not exist. */
  unknownOutcomes = 0;

  constructor(private readonly random: () => number) {}

  async scan(host: HostChild): Promise<void> {
    const code = PLAIN_CODES[Math.floor(this.random() * PLAIN_CODES.length)]!;
    const outcome = await api<{ accepted: boolean }>(host, 'POST', '/api/register/scan', { data: code });
    if (!outcome.accepted) throw new Error(`the register refused demo item ${code}: ${JSON.stringify(outcome)}`);
  }

  async payCash(host: HostChild): Promise<CompletedSale> {
    let sale: CompletedSale;
    try {
      sale = await api<CompletedSale>(host, 'POST', '/api/register/pay-cash', { tendered: 1_000_000 });
    } catch (error) {
      if (!(error instanceof HostCallError)) this.unknownOutcomes++;
      throw error;
    }
    this.completed.push({ saleId: sale.saleId, total: sale.totals.total, lines: sale.lines.length });
    return sale;
  }

  /** A whole sale: 1-4 scans, then cash. */
  async sale(host: HostChild): Promise<CompletedSale> {
    const items = 1 + Math.floor(this.random() * 4);
    for (let i = 0; i < items; i++) await this.scan(host);
    return this.payCash(host);
  }
}

export async function registerState(host: { url: string; token: string }): Promise<RegisterState> {
  return api<RegisterState>(host, 'GET', '/api/register');
}

/** The register's state as the host pushes it over /ws (the same stream the cashier screen renders). */
export class StateWatcher {
  private latest: RegisterState | null = null;
  private readonly changed = new EventEmitter<{ state: [RegisterState]; closed: [] }>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as RpcServerMessage;
      if (message.kind === 'event' && message.event.type === 'state') {
        this.latest = message.event.state;
        this.changed.emit('state', message.event.state);
      }
    });
    socket.on('close', () => this.changed.emit('closed'));
    socket.on('error', () => {});
  }

  static async open(host: { url: string; token: string }): Promise<StateWatcher> {
    const socket = new WebSocket(`${host.url.replace(/^http/, 'ws')}/ws?token=${encodeURIComponent(host.token)}`, { origin: host.url });
    // Listening before 'open': the host sends its current state at once, and that frame can be emitted (on a
    // nextTick) before code awaiting 'open' resumes (a promise job). Missed, and with nothing left to change, the
    // watcher would wait for a state that never comes.
    const watcher = new StateWatcher(socket);
    await once(socket, 'open');
    return watcher;
  }

  get state(): RegisterState | null {
    return this.latest;
  }

  /** Resolves with the first pushed state (the current one included) that satisfies the predicate. */
  until(predicate: (state: RegisterState) => boolean, what: string, timeoutMs = 60_000): Promise<RegisterState> {
    if (this.latest && predicate(this.latest)) return Promise.resolve(this.latest);
    return new Promise((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        this.changed.off('state', onState);
        this.changed.off('closed', onClosed);
      };
      const onState = (state: RegisterState): void => {
        if (!predicate(state)) return;
        done();
        resolve(state);
      };
      const onClosed = (): void => {
        done();
        reject(new Error(`the host closed the state stream while waiting for ${what}`));
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no state with ${what} within ${timeoutMs} ms; last sync: ${JSON.stringify(this.latest?.sync)}`));
      }, timeoutMs);
      this.changed.on('state', onState);
      this.changed.on('closed', onClosed);
    });
  }

  /** Every state pushed from now on; returns the unsubscribe. */
  onState(listener: (state: RegisterState) => void): () => void {
    this.changed.on('state', listener);
    return () => this.changed.off('state', listener);
  }

  close(): void {
    this.socket.terminate();
  }
}

/** Waits until the register reports nothing left to deliver (online stays null when there was nothing to try). */
export async function waitForDrain(host: { url: string; token: string }, timeoutMs = 60_000): Promise<RegisterState> {
  const watcher = await StateWatcher.open(host);
  try {
    return await watcher.until((s) => s.sync.queueDepth === 0 && s.sync.online !== false, 'an empty outbox', timeoutMs);
  } finally {
    watcher.close();
  }
}
