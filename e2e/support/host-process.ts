/** Starts `regi serve` as a real child process, as a user would, and stops it (gracefully or with SIGKILL). */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface HostProcess {
  url: string;
  port: number;
  token: string;
  child: ChildProcess;
  /** Everything the host printed, for failure messages. */
  output: () => string;
  api<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function startHostProcess(args: { dataDir: string; port?: number; extra?: string[] }): Promise<HostProcess> {
  const child = spawn(
    process.execPath,
    ['bin/regi.mjs', 'serve', '--data', args.dataDir, '--port', String(args.port ?? 0), '--ready-json', ...(args.extra ?? [])],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const lines = createInterface({ input: child.stdout! });
  const ready = await new Promise<{ url: string; port: number; token: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not become ready in 30 s:\n${log}`)), 30_000);
    lines.on('line', (line) => {
      log += `${line}\n`;
      if (line.startsWith('REGI_READY ')) {
        clearTimeout(timer);
        resolve(JSON.parse(line.slice('REGI_READY '.length)) as { url: string; port: number; token: string });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited (${code}) before it was ready:\n${log}`));
    });
  });

  return {
    ...ready,
    child,
    output: () => log,
    async api<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
      const response = await fetch(`${ready.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${ready.token}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const value = (await response.json()) as T;
      if (!response.ok) throw new Error(`${method} ${path} -> ${response.status} ${JSON.stringify(value)}`);
      return value;
    },
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill(signal);
      await exited;
    },
  };
}
