import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { electronEnv, findElectronBinary, launchElectron, NO_ELECTRON_REASON } from './electron-launcher.js';

describe('findElectronBinary', () => {
  let base = '';
  before(async () => {
    base = await mkdtemp(join(tmpdir(), 'regi-launcher-'));
  });
  after(() => rm(base, { recursive: true, force: true }));

  async function project(name: string, pathTxt: string | null, files: string[] = []): Promise<string> {
    const root = join(base, name);
    const pkg = join(root, 'node_modules', 'electron');
    await mkdir(join(pkg, 'dist'), { recursive: true });
    if (pathTxt !== null) await writeFile(join(pkg, 'path.txt'), pathTxt);
    for (const file of files) {
      await mkdir(join(pkg, file, '..'), { recursive: true });
      await writeFile(join(pkg, file), '');
    }
    return root;
  }

  test('finds the binary named by path.txt under dist', async () => {
    const root = await project('installed', 'electron', ['dist/electron']);
    assert.equal(findElectronBinary(root), join(root, 'node_modules', 'electron', 'dist', 'electron'));
  });

  test('null when the binary was never downloaded (path.txt missing, or naming a missing file)', async () => {
    assert.equal(findElectronBinary(await project('no-path-txt', null)), null);
    assert.equal(findElectronBinary(await project('no-dist', 'electron')), null);
    assert.equal(findElectronBinary(join(base, 'no-electron-package')), null);
  });

  test('null when path.txt points outside dist', async () => {
    const root = await project('escape', '../package.json', ['package.json']);
    assert.equal(findElectronBinary(root), null);
  });

  test('launching without a binary fails with the one-line reason', async () => {
    await assert.rejects(launchElectron({ root: join(base, 'no-electron-package'), dataDir: base }), { message: NO_ELECTRON_REASON });
  });
});

describe('electronEnv', () => {
  test('passes the data directory, the Node for the host and host options; never runs Electron as Node', () => {
    const env = electronEnv(
      { root: '/src/regi', dataDir: 'relative/data', hostArgs: ['--serial', '/dev/ttyACM0'] },
      { PATH: '/bin', ELECTRON_RUN_AS_NODE: '1', REGI_HOST_ARGS: '["stale"]' },
    );
    assert.equal(env.REGI_DATA, join(process.cwd(), 'relative/data'));
    assert.equal(env.REGI_NODE, process.execPath);
    assert.equal(env.REGI_MODE, 'simulator');
    assert.deepEqual(JSON.parse(env.REGI_HOST_ARGS!), ['--serial', '/dev/ttyACM0']);
    assert.equal(env.ELECTRON_RUN_AS_NODE, undefined);
    assert.equal(env.PATH, '/bin');
    assert.equal(electronEnv({ root: '/r', dataDir: '/d' }, { REGI_HOST_ARGS: '["stale"]' }).REGI_HOST_ARGS, undefined);
  });
});
