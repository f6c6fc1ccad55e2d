import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { main } from './regi.js';

/** Runs main() with console.log / console.error captured. */
async function regi(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const { log, error } = console;
  console.log = (...args: unknown[]) => void out.push(args.join(' '));
  console.error = (...args: unknown[]) => void err.push(args.join(' '));
  try {
    const code = await main(argv);
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    console.log = log;
    console.error = error;
  }
}

describe('regi help', () => {
  test('lists the commands, and shows one command\'s usage', async () => {
    const all = await regi('help');
    assert.equal(all.code, 0);
    assert.match(all.stdout, /usage: regi COMMAND/);
    const limits = await regi('help', 'limits');
    assert.equal(limits.code, 0);
    assert.match(limits.stdout, /^usage: regi limits export/);
  });

  test('an unknown topic is a usage error, as an unknown command is', async () => {
    const topic = await regi('help', 'bogus');
    assert.equal(topic.code, 2);
    assert.equal(topic.stdout, '');
    assert.match(topic.stderr, /^regi: unknown command "bogus"/);
    const command = await regi('bogus');
    assert.deepEqual([command.code, command.stderr.split('\n')[0]], [2, topic.stderr.split('\n')[0]]);
  });
});

describe('regi serve refuses simulator controls in production before starting anything', () => {
  test('--sim-scanners and --clock-start', async () => {
    const scanners = await regi('serve', '--production', '--sim-scanners', '2', '--port', '0', '--data', '/nonexistent/never-made');
    assert.equal(scanners.code, 2);
    assert.match(scanners.stderr, /^regi serve: --sim-scanners is a simulator control/);
    const clock = await regi('serve', '--production', '--clock-start', '2026-04-01T10:30:00+09:00', '--port', '0', '--data', '/nonexistent/never-made');
    assert.match(clock.stderr, /^regi serve: --clock-start is a simulator control/);
  });
});
