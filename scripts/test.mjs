#!/usr/bin/env node
// Runs the test suite: typecheck, lint, unit tests (node:test via tsx), then browser e2e.
//   node scripts/test.mjs            everything (what `npm test` and CI run)
//   node scripts/test.mjs --unit     unit tests only
//   node scripts/test.mjs --e2e      build the renderer and run the Playwright e2e only
//   node scripts/test.mjs FILE...    just these test files
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const only = args.filter((a) => !a.startsWith('--'));
const flags = new Set(args.filter((a) => a.startsWith('--')));
const SKIP_DIRS = new Set(['node_modules', 'dist', 'dist-electron', '.git', 'release', '.regi-data', '.tmp']);

function find(dir, suffix, out = []) {
  for (const name of readdirSync(dir)) {
    if (SKIP_DIRS.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) find(path, suffix, out);
    else if (name.endsWith(suffix)) out.push(relative(root, path));
  }
  return out.sort();
}

function run(title, command, commandArgs) {
  console.log(`\n=== ${title}`);
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    console.error(`\n${title} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

const nodeTest = (files) => [
  '--import', 'tsx', '--test', '--test-reporter=spec', `--test-concurrency=${process.env.TEST_CONCURRENCY ?? 2}`, ...files,
];

if (only.length > 0) {
  run('selected tests', process.execPath, nodeTest(only));
  process.exit(0);
}

const wantUnit = !flags.has('--e2e');
const wantE2e = !flags.has('--unit');

if (wantUnit && !flags.has('--no-static')) {
  run('typecheck (tsc --noEmit, strict)', process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json']);
  run('lint (eslint)', process.execPath, [join(root, 'node_modules/eslint/bin/eslint.js'), '.', '--max-warnings=0']);
}
if (wantUnit) {
  const unit = find(root, '.test.ts').filter((f) => !f.startsWith('e2e'));
  run(`unit tests (${unit.length} files)`, process.execPath, nodeTest(unit));
}
if (wantE2e) {
  run('build renderer', process.execPath, [join(root, 'scripts/build-renderer.mjs')]);
  const e2e = find(join(root, 'e2e'), '.e2e.ts').filter((f) => !f.includes('electron'));
  process.env.TEST_CONCURRENCY = '1';
  run(`browser e2e (${e2e.length} files, Playwright + Chromium)`, process.execPath, [
    '--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=1', ...e2e,
  ]);
}
