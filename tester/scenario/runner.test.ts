import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseScenario } from './load.js';
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
});
