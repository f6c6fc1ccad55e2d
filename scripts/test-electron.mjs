#!/usr/bin/env node
// Opt-in Electron test (`npm run test:electron`): runs e2e/electron/*.e2e.ts with Playwright's
// _electron when an Electron binary is installed, and says plainly that it skipped otherwise.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const root = fileURLToPath(new URL('..', import.meta.url));
register();
const { findElectronBinary, NO_ELECTRON_REASON } = await import('../cli/electron-launcher.ts');

const binary = findElectronBinary(root);
if (!binary) {
  console.log(`test:electron SKIPPED: ${NO_ELECTRON_REASON}`);
  process.exit(0);
}

const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const xvfb = hasDisplay ? null : spawnSync('sh', ['-c', 'command -v xvfb-run'], { encoding: 'utf8' }).stdout.trim() || null;
if (!hasDisplay && !xvfb) {
  console.log('test:electron SKIPPED: no display (DISPLAY/WAYLAND_DISPLAY unset) and no xvfb-run to provide one (apt-get install xvfb)');
  process.exit(0);
}

function run(title, command, args) {
  console.log(`\n=== ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    console.error(`\n${title} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

run('build renderer', process.execPath, [join(root, 'scripts/build-renderer.mjs')]);
run('build Electron shell', process.execPath, [join(root, 'scripts/build-electron.mjs')]);
const dir = join(root, 'e2e', 'electron');
const files = readdirSync(dir).filter((f) => f.endsWith('.e2e.ts')).sort().map((f) => join(dir, f));
const testArgs = ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=1', ...files];
if (xvfb) run(`Electron e2e (${files.length} files, under xvfb-run)`, xvfb, ['-a', process.execPath, ...testArgs]);
else run(`Electron e2e (${files.length} files, Electron ${binary})`, process.execPath, testArgs);
