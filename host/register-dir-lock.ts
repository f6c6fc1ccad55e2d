/**
 * One register per data directory: two hosts on one folder would commit sales into the same SQLite file, and the
 * second would overwrite the first's host.json (and remove it when it stops, leaving the CLI with "no running
 * host recorded"). A host.json whose process is alive and whose /healthz answers means the folder is taken; one
 * left by a register killed with -9 (dead pid, or a pid reused by something that does not answer) is taken over.
 */
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { liveServerIn, processAlive, readText } from '../gateway/sim/data-dir-lock.js';
import { hostInfoPath } from './token.js';

export class RegisterDirInUseError extends Error {
  override name = 'RegisterDirInUseError';
}

export async function refuseIfRegisterRuns(dataDir: string, timeoutMs = 1_000): Promise<void> {
  const live = await liveServerIn(hostInfoPath(dataDir), '/healthz', timeoutMs);
  if (live === undefined) return;
  throw new RegisterDirInUseError(
    `${dataDir} is already used by a running register at ${live.url} (pid ${live.pid}): use that one, stop it, ` +
      'or give this register its own --data folder.',
  );
}

/**
 * host.json is written only once the register listens, so two registers started within a second of each other
 * would both pass refuseIfRegisterRuns. The first thing a register does in its folder is therefore to create
 * register.lock exclusively, holding its pid, and it removes the file when it closes. A lock whose process is gone
 * (kill -9; a zombie counts as gone) is taken over.
 */
export function takeRegisterLock(dataDir: string): { release(): void } {
  const path = join(dataDir, 'register.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readText(path).trim());
      if (Number.isSafeInteger(holder) && holder > 0 && processAlive(holder)) {
        throw new RegisterDirInUseError(
          `${dataDir} is in use by another register (pid ${holder}, starting or running): stop it, or remove ${path} if no register runs there.`,
        );
      }
      rmSync(path, { force: true });
      continue;
    }
    writeSync(fd, `${process.pid}\n`);
    closeSync(fd);
    return {
      release() {
        if (readText(path).trim() === String(process.pid)) rmSync(path, { force: true });
      },
    };
  }
  throw new RegisterDirInUseError(`${dataDir}: could not take ${path}; another register keeps starting there`);
}
