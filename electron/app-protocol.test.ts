import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appResponse } from './app-protocol.js';
import { CONTENT_SECURITY_POLICY } from './security.js';

describe('app scheme responses', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'regi-app-protocol-'));
    await mkdir(join(dir, 'renderer', 'assets'), { recursive: true });
    await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Regi</title>');
    await writeFile(join(dir, 'renderer', 'assets', 'main.js'), 'console.log(1)');
    await writeFile(join(dir, 'secret.txt'), 'outside the renderer');
  });
  after(() => rm(dir, { recursive: true, force: true }));
  const text = (body: Uint8Array) => new TextDecoder().decode(body);

  test('serves the renderer with its content type and the CSP on every response', async () => {
    const page = await appResponse(join(dir, 'renderer'), 'regi://app/index.html');
    assert.equal(page.status, 200);
    assert.equal(page.headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(page.headers['content-security-policy'], CONTENT_SECURITY_POLICY);
    assert.equal(text(page.body), '<!doctype html><title>Regi</title>');

    const script = await appResponse(join(dir, 'renderer'), 'regi://app/assets/main.js');
    assert.equal(script.status, 200);
    assert.equal(script.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.equal(script.headers['content-security-policy'], CONTENT_SECURITY_POLICY);
  });

  test('a missing file is a 404, still with the CSP', async () => {
    const missing = await appResponse(join(dir, 'renderer'), 'regi://app/nope.js');
    assert.equal(missing.status, 404);
    assert.match(text(missing.body), /no such file: \/nope\.js/);
    assert.equal(missing.headers['content-security-policy'], CONTENT_SECURITY_POLICY);
  });

  test('files outside the renderer directory are never served', async () => {
    const escape = await appResponse(join(dir, 'renderer'), 'regi://app/..%2fsecret.txt');
    assert.equal(escape.status, 404);
    assert.doesNotMatch(text(escape.body), /outside the renderer/);
  });

  test('an unbuilt renderer says how to build it', async () => {
    const unbuilt = await appResponse(join(dir, 'not-built'), 'regi://app/');
    assert.equal(unbuilt.status, 503);
    assert.match(text(unbuilt.body), /npm run build/);
  });
});
