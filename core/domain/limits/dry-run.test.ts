import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultRuleSet } from './defaults.js';
import { dryRun } from './dry-run.js';
import { beer, carton, lines, rule, ruleSet, sale } from './fixtures.test-support.js';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const T0 = 1_800_000_000_000;

describe('dry run', () => {
  test('the 7pay run: one carton per wallet passes, the rest of the day is blocked', () => {
    const sales = [
      sale('w1', T0, lines([carton, 1]), 'wallet', 'W'),
      sale('w2', T0 + 10 * MIN, lines([carton, 1]), 'wallet', 'W'),
      sale('w3', T0 + 20 * MIN, lines([carton, 1]), 'wallet', 'W'),
      sale('other', T0 + 25 * MIN, lines([carton, 1]), 'wallet', 'V'),
      sale('cash2', T0 + 30 * MIN, lines([carton, 2]), 'cash'),
      sale('beer', T0 + 40 * MIN, lines([beer, 30]), 'wallet', 'W'),
      sale('nextday', T0 + DAY, lines([carton, 1]), 'wallet', 'W'),
    ];
    const result = dryRun({ ruleSet: defaultRuleSet(), sales: [...sales].reverse() });
    assert.equal(result.checked, 7);
    assert.deepEqual(result.hits.map((h) => [h.saleId, h.outcome, h.violations.map((v) => v.ruleId).join('+')]), [
      ['w2', 'blocked', 'tobacco-wallet-yen-24h'],
      ['w3', 'blocked', 'tobacco-wallet-yen-24h'],
      ['cash2', 'override', 'tobacco-packs-per-sale'],
    ]);
    assert.deepEqual([result.blocked, result.needsOverride, result.version], [2, 1, 1]);
    // w3 is measured against w1 only: w2 was blocked, so it never happened.
    assert.equal(result.hits[1]!.violations[0]!.current, 6000);
  });

  test('only sales inside from..to are judged; earlier ones still count as wallet history', () => {
    const sales = [
      sale('early', T0 - 60 * MIN, lines([carton, 1]), 'wallet', 'W'),
      sale('in', T0, lines([carton, 1]), 'wallet', 'W'),
      sale('late', T0 + 2 * DAY, lines([carton, 5]), 'cash'),
    ];
    const result = dryRun({ ruleSet: defaultRuleSet(), sales, from: T0, to: T0 + DAY });
    assert.equal(result.checked, 1);
    assert.deepEqual(result.hits.map((h) => h.saleId), ['in']);
  });

  test('a draft tighter than the live rules shows what it would change', () => {
    const sales = [sale('s1', T0, lines([beer, 6]), 'cash'), sale('s2', T0 + MIN, lines([beer, 7]), 'cash')];
    const draft = ruleSet([rule({ ruleId: 'beer6', scope: { kind: 'category', categories: ['alcohol'] }, max: 6, tender: 'cash' })], 9);
    const result = dryRun({ ruleSet: draft, sales });
    assert.deepEqual(result.hits.map((h) => [h.saleId, h.violations[0]!.version, h.violations[0]!.attempted]), [['s2', 9, 7]]);
  });
});
