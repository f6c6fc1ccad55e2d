#!/usr/bin/env node
// Bundles the Electron shell: electron/main.ts -> dist-electron/main.cjs, electron/preload.ts -> dist-electron/preload.cjs.
// Needs no Electron binary. The preload is bundled for the browser platform because a sandboxed
// preload can require only 'electron': a stray Node import then fails the build, not the window.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
// REGI_ELECTRON_OUTDIR lets tests build into a temporary directory.
const outdir = process.env.REGI_ELECTRON_OUTDIR ?? join(root, 'dist-electron');
// Native modules belong to the host process; listed so a stray import stays a require, not a bundling error.
const NATIVE = ['better-sqlite3', 'serialport', '@serialport/*', 'node-hid', 'usb'];
// ws's optional speed-ups: required inside try/catch, absent here.
const WS_OPTIONAL = ['bufferutil', 'utf-8-validate'];

const common = {
  bundle: true,
  format: 'cjs',
  target: 'node22',
  sourcemap: 'linked',
  logLevel: 'warning',
  absWorkingDir: root,
};

try {
  await Promise.all([
    build({
      ...common,
      entryPoints: [join(root, 'electron/main.ts')],
      outfile: join(outdir, 'main.cjs'),
      platform: 'node',
      external: ['electron', ...NATIVE, ...WS_OPTIONAL],
    }),
    build({
      ...common,
      entryPoints: [join(root, 'electron/preload.ts')],
      outfile: join(outdir, 'preload.cjs'),
      platform: 'browser',
      target: 'chrome130',
      external: ['electron'],
    }),
  ]);
  console.log('built dist-electron/main.cjs and dist-electron/preload.cjs');
} catch (error) {
  console.error(`build-electron: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
