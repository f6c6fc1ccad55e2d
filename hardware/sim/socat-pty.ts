/**
 * A virtual serial cable: socat joins two pseudo-terminals, so the register's real serial driver opens
 * one end (the "device") exactly as it opens hardware, while the simulated scanner writes into the other
 * (the "feeder"). Links in `dir` give both ends stable names across restarts of socat, so killing and
 * respawning a pair looks like unplugging and replugging a USB-serial adapter.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export interface PtyPair {
  /** The end the register's driver opens (a symlink to /dev/pts/N). */
  devicePath: string;
  /** The end the simulated scanner writes to. */
  feederPath: string;
  /** socat's process id, for diagnostics (socat runs under a sh watchdog that stops it when this process dies). */
  pid: number;
  /** Kills socat and resolves once it has exited (its links are gone then). Idempotent. */
  close(): Promise<void>;
}

export interface PtyPairOptions {
  /** Folder for the links; created if missing. */
  dir: string;
  /** Names the links scanner-<id> and feeder-<id>. */
  id: string;
  /** How long socat may take to set up both ends. Default 5000 ms. */
  startTimeoutMs?: number;
  /** The socat executable. Default "socat" from PATH. */
  command?: string;
}

export class SocatMissingError extends Error {
  constructor() {
    super('socat is not installed (the simulated serial scanner needs it): install socat: apt-get install socat');
    this.name = 'SocatMissingError';
  }
}

/** Every socat still running, killed if the process exits without closing them. */
const live = new Set<ChildProcess>();
/** Device links of running pairs: socat unlinks its link names on exit, so two may not share them. */
const linksInUse = new Set<string>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // A normal exit; a SIGKILL runs no hook, and the EOF on the watchdog's stdin (below) stops socat then.
  process.once('exit', () => {
    for (const child of live) child.stdin?.destroy();
  });
}

/**
 * socat runs under a small sh watchdog that holds the read end of a pipe from this process: EOF on it means
 * this process closed the pair or died, by any signal, SIGKILL included (no exit hook runs then, and socat would
 * otherwise live on, re-parented to pid 1). The watchdog then sends socat SIGTERM (which removes its links) and
 * exits with socat's status once socat has exited. After a death (EOF without the line close() writes first) it
 * also removes the links' folder when nothing else is left in it (a host's /tmp/regi-pty-*). It reports socat's pid on stderr; exit 127 means no socat.
 * $0 is the socat command, "$@" its arguments.
 */
const WATCHDOG = [
  'command -v "$0" >/dev/null 2>&1 || exit 127',
  'exec 3<&0',
  '"$0" "$@" </dev/null 3<&- &',
  's=$!',
  'echo "regi-socat-pid $s" >&2',
  // a line first is close(); a bare EOF is the register's death: then the links' folder goes too, if it is empty
  '{ if read _ <&3; then kill "$s" 2>/dev/null; else',
  '  kill "$s" 2>/dev/null; while kill -0 "$s" 2>/dev/null; do sleep 0.1; done; rmdir "$REGI_PTY_DIR" 2>/dev/null',
  'fi; } </dev/null &',
  'exec 3<&-',
  'wait "$s"',
].join('\n');

const ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

export async function createPtyPair(options: PtyPairOptions): Promise<PtyPair> {
  const { dir, id, startTimeoutMs = 5000, command = 'socat' } = options;
  if (!ID_PATTERN.test(id)) {
    throw new TypeError(`pty pair id must be 1-64 letters, digits, ".", "_" or "-", got ${JSON.stringify(id)}`);
  }
  mkdirSync(dir, { recursive: true });
  const devicePath = join(dir, `scanner-${id}`);
  const feederPath = join(dir, `feeder-${id}`);
  if (linksInUse.has(devicePath)) {
    throw new Error(`a pty pair ${devicePath} is already running: close it before creating another at the same path`);
  }
  // A stale link from a socat that died hard would make us think the new pair is ready before it is.
  rmSync(devicePath, { force: true });
  rmSync(feederPath, { force: true });

  const child = spawn('sh', ['-c', WATCHDOG, command, '-d', '-d', `pty,raw,echo=0,link=${devicePath}`, `pty,raw,echo=0,link=${feederPath}`], {
    stdio: ['pipe', 'ignore', 'pipe'],
    env: { ...process.env, REGI_PTY_DIR: dir },
  });
  // the watchdog reads nothing but EOF; a write error after it is gone is of no interest
  child.stdin?.on('error', () => undefined);
  const stop = () => child.stdin?.end('close\n');
  installExitHook();
  live.add(child);
  linksInUse.add(devicePath);
  const exited = new Promise<void>((resolve) => {
    const gone = () => {
      // lets the watchdog's reader go too when socat ended by itself
      child.stdin?.destroy();
      live.delete(child);
      linksInUse.delete(devicePath);
      resolve();
    };
    child.once('exit', gone);
    // 'exit' never comes when spawn itself failed
    child.once('error', gone);
  });

  let stderr = '';
  let socatPid = -1;
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (text: string) => {
    // keep the start-up log for error messages; later output is not needed
    if (stderr.length < 4000) stderr += text;
  });

  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`socat did not create ${devicePath} and ${feederPath} within ${startTimeoutMs} ms: ${stderr.trim()}`));
      }, startTimeoutMs);
      const check = () => {
        socatPid = Number(/regi-socat-pid (\d+)/.exec(stderr)?.[1] ?? -1);
        // socat logs this once both ptys exist and their links are made
        if (stderr.includes('starting data transfer loop') && existsSync(devicePath) && existsSync(feederPath)) {
          cleanup();
          resolve();
        }
      };
      const onError = (error: NodeJS.ErrnoException) => {
        cleanup();
        reject(error.code === 'ENOENT' ? new SocatMissingError() : new Error(`cannot start socat: ${error.message}`));
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        cleanup();
        if (code === 127) return reject(new SocatMissingError());
        reject(new Error(`socat exited (${signal ?? `code ${code}`}) before the pty pair was ready: ${stderr.trim()}`));
      };
      const cleanup = () => {
        clearTimeout(timer);
        child.stderr?.off('data', check);
        child.off('error', onError);
        child.off('exit', onExit);
      };
      child.stderr?.on('data', check);
      child.once('error', onError);
      child.once('exit', onExit);
    });
  } catch (error) {
    stop();
    const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
    await exited;
    clearTimeout(timer);
    throw error;
  }

  let closing: Promise<void> | undefined;
  return {
    devicePath,
    feederPath,
    pid: socatPid,
    close() {
      closing ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          stop();
          const timer = setTimeout(() => {
            killQuietly(socatPid);
            child.kill('SIGKILL');
          }, 2000);
          await exited;
          clearTimeout(timer);
        }
        // socat removes its links on SIGTERM; after SIGKILL they would dangle
        rmSync(devicePath, { force: true });
        rmSync(feederPath, { force: true });
      })();
      return closing;
    },
  };
}

function killQuietly(pid: number): void {
  if (!(pid > 1)) return; // never -1 (every process of this user) or 0 (this process group)
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
