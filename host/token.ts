import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/** A fresh per-run token: the WebSocket and control API refuse requests without it. */
export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export interface HostInfo {
  url: string;
  port: number;
  token: string;
  pid: number;
  dataDir: string;
  mode: 'simulator' | 'production';
}

/** Where a host on this port records itself for CLI commands given only --port (0700 dir, 0600 file). */
export function runtimeInfoPath(port: number): string {
  return join(runtimeDir(), `host-${port}.json`);
}

function runtimeDir(): string {
  const base = process.env.XDG_RUNTIME_DIR ?? tmpdir();
  const dir = join(base, `regi-${userInfo().uid}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  return dir;
}

export function hostInfoPath(dataDir: string): string {
  return join(dataDir, 'host.json');
}

/** Writes the host's url and token into the data directory and the per-user runtime directory, both 0600. */
export function publishHostInfo(info: HostInfo): () => void {
  const files = [hostInfoPath(info.dataDir), runtimeInfoPath(info.port)];
  for (const file of files) {
    writeFileSync(file, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return () => {
    for (const file of files) {
      try {
        const current = JSON.parse(readFileSync(file, 'utf8')) as Partial<HostInfo>;
        if (current.pid === info.pid) rmSync(file, { force: true });
      } catch {
        // Already gone or replaced by another host: nothing to clean up.
      }
    }
  };
}

export function readHostInfo(file: string): HostInfo | undefined {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Partial<HostInfo>;
    if (typeof value.url === 'string' && typeof value.token === 'string' && typeof value.port === 'number') {
      return value as HostInfo;
    }
  } catch {
    // Missing or unreadable: the caller reports what it looked for.
  }
  return undefined;
}
