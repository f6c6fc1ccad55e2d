/**
 * One server per data directory. The register's in-process sandbox and `regi gateway` both default to
 * DATA/gateway (so `regi wallet ...` finds whichever runs through its gateway.json); a second server started on a
 * folder another one is serving would share its database and overwrite its gateway.json. The register host has
 * the same rule for DATA itself and its host.json (host/register-dir-lock.ts). An info file whose process is alive
 * and whose URL answers means the folder is taken; anything else is left over from a stop that did not clean up
 * (kill -9) and is taken over.
 */
import { readFileSync } from 'node:fs';

/** The process an info file records, when it is alive and still serving. */
export interface LiveServer {
  pid: number;
  url: string;
}

export class GatewayDirInUseError extends Error {
  override name = 'GatewayDirInUseError';
}

export async function refuseIfServed(infoPath: string, dataDir: string, timeoutMs = 1_000): Promise<void> {
  const live = await liveServerIn(infoPath, '/v1/health', timeoutMs);
  if (live === undefined) return;
  throw new GatewayDirInUseError(
    `${dataDir} is already served by a gateway at ${live.url} (pid ${live.pid}): the register's in-process sandbox or another ` +
      '`regi gateway`. Use that one, stop it, or give this gateway its own --data folder.',
  );
}

/**
 * The server recorded in infoPath (JSON with at least pid and url) if it is another process that is alive and
 * answers GET url+healthPath (with any status); undefined when the file is missing or unreadable, names this process, or is stale.
 */
export async function liveServerIn(infoPath: string, healthPath: string, timeoutMs = 1_000): Promise<LiveServer | undefined> {
  let info: Partial<LiveServer>;
  try {
    info = JSON.parse(readFileSync(infoPath, 'utf8')) as Partial<LiveServer>;
  } catch {
    return undefined;
  }
  if (typeof info.pid !== 'number' || info.pid === process.pid || typeof info.url !== 'string') return undefined;
  if (!processAlive(info.pid)) return undefined;
  if (!(await answers(`${info.url}${healthPath}`, timeoutMs))) return undefined;
  return { pid: info.pid, url: info.url };
}

/** Alive and not a zombie (a killed child its parent has not reaped yet still answers kill(pid, 0)). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  const stat = readText(`/proc/${pid}/stat`);
  return stat === '' || stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
}

/** The file's text, or '' when it cannot be read. */
export function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/**
 * Any HTTP answer counts, not only 2xx: a register listening on another address answers 421 to a Host it does not
 * expect, and a gateway with an injected fault may answer 5xx; either is still serving the folder.
 */
async function answers(url: string, timeoutMs: number): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await res.body?.cancel();
    return true;
  } catch {
    return false;
  }
}
