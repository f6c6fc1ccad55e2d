import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  HostStartError,
  hostCommand,
  hostSocketUrl,
  parseExtraHostArgs,
  parseReadyLine,
  startHostProcess,
  unpackedRoot,
} from './host-process.js';

const TOKEN = 'abcdefghijklmnopqrstuvwxyz012345';

describe('REGI_READY line', () => {
  test('parses the host ready line and ignores other output', () => {
    const line = `REGI_READY {"url":"http://127.0.0.1:41234","port":41234,"token":"${TOKEN}"}`;
    assert.deepEqual(parseReadyLine(line), { url: 'http://127.0.0.1:41234', port: 41234, token: TOKEN });
    assert.equal(parseReadyLine('Regi register R1 (simulator mode) at http://127.0.0.1:41234/'), null);
  });

  test('a malformed ready line is an error naming the field', () => {
    assert.throws(() => parseReadyLine('REGI_READY {nope'), /not JSON/);
    assert.throws(() => parseReadyLine(`REGI_READY {"url":"http://evil.example:1","port":1,"token":"${TOKEN}"}`), /"url" must be a loopback/);
    assert.throws(() => parseReadyLine(`REGI_READY {"url":"http://127.0.0.1:1","port":"1","token":"${TOKEN}"}`), /"port"/);
    assert.throws(() => parseReadyLine('REGI_READY {"url":"http://127.0.0.1:1","port":1}'), /"token"/);
  });

  test('the socket URL carries the token, encoded', () => {
    assert.equal(hostSocketUrl({ url: 'http://127.0.0.1:5178', port: 5178, token: 'a+b/c' }), 'ws://127.0.0.1:5178/ws?token=a%2Bb%2Fc');
  });
});

describe('host command', () => {
  const base = { dataDir: '/var/regi', execPath: '/opt/Regi/regi', simulator: true, env: { PATH: '/bin', ELECTRON_RUN_AS_NODE: '1' } };

  test('in development the host runs under the given Node from the repository', () => {
    const cmd = hostCommand({ ...base, appRoot: '/src/regi', packaged: false, devNode: '/usr/bin/node', extraArgs: ['--serial', '/dev/ttyACM0'] });
    assert.equal(cmd.command, '/usr/bin/node');
    assert.deepEqual(cmd.args, [
      '/src/regi/bin/regi.mjs', 'serve', '--data', '/var/regi', '--port', '0', '--simulator', '--ready-json', '--serial', '/dev/ttyACM0',
    ]);
    assert.equal(cmd.cwd, '/src/regi');
    assert.equal(cmd.env.ELECTRON_RUN_AS_NODE, undefined);
  });

  test('packaged, it runs under Electron as Node from the unpacked files', () => {
    const cmd = hostCommand({ ...base, appRoot: '/opt/Regi/resources/app.asar', packaged: true, simulator: false });
    assert.equal(cmd.command, '/opt/Regi/regi');
    assert.equal(cmd.env.ELECTRON_RUN_AS_NODE, '1');
    assert.equal(cmd.args[0], join('/opt/Regi/resources/app.asar.unpacked', 'bin', 'regi.mjs'));
    assert.ok(cmd.args.includes('--production'));
    assert.equal(unpackedRoot('/src/regi'), '/src/regi');
  });

  test('REGI_HOST_ARGS must be a JSON array of strings', () => {
    assert.deepEqual(parseExtraHostArgs(undefined), []);
    assert.deepEqual(parseExtraHostArgs('["--sim-scanners","0"]'), ['--sim-scanners', '0']);
    assert.throws(() => parseExtraHostArgs('--serial /dev/x'), /JSON array of strings/);
    assert.throws(() => parseExtraHostArgs('[1]'), /JSON array of strings/);
  });
});

describe('starting the host process', () => {
  const node = (script: string) => ({ command: process.execPath, args: ['-e', script], cwd: process.cwd(), env: process.env });

  test('a host that exits before it is ready is reported with its output', async () => {
    await assert.rejects(
      startHostProcess(node('console.error("database is locked"); process.exit(3)'), { timeoutMs: 60_000 }),
      (error: Error) => {
        assert.ok(error instanceof HostStartError);
        assert.match(error.message, /exited before it was ready \(exit code 3\)/);
        assert.match(error.message, /database is locked/);
        return true;
      },
    );
  });

  test('a malformed ready line fails the start and stops the process', async () => {
    await assert.rejects(
      startHostProcess(node('console.log("REGI_READY {oops"); setInterval(() => {}, 1000)'), { timeoutMs: 60_000 }),
      /host ready line is not JSON/,
    );
  });

  test('a missing executable is a clear error', async () => {
    await assert.rejects(
      startHostProcess({ command: '/nonexistent/node', args: [], cwd: process.cwd(), env: process.env }, { timeoutMs: 60_000 }),
      /could not start the register host with \/nonexistent\/node/,
    );
  });
});
