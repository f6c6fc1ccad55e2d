/**
 * One gateway per data directory. The register's in-process sandbox and `regi gateway` both default to
 * DATA/gateway (so `regi wallet ...` finds whichever runs through its gateway.json); a second server started on a
 * folder another one is serving would share its database and overwrite its gateway.json. A gateway.json whose
 * process is alive and whose URL answers means the folder is taken; anything else is left over from a stop
 * that did not clean up (kill -9) and is taken over.
 */
import { readFileSync } from 'node:fs';
import type { GatewayInfo } from '../protocol/admin-wire.js';

export class GatewayDirInUseError extends Error {
  override name = 'GatewayDirInUseError';
}

export async function refuseIfServed(infoPath: string, dataDir: string, timeoutMs = 1_000): Promise<void> {
  let info: Partial<GatewayInfo>;
  try {
    info = JSON.parse(readFileSync(infoPath, 'utf8')) as Partial<GatewayInfo>;
  } catch {
    return;
  }
  if (typeof info.pid !== 'number' || info.pid === process.pid || typeof info.url !== 'string') return;
  if (!processAlive(info.pid)) return;
  if (!(await answers(`${info.url}/v1/health`, timeoutMs))) return;
  throw new GatewayDirInUseError(
    `${dataDir} is already served by a gateway at ${info.url} (pid ${info.pid}): the register's in-process sandbox or another ` +
      '`regi gateway`. Use that one, stop it, or give this gateway its own --data folder.',
  );
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function answers(url: string, timeoutMs: number): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await res.body?.cancel();
    return res.ok;
  } catch {
    return false;
  }
}
