import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parseScenario } from './load.js';
import { runScenarioFiles } from './run-files.js';
import { runScenario } from './runner.js';

function scenario(text: string) {
  const r = parseScenario(text);
  assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.problems));
  return r.scenario;
}

describe('scenario runner', () => {
  test('an audit expectation after the clock moved past the manager session idle time logs in again', async () => {
    const s = scenario(
      [
        'name: audit-after-clock',
        'limits: { tobaccoPacksPerSale: 5 }',
        'steps:',
        '  - scan: "4987301000105"',
        '  - expect: { audit: [] }',
        '  - advanceClock: 16m',
        '  - expect: { audit: [] }',
        '  - advanceClock: 25h',
        '  - expect: { audit: [] }',
        '',
      ].join('\n'),
    );
    const result = await runScenario(s);
    assert.equal(result.error, undefined);
    assert.deepEqual(
      result.steps.map((r) => [r.index, r.ok, r.ok ? '' : r.detail]),
      [0, 1, 2, 3, 4, 5].map((i) => [i, true, '']),
    );
  });

  test('--keep-data says where it kept each run\'s data directory', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'regi-runner-test-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'one.yaml');
    writeFileSync(file, 'name: keep\nsteps:\n  - scan: "4987301000105"\n');
    const lines: string[] = [];
    const summary = await runScenarioFiles([file], (line) => lines.push(line), { keepData: true });
    const kept = summary.results[0]?.result?.dataDir;
    assert.ok(kept !== undefined, lines.join('\n'));
    t.after(() => rmSync(kept, { recursive: true, force: true }));
    assert.ok(existsSync(kept), kept);
    assert.ok(lines.includes(`  data kept in ${kept}`), lines.join('\n'));

    const gone = await runScenarioFiles([file], () => undefined);
    assert.equal(gone.results[0]?.result?.dataDir, undefined);
  });
});
