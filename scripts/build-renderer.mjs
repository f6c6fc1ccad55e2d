#!/usr/bin/env node
// Builds the renderer into dist/renderer/: esbuild bundles renderer/main.tsx to app.js (+ source map),
// and index.html, styles.css and favicon.svg are copied beside it. Exits non-zero on any error.
//   node scripts/build-renderer.mjs
import { build } from 'esbuild';
import { copyFile, mkdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, 'dist/renderer');
const STATIC_FILES = ['index.html', 'styles.css', 'favicon.svg'];

async function main() {
  const started = performance.now();
  await mkdir(outDir, { recursive: true });
  const result = await build({
    entryPoints: [join(root, 'renderer/main.tsx')],
    outfile: join(outDir, 'app.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    jsx: 'automatic',
    minify: true,
    sourcemap: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    metafile: true,
    logLevel: 'warning',
  });
  for (const name of STATIC_FILES) await copyFile(join(root, 'renderer', name), join(outDir, name));

  const written = [...Object.keys(result.metafile.outputs).map((p) => join(root, p)), ...STATIC_FILES.map((n) => join(outDir, n))];
  for (const path of written) {
    const { size } = await stat(path);
    console.log(`  ${relative(root, path).padEnd(36)} ${(size / 1024).toFixed(1).padStart(8)} KiB`);
  }
  console.log(`renderer built in ${Math.round(performance.now() - started)} ms`);
}

main().catch((error) => {
  // esbuild has already printed located errors; this names what failed.
  console.error(`build-renderer: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
