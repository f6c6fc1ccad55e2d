/**
 * Finds and starts the Electron shell from the CLI. No 'electron' import: that package's index.js
 * throws when the binary was never downloaded, and here that is the normal case (npm install runs
 * no Electron postinstall; `npm run electron:install` fetches the binary where the internet is reachable).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';

/** The Electron executable under node_modules/electron/dist, or null when it is not installed. */
export function findElectronBinary(root: string): string | null {
  const packageDir = join(root, 'node_modules', 'electron');
  let name: string;
  try {
    name = readFileSync(join(packageDir, 'path.txt'), 'utf8').trim();
  } catch {
    return null;
  }
  if (name === '') return null;
  const dist = join(packageDir, 'dist');
  const binary = resolve(dist, name);
  const inside = relative(dist, binary);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null;
  try {
    return statSync(binary).isFile() ? binary : null;
  } catch {
    return null;
  }
}

/** One line saying why there is no Electron window, for `regi start` and `npm run test:electron`. */
export const NO_ELECTRON_REASON =
  'no Electron binary in node_modules/electron/dist (this machine cannot download it; run "npm run electron:install" where the internet is reachable)';

/** Chromium refuses to run as root without its OS sandbox switched off (renderer sandboxing stays on). */
export function electronSwitches(): string[] {
  return process.getuid?.() === 0 ? ['--no-sandbox'] : [];
}

export interface ElectronBuildPaths {
  main: string;
  preload: string;
  renderer: string;
}

export function electronBuildPaths(root: string): ElectronBuildPaths {
  return {
    main: join(root, 'dist-electron', 'main.cjs'),
    preload: join(root, 'dist-electron', 'preload.cjs'),
    renderer: join(root, 'dist', 'renderer', 'index.html'),
  };
}

/** Rebuilds the shell bundles (a fraction of a second, and never stale) and builds the renderer if missing. */
export function ensureElectronBuilt(root: string): void {
  runBuild(root, 'build-electron.mjs');
  if (!existsSync(electronBuildPaths(root).renderer)) runBuild(root, 'build-renderer.mjs');
}

function runBuild(root: string, script: string): void {
  const result = spawnSync(process.execPath, [join(root, 'scripts', script)], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.error) throw new Error(`could not run scripts/${script}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`scripts/${script} failed (exit ${result.status ?? result.signal})`);
}

export interface LaunchElectronOptions {
  root: string;
  dataDir: string;
  /** Further `regi serve` options for the host, e.g. ["--serial", "/dev/ttyACM0"]. */
  hostArgs?: readonly string[];
  mode?: 'simulator' | 'production';
}

/** Environment for the Electron main process (read by electron/main.ts). */
export function electronEnv(options: LaunchElectronOptions, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...base,
    REGI_DATA: resolve(options.dataDir),
    // The host runs under this Node in development (packaged apps use Electron's own).
    REGI_NODE: process.execPath,
    REGI_MODE: options.mode ?? 'simulator',
  };
  if (options.hostArgs && options.hostArgs.length > 0) env.REGI_HOST_ARGS = JSON.stringify(options.hostArgs);
  else delete env.REGI_HOST_ARGS;
  delete env.ELECTRON_RUN_AS_NODE;
  return env;
}

/** Opens the Regi window and resolves with Electron's exit code once it closes. */
export async function launchElectron(options: LaunchElectronOptions): Promise<number> {
  const binary = findElectronBinary(options.root);
  if (!binary) throw new Error(NO_ELECTRON_REASON);
  ensureElectronBuilt(options.root);
  const child = spawn(binary, [...electronSwitches(), electronBuildPaths(options.root).main], {
    cwd: options.root,
    env: electronEnv(options),
    stdio: 'inherit',
  });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  const onInt = forward('SIGINT');
  const onTerm = forward('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  try {
    return await new Promise<number>((done, fail) => {
      child.once('error', (error) => fail(new Error(`could not start Electron (${binary}): ${error.message}`)));
      child.once('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
    });
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  }
}
