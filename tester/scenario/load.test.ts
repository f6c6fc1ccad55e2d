import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { checkExpectations, durationMs } from './expectations.js';
import { parseScenario } from './load.js';
import { schemaText, SCHEMA_FILE } from './write-schema.js';

const EXAMPLES = fileURLToPath(new URL('../../e2e/scenarios/', import.meta.url));

function problems(text: string): string[] {
  const r = parseScenario(text);
  assert.equal(r.ok, false, 'expected the file to be refused');
  return r.ok ? [] : r.problems.map((p) => `${p.line ?? '-'}:${p.column ?? '-'} ${p.path}: ${p.reason}`);
}

describe('scenario files', () => {
  test('every shipped example is valid', () => {
    const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml'));
    assert.ok(files.length >= 10, `${files.length} examples`);
    for (const f of files) {
      const r = parseScenario(readFileSync(`${EXAMPLES}${f}`, 'utf8'));
      assert.ok(r.ok, `${f}: ${r.ok ? '' : JSON.stringify(r.problems)}`);
    }
  });

  test('a bad field names the step index, the field and the YAML line', () => {
    const text = ['name: x', 'steps:', '  - scan: "4987301000105"', '  - pay:', '      cash: -5', ''].join('\n');
    const p = problems(text);
    assert.equal(p.length, 1, p.join('\n'));
    assert.match(p[0]!, /^5:13 steps\[1\]\.pay\.cash: /);
  });

  test('an unknown action, two actions in one step, and an undeclared device or wallet are refused', () => {
    assert.match(problems('name: x\nsteps:\n  - scna: "1"\n')[0]!, /^3:5 steps\[0\]: no action: unknown key "scna"/);
    assert.match(problems('name: x\nsteps:\n  - scan: "1"\n    key: "2"\n')[0]!, /one action per step, found scan and key/);
    const p = problems('name: x\nwallets: [{ name: A, balance: 1 }]\nsteps:\n  - scan: { code: "1", device: front }\n  - pay: { wallet: B }\n');
    assert.equal(p.length, 2, p.join('\n'));
    assert.match(p[0]!, /^4:\d+ steps\[0\]\.scan\.device: no scanner "front"/);
    assert.match(p[1]!, /^5:\d+ steps\[1\]\.pay\.wallet: no wallet "B"/);
  });

  test('a catalog code with a wrong check digit is refused before anything runs, as the run itself would refuse it', () => {
    const text = ['name: x', 'catalog:', '  - { code: "4900000000003", name: Bad, price: 100, taxClass: reduced, category: snacks }', 'steps:', '  - scan: "4900000000003"', ''].join('\n');
    const p = problems(text);
    assert.equal(p.length, 1, p.join('\n'));
    assert.match(p[0]!, /^3:\d+ catalog\[0\]\.code: has a wrong check digit \(the last digit should be 9\)/);
    assert.equal(problems(text.replace('"4900000000003", name', '"490000000000", name')).length, 1, 'a 12-digit code is reported once, for its length');
    assert.ok(parseScenario(text.replaceAll('4900000000003', '4900000000009')).ok);
  });

  test('a problem at the top level does not hide the problems of the steps', () => {
    const text = ['name: x', 'scanners:', '  - { id: front, kind: laser }', 'steps:', '  - pay: { cash: -5 }', '  - scna: "1"', ''].join('\n');
    const p = problems(text);
    assert.equal(p.length, 3, p.join('\n'));
    assert.match(p[0]!, /^3:\d+ scanners\[0\]\.kind: /);
    assert.match(p[1]!, /^5:\d+ steps\[0\]\.pay\.cash: /);
    assert.match(p[2]!, /^6:5 steps\[1\]: no action: unknown key "scna"/);
  });

  test('an unknown key is reported at the key itself, once per key', () => {
    assert.deepEqual(problems('name: x\ncolour: red\nsteps:\n  - scan: "1"\n'), ['2:1 colour: unknown key "colour"']);
    const text = ['name: x', 'scanners:', '  - id: front', '    kind: serial', '    colour: red', 'steps:', '  - scan: "1"', '    colour: blue', '    size: 2', ''].join('\n');
    assert.deepEqual(problems(text), [
      '5:5 scanners[0].colour: unknown key "colour"',
      '8:5 steps[0].colour: unknown key "colour"',
      '9:5 steps[0].size: unknown key "size"',
    ]);
  });

  test('YAML syntax errors carry a line', () => {
    const p = problems('name: x\nsteps:\n  - scan: [unclosed\n');
    assert.match(p[0]!, /^\d+:\d+ : YAML: /);
  });

  test('docs/scenario.schema.json is the schema the runner checks (regenerate with tester/scenario/write-schema.ts)', () => {
    assert.equal(readFileSync(SCHEMA_FILE, 'utf8'), schemaText());
  });
});

describe('expectations', () => {
  test('durations', () => {
    assert.equal(durationMs('25h'), 90_000_000);
    assert.equal(durationMs('250ms'), 250);
    assert.equal(durationMs(7), 7);
    assert.throws(() => durationMs('soon'), /not a duration/);
  });

  test('mismatches say expected and seen', () => {
    const state = {
      lines: [{ lineId: 'L1', quantity: 2, amount: 300, item: { code: '4987301000105' } }],
      totals: { itemCount: 2, total: 300, taxes: [{ taxClass: 'reduced', ratePercent: 8, gross: 300, tax: 22, net: 278 }] },
      phase: 'scanning',
      messages: [{ code: 'scan.added', params: {} }],
      scanners: [],
      sync: { queueDepth: 1 },
    } as unknown as Parameters<typeof checkExpectations>[1]['state'];
    const o = { state, lastError: null, lastWalletResult: null, lastSale: null };
    assert.deepEqual(checkExpectations({ total: 300, taxes: { reduced: 22 }, basket: [{ code: '4987301000105', quantity: 2 }] }, o), []);
    assert.deepEqual(checkExpectations({ total: 310, queueDepth: 0 }, o), ['total: expected 310, saw 300', 'queue depth: expected 0, saw 1']);
  });
});
