import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

test('`regi help | head -0`: a stdout pipe closed by its reader ends regi quietly with status 0, no EPIPE trace', async () => {
  const child = spawn(process.execPath, [join(ROOT, 'bin/regi.mjs'), 'help'], { stdio: ['ignore', 'pipe', 'pipe'] });
  // the reader goes away before regi writes anything: its first write to stdout fails with EPIPE
  child.stdout.destroy();
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  assert.doesNotMatch(stderr, /EPIPE|Unhandled 'error' event/);
  assert.equal(stderr, '');
  assert.deepEqual({ code, signal }, { code: 0, signal: null });
});
