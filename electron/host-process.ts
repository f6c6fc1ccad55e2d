/**
 * Starts the Node host (`regi serve ... --ready-json`) as a child process and waits for its
 * REGI_READY line. The register logic lives there; Electron's main only relays (STYLE.md).
 * No 'electron' import: the caller says whether it runs packaged and which executable is Node.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';

export interface HostReady {
  url: string;
  port: number;
  token: string;
}

export const READY_PREFIX = 'REGI_READY ';

/** Parses the host's ready line; null for any other output line; throws when the line is malformed. */
export function parseReadyLine(line: string): HostReady | null {
  if (!line.startsWith(READY_PREFIX)) return null;
  let data: unknown;
  try {
    data = JSON.parse(line.slice(READY_PREFIX.length));
  } catch (error) {
    throw new Error(`host ready line is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const { url, port, token } = (data ?? {}) as Record<string, unknown>;
  if (typeof url !== 'string' || !/^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d+$/.test(url)) {
    throw new Error(`host ready line: "url" must be a loopback http URL, got ${JSON.stringify(url)}`);
  }
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new Error(`host ready line: "port" must be a TCP port number, got ${JSON.stringify(port)}`);
  }
  if (typeof token !== 'string' || token.length < 16) {
    throw new Error('host ready line: "token" is missing or too short');
  }
  return { url, port, token };
}

/** The host's WebSocket address for a ready host. */
export function hostSocketUrl(ready: HostReady): string {
  return `${ready.url.replace(/^http:/, 'ws:')}/ws?token=${encodeURIComponent(ready.token)}`;
}

export interface HostCommandOptions {
  /** Directory holding bin/ cli/ host/ ... (the repository, or resources/app.asar when packaged). */
  appRoot: string;
  dataDir: string;
  packaged: boolean;
  /** Electron's executable, used as Node (ELECTRON_RUN_AS_NODE) when packaged. */
  execPath: string;
  /** Node used in development; the launcher passes its own process.execPath. */
  devNode?: string;
  simulator: boolean;
  /** Further `regi serve` options, e.g. ["--serial", "/dev/ttyACM0"]. */
  extraArgs?: readonly string[];
  env: NodeJS.ProcessEnv;
}

export interface HostCommand {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/**
 * Packaged, the host's TypeScript and node_modules are unpacked next to app.asar (electron-builder.yml):
 * a child process loading ESM through tsx, and esbuild's own binary, need real files.
 */
export function unpackedRoot(appRoot: string): string {
  return basename(appRoot) === 'app.asar' ? join(dirname(appRoot), 'app.asar.unpacked') : appRoot;
}

export function hostCommand(options: HostCommandOptions): HostCommand {
  const root = unpackedRoot(options.appRoot);
  const args = [
    join(root, 'bin', 'regi.mjs'),
    'serve', '--data', options.dataDir, '--port', '0', options.simulator ? '--simulator' : '--production', '--ready-json',
    ...(options.extraArgs ?? []),
  ];
  const env: NodeJS.ProcessEnv = { ...options.env };
  if (options.packaged) {
    env.ELECTRON_RUN_AS_NODE = '1';
    return { command: options.execPath, args, cwd: root, env };
  }
  delete env.ELECTRON_RUN_AS_NODE;
  return { command: options.devNode ?? 'node', args, cwd: root, env };
}

/** Reads REGI_HOST_ARGS (a JSON array of strings set by the launcher); throws naming what is wrong. */
export function parseExtraHostArgs(raw: string | undefined): string[] {
  if (raw === undefined || raw === '') return [];
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new Error(`REGI_HOST_ARGS must be a JSON array of strings, got ${JSON.stringify(raw)}`);
  }
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string')) {
    throw new Error(`REGI_HOST_ARGS must be a JSON array of strings, got ${raw}`);
  }
  return value;
}

export class HostStartError extends Error {
  constructor(message: string, readonly output: readonly string[]) {
    super(output.length > 0 ? `${message}\n--- last host output ---\n${output.join('\n')}` : message);
    this.name = 'HostStartError';
  }
}

export interface RunningHost {
  child: ChildProcess;
  ready: HostReady;
  /** Asks the host to stop (SIGTERM, its clean shutdown) and resolves when it has exited. */
  stop(): Promise<void>;
}

export interface StartHostOptions {
  timeoutMs: number;
  /** Every host output line, for the shell's log. */
  onLine?: (stream: 'stdout' | 'stderr', line: string) => void;
}

const KEEP_LINES = 20;

/** Spawns the host and resolves once it printed REGI_READY; rejects if it exits, errs or times out first. */
export function startHostProcess(cmd: HostCommand, options: StartHostOptions): Promise<RunningHost> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd.command, cmd.args, { cwd: cmd.cwd, env: cmd.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const recent: string[] = [];
    let settled = false;
    const exited = new Promise<void>((done) => child.once('exit', () => done()));

    const fail = (message: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      reject(new HostStartError(message, recent));
    };
    const timer = setTimeout(
      () => fail(`the register host did not report ready within ${options.timeoutMs} ms (${cmd.command} ${cmd.args.join(' ')})`),
      options.timeoutMs,
    );

    const remember = (stream: 'stdout' | 'stderr', line: string) => {
      recent.push(line);
      if (recent.length > KEEP_LINES) recent.shift();
      options.onLine?.(stream, line);
    };
    createInterface({ input: child.stderr! }).on('line', (line) => remember('stderr', line));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let ready: HostReady | null;
      try {
        ready = parseReadyLine(line);
      } catch (error) {
        fail(error instanceof Error ? error.message : String(error));
        return;
      }
      if (!ready) {
        remember('stdout', line);
        return;
      }
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({
        child,
        ready,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    });

    child.once('error', (error) => fail(`could not start the register host with ${cmd.command}: ${error.message}`));
    child.once('exit', (code, signal) => fail(`the register host exited before it was ready (${signal ?? `exit code ${code}`})`));
  });
}
