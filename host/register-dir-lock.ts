/**
 * One register per data directory: two hosts on one folder would commit sales into the same SQLite file, and the
 * second would overwrite the first's host.json (and remove it when it stops, leaving the CLI with "no running
 * host recorded"). A host.json whose process is alive and whose /healthz answers means the folder is taken; one
 * left by a register killed with -9 (dead pid, or a pid reused by something that does not answer) is taken over.
 */
import { liveServerIn } from '../gateway/sim/data-dir-lock.js';
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
