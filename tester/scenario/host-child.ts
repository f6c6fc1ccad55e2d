/** A fresh scenario host in a child process (tester/scenario/scenario-host.ts): HTTP client, clock control, stop. */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { AdvancedMessage } from './scenario-host.js';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ENTRY = fileURLToPath(new URL('./scenario-host.ts', import.meta.url));

/** An HTTP answer of the host, errors included: scenarios assert refusals as often as successes. */
export interface ApiAnswer<T = unknown> {
  status: number;
  ok: boolean;
  body: T;
}

export interface HostChild {
  url: string;
  token: string;
  api<T = unknown>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<ApiAnswer<T>>;
  /** Moves the host's clock (register and sandbox gateway) forward; resolves with the new time. */
  advanceClock(ms: number): Promise<number>;
  output(): string;
  stop(): Promise<void>;
}

export async function startHostChild(dataDir: string, readyTimeoutMs = 30_000): Promise<HostChild> {
  const child: ChildProcess = fork(ENTRY, [dataDir], {
    cwd: PROJECT_ROOT,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let log = '';
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const lines = createInterface({ input: child.stdout! });
  const ready = await new Promise<{ url: string; token: string }>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`scenario host did not start within ${readyTimeoutMs} ms:\n${log}`));
    }, readyTimeoutMs);
    lines.on('line', (line) => {
      log += `${line}\n`;
      if (line.startsWith('REGI_READY ')) {
        clearTimeout(timer);
        resolve(JSON.parse(line.slice('REGI_READY '.length)) as { url: string; token: string });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`scenario host exited (${code}) before it was ready:\n${log}`));
    });
  });

  let nextId = 1;
  return {
    ...ready,
    output: () => log,
    async api<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<ApiAnswer<T>> {
      const response = await fetch(`${ready.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${ready.token}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // kept as text: the error message shows it
      }
      return { status: response.status, ok: response.ok, body: parsed as T };
    },
    advanceClock(ms) {
      const id = nextId++;
      return new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the scenario host did not answer the clock advance')), 5_000);
        const onMessage = (raw: unknown): void => {
          const m = raw as Partial<AdvancedMessage>;
          if (m.type === 'advanced' && m.id === id) {
            clearTimeout(timer);
            child.off('message', onMessage);
            resolve(m.now ?? 0);
          }
        };
        child.on('message', onMessage);
        child.send({ type: 'advance', id, ms });
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
