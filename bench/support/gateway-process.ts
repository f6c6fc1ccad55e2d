/** Parent side of bench/support/gateway-child.ts: start, ask, stop. */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { GatewayChildReply, GatewayChildRequest } from './gateway-child.js';
import { ROOT } from './child-process.js';

export interface GatewayProcess {
  url: string;
  adminToken: string;
  pid: number;
  createWallets(count: number, balance: number): Promise<string[]>;
  codes(walletIds: string[]): Promise<string[]>;
  stop(): Promise<void>;
}

export async function startGatewayProcess(dataDir: string): Promise<GatewayProcess> {
  const child: ChildProcess = fork(join(ROOT, 'bench/support/gateway-child.ts'), [dataDir], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx', ...(process.env.REGI_BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.REGI_BENCH_PROF}`] : [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let pending: { want: GatewayChildReply['type']; resolve: (r: GatewayChildReply) => void; reject: (e: Error) => void } | null = null;
  child.on('message', (reply: GatewayChildReply) => {
    const waiter = pending;
    if (!waiter) return;
    pending = null;
    if (reply.type === 'error') waiter.reject(new Error(`gateway child: ${reply.message}`));
    else if (reply.type !== waiter.want) waiter.reject(new Error(`gateway child answered ${reply.type}, expected ${waiter.want}`));
    else waiter.resolve(reply);
  });
  void exited.then(() => pending?.reject(new Error('the gateway child exited')));
  const ask = <T extends GatewayChildReply['type']>(request: GatewayChildRequest | null, want: T, timeoutMs: number) =>
    new Promise<Extract<GatewayChildReply, { type: T }>>((resolve, reject) => {
      if (pending) return reject(new Error('one request at a time'));
      const timer = setTimeout(() => reject(new Error(`gateway child did not answer ${want} within ${timeoutMs} ms`)), timeoutMs);
      pending = {
        want,
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r as Extract<GatewayChildReply, { type: T }>);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      if (request) child.send(request);
    });
  let ready;
  try {
    ready = await ask(null, 'ready', 30_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    url: ready.url,
    adminToken: ready.adminToken,
    pid: ready.pid,
    createWallets: async (count, balance) => (await ask({ type: 'wallets', count, balance }, 'wallets', 300_000)).walletIds,
    codes: async (walletIds) => (await ask({ type: 'codes', walletIds }, 'codes', 120_000)).codes,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
