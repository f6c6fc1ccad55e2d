/**
 * Runs every shipped example scenario (e2e/scenarios/*.yaml) the way `npx regi scenario run` does: each against a
 * fresh register host child with its in-process sandbox gateway, one after another. Plus one scenario whose
 * expectation is wrong, to show the runner reports a failure with expected vs seen.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadScenarioFile, parseScenario } from '../tester/scenario/load.js';
import { runScenario } from '../tester/scenario/runner.js';

const DIR = fileURLToPath(new URL('./scenarios/', import.meta.url));
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();

describe('example scenarios', { concurrency: 1 }, () => {
  for (const file of FILES) {
    test(file, { timeout: 60_000 }, async () => {
      const result = await runScenario(loadScenarioFile(join(DIR, file)));
      const failed = result.steps.filter((s) => !s.ok).map((s) => `step ${s.index + 1} ${s.label}: ${s.detail}`);
      assert.ok(result.ok, [result.error ?? '', ...failed].join('\n'));
      assert.equal(result.steps.length, loadScenarioFile(join(DIR, file)).steps.length);
    });
  }

  test('a wrong expectation fails its step with expected vs seen', { timeout: 60_000 }, async () => {
    const parsed = parseScenario('name: wrong total\nsteps:\n  - scan: "4987301000105"\n  - expect: { total: 999 }\n  - expect: { total: 160 }\n');
    assert.ok(parsed.ok);
    const result = await runScenario(parsed.scenario);
    assert.equal(result.ok, false);
    assert.deepEqual(result.steps.map((s) => s.ok), [true, false, true]);
    assert.equal(result.steps[1]!.detail, 'total: expected 999, saw 160');
  });
});
