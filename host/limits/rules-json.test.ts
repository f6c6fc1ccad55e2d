import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultRuleSet } from '../../core/domain/limits/defaults.js';
import { nextRuleSetVersion } from '../../core/domain/limits/rule.js';
import { parseJsonLocated } from './json-locate.js';
import { exportRuleSetJson, formatImportErrors, importRuleSetJson } from './rules-json.js';

const exported = exportRuleSetJson({ ...defaultRuleSet(Date.UTC(2026, 10, 1)), effectiveFrom: Date.UTC(2026, 10, 2) });

/** The exported defaults with one line replaced; returns the text and the 1-based line changed. */
function edit(find: RegExp, replace: string, nth = 0): { text: string; line: number } {
  const lines = exported.split('\n');
  const hits = lines.map((l, i) => (find.test(l) ? i : -1)).filter((i) => i >= 0);
  const index = hits[nth]!;
  lines[index] = lines[index]!.replace(find, replace);
  return { text: lines.join('\n'), line: index + 1 };
}

function rejected(text: string) {
  const result = importRuleSetJson(text);
  assert.equal(result.ok, false, 'import should have been rejected');
  return result.ok ? [] : result.errors;
}

describe('rules JSON export', () => {
  test('is stable, pretty and round-trips', () => {
    assert.equal(exportRuleSetJson(defaultRuleSet(Date.UTC(2026, 10, 1))), exportRuleSetJson(defaultRuleSet(Date.UTC(2026, 10, 1))));
    assert.match(exported, /^\{\n {2}"format": "regi.limit-rules",\n {2}"formatVersion": 1,\n {2}"version": 1,\n/);
    assert.match(exported, /"effectiveFrom": "2026-11-02T00:00:00.000Z"/);
    assert.ok(exported.endsWith('}\n'));
    const back = importRuleSetJson(exported);
    assert.ok(back.ok);
    assert.deepEqual(back.draft, { effectiveFrom: Date.UTC(2026, 10, 2), comment: 'Defaults shipped with Regi', rules: defaultRuleSet().rules });
    assert.deepEqual(back.exportedFrom, { version: 1, createdBy: 'system', createdAt: Date.UTC(2026, 10, 1) });
    const v2 = nextRuleSetVersion([defaultRuleSet()], back.draft, { createdBy: 'm1', createdAt: 5 });
    assert.equal(v2.version, 2);
  });

  test('accepts epoch ms and ISO times with an offset', () => {
    const ms = importRuleSetJson(edit(/"effectiveFrom": ".*"/, '"effectiveFrom": 1700000000000').text);
    assert.ok(ms.ok && ms.draft.effectiveFrom === 1_700_000_000_000);
    const jst = importRuleSetJson(edit(/"effectiveFrom": ".*"/, '"effectiveFrom": "2026-12-01T00:00:00+09:00"').text);
    assert.ok(jst.ok && jst.draft.effectiveFrom === Date.UTC(2026, 10, 30, 15));
  });
});

describe('rules JSON import errors name the line', () => {
  test('a syntax error: position of the offending character', () => {
    const { text, line } = edit(/"max": 10,/, '"max": 10');
    const errors = rejected(text);
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.line, line + 1);
    assert.match(errors[0]!.reason, /not valid JSON: expected ',' or '}' after the value of "max"/);
  });

  test('trailing commas, unterminated strings, duplicate keys, empty files', () => {
    const trailing = edit(/"enabled": true/, '"enabled": true,');
    assert.deepEqual(rejected(trailing.text).map((e) => [e.line, /trailing comma/.test(e.reason)]), [[trailing.line + 1, true]]);
    const open = edit(/"name": "Tobacco: at most 10 packs \(1 carton\) per sale",/, '"name": "Tobacco,');
    assert.deepEqual(rejected(open.text).map((e) => [e.line, /line break inside a string/.test(e.reason)]), [[open.line, true]]);
    const dup = edit(/"max": 10,/, '"max": 10, "max": 11,');
    const dupErrors = rejected(dup.text);
    assert.deepEqual([dupErrors[0]!.line, dupErrors[0]!.column], [dup.line, 18]);
    assert.match(dupErrors[0]!.reason, /duplicate key "max"/);
    assert.deepEqual(rejected('').map((e) => [e.line, e.column]), [[1, 1]]);
    assert.match(rejected('  \n').at(0)!.reason, /unexpected end of file/);
    assert.match(rejected('{}\n{}').at(0)!.reason, /after the end of the document/);
  });

  test('a schema error points at the offending value', () => {
    const { text, line } = edit(/"measure": "amount"/, '"measure": "yen"');
    const errors = rejected(text);
    assert.deepEqual(errors.map((e) => [e.line, e.path]), [[line, 'rules[1].measure']]);
    assert.match(errors[0]!.reason, /expected one of "quantity"\|"amount"/);
    assert.match(formatImportErrors(errors, 'limits.json'), new RegExp(`^limits.json:${line}:7: rules\\[1\\].measure: `));
  });

  test('a rule over the size caps the console saves with is refused on import too', () => {
    const file = JSON.parse(exported) as { rules: { scope: unknown }[] };
    file.rules[0]!.scope = { kind: 'item', codes: Array.from({ length: 501 }, (_, i) => `49${String(i).padStart(11, '0')}`) };
    const errors = rejected(JSON.stringify(file, null, 2));
    assert.deepEqual(errors.map((e) => e.path), ['rules[0].scope.codes']);
    assert.match(errors[0]!.reason, /500/);
  });

  test('an unknown field and a missing field', () => {
    const unknown = edit(/"enabled": true/, '"enabled": true, "colour": "red"');
    assert.deepEqual(rejected(unknown.text).map((e) => [e.line, e.path, e.reason]), [[unknown.line, 'rules[0].colour', 'unknown field "colour"']]);
    const missing = edit(/"window": "sale",/, '');
    const errors = rejected(missing.text);
    assert.deepEqual(errors.map((e) => [e.path, e.reason]), [['rules[0].window', 'missing field "window": expected one of "sale"|"wallet-24h"']]);
    const noName = rejected(edit(/"name": .*,/, '').text);
    assert.deepEqual(noName.map((e) => e.reason), ['missing field "name"']);
    // The rule object that should hold it: the line after "rules": [
    const firstRuleLine = missing.text.split('\n').findIndex((l) => l.includes('"rules": [')) + 2;
    assert.deepEqual([errors[0]!.line, errors[0]!.column], [firstRuleLine, 5]);
  });

  test('a bad discriminator, a wrong type and a bad time', () => {
    const kind = edit(/"kind": "category"/, '"kind": "brand"');
    assert.deepEqual(rejected(kind.text).map((e) => [e.line, e.path]), [[kind.line, 'rules[0].scope.kind']]);
    const type = edit(/"enabled": true/, '"enabled": "yes"', 1);
    assert.deepEqual(rejected(type.text).map((e) => [e.line, e.path]), [[type.line, 'rules[1].enabled']]);
    const time = edit(/"effectiveFrom": ".*"/, '"effectiveFrom": "next tuesday"');
    const timeErrors = rejected(time.text);
    assert.deepEqual(timeErrors.map((e) => [e.line, e.path]), [[time.line, 'effectiveFrom']]);
    assert.match(timeErrors[0]!.reason, /epoch milliseconds or ISO 8601/);
  });

  test('meaning problems from core are located too, all reported, in line order', () => {
    const a = edit(/"max": 10000/, '"max": -5');
    const lines = a.text.split('\n');
    const idLine = lines.findIndex((l) => l.includes('"ruleId": "tobacco-wallet-yen-24h"'));
    lines[idLine] = lines[idLine]!.replace('tobacco-wallet-yen-24h', 'tobacco-packs-per-sale');
    const errors = rejected(lines.join('\n'));
    assert.deepEqual(errors.map((e) => [e.line, e.path]), [[idLine + 1, 'rules[1].ruleId'], [a.line, 'rules[1].max']]);
    assert.match(errors[0]!.reason, /already used by rules\[0\]/);
  });

  test('a type error in one rule hides neither the meaning problems of the others nor the cross-rule checks', () => {
    const lines = exported.split('\n');
    const at = (needle: string, nth = 0): number => lines.map((l, i) => (l.includes(needle) ? i : -1)).filter((i) => i >= 0)[nth]!;
    const max = at('"max": 10,');
    const window = at('"window": "wallet-24h"');
    lines[max] = lines[max]!.replace('"max": 10,', '"max": -1,');
    lines[window] = lines[window]!.replace('"wallet-24h"', '"week"');
    assert.deepEqual(rejected(lines.join('\n')).map((e) => [e.line, e.path]), [[max + 1, 'rules[0].max'], [window + 1, 'rules[1].window']]);

    // rules[0] has a type error; rules[1] and rules[2] (a copy of rules[1] with cash tender) parse: both the duplicate
    // ruleId and the wallet-24h + cash rule are reported, with indices as in the file.
    const file = JSON.parse(exported) as { rules: Record<string, unknown>[] };
    file.rules = [{ ...file.rules[0], enabled: 'yes' }, file.rules[1]!, { ...file.rules[1], tender: 'cash' }];
    const errors = rejected(JSON.stringify(file, null, 2));
    assert.deepEqual(errors.map((e) => e.path), ['rules[0].enabled', 'rules[2].ruleId', 'rules[2].tender']);
    assert.match(errors[1]!.reason, /already used by rules\[1\]/);
    assert.match(errors[2]!.reason, /'wallet-24h' rule cannot have tender 'cash'/);
  });

  test('a file that is not a rules file says so', () => {
    const errors = rejected('{"format": "something-else", "formatVersion": 1, "effectiveFrom": 0, "rules": []}');
    assert.match(errors[0]!.reason, /not a Regi rules file/);
    assert.match(rejected('[1, 2]')[0]!.reason, /expected object/);
  });
});

describe('located JSON parser', () => {
  test('agrees with JSON.parse on values and reports positions', () => {
    const text = '{\n  "a": [1, -2.5e3, "x\\u00e9\\n"],\n  "b": {"c": null, "d": true}\n}';
    const r = parseJsonLocated(text);
    assert.ok(r.ok);
    assert.deepEqual(r.json.value, JSON.parse(text));
    assert.deepEqual(r.json.locate(['a', 1]).position, { line: 2, column: 12, offset: 13 });
    assert.deepEqual(r.json.locate(['b', 'd']), { position: { line: 3, column: 20, offset: 54 }, exact: true });
    assert.equal(r.json.locate(['b', 'zzz']).exact, false);
  });

  test('a "__proto__" key stays data', () => {
    const r = parseJsonLocated('{"__proto__": {"polluted": 1}}');
    assert.ok(r.ok);
    const value = r.json.value as Record<string, unknown>;
    assert.deepEqual(Object.keys(value), ['__proto__']);
    assert.equal((value as { polluted?: number }).polluted, undefined);
  });

  test('refuses what JSON.parse refuses', () => {
    for (const bad of ['{', '[1,]', '{"a" 1}', "{'a': 1}", '01', '1.', 'tru', '"\\x"', '"\t"', '[1]]', 'NaN']) {
      assert.throws(() => JSON.parse(bad));
      assert.equal(parseJsonLocated(bad).ok, false, bad);
    }
  });
});
