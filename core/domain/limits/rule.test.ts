import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TOBACCO_PACKS_PER_SALE, TOBACCO_YEN_PER_WALLET_DAY, defaultRuleSet } from './defaults.js';
import { evaluateLimits } from './evaluate.js';
import { carton, lines, pack, rule, ruleSet } from './fixtures.test-support.js';
import { ruleProblems, ruleSetProblems } from './rule-problems.js';
import { nextRuleSetVersion, ruleSetAt, type RuleSet } from './rule.js';
import { InMemoryWalletHistory } from './wallet-history.js';

describe('rule set versions', () => {
  const v1 = ruleSet([rule({ max: 10 })], 1, 0);
  const v2 = ruleSet([rule({ max: 20 })], 2, 1000);
  const v3 = ruleSet([rule({ max: 5 })], 3, 500);

  test('the version in force is the highest-numbered one already effective', () => {
    const versions = [v1, v2, v3];
    assert.equal(ruleSetAt(versions, -1), undefined);
    assert.equal(ruleSetAt(versions, 0)?.version, 1);
    assert.equal(ruleSetAt(versions, 499)?.version, 1);
    assert.equal(ruleSetAt(versions, 500)?.version, 3);
    // v2 was scheduled for 1000 but v3 came later: the latest decision wins.
    assert.equal(ruleSetAt(versions, 5000)?.version, 3);
    assert.equal(ruleSetAt([v1, v2], 999)?.version, 1);
    assert.equal(ruleSetAt([v1, v2], 1000)?.version, 2);
  });

  test('a sale is checked against the version in force and the decision carries it', () => {
    const versions = [v1, v2];
    const at = (time: number) => evaluateLimits({
      ruleSet: ruleSetAt(versions, time), lines: lines([pack, 12]), change: { kind: 'add', item: pack, quantity: 1 }, tender: 'none', now: time,
    });
    const before = at(999);
    assert.deepEqual([before.allowed, before.version, before.violations[0]?.version, before.violations[0]?.limit], [false, 1, 1, 10]);
    const after = at(1000);
    assert.deepEqual([after.allowed, after.version], [true, 2]);
  });

  test('nextRuleSetVersion numbers after the highest and copies the rules', () => {
    const draftRules = [rule({ max: 3 })];
    const made = nextRuleSetVersion([v1, v3, v2], { effectiveFrom: 2000, rules: draftRules, comment: 'lower cap' }, { createdBy: 'm7', createdAt: 1500 });
    assert.deepEqual({ ...made, rules: undefined }, { version: 4, effectiveFrom: 2000, rules: undefined, createdBy: 'm7', createdAt: 1500, comment: 'lower cap' });
    draftRules[0]!.max = 99;
    assert.equal(made.rules[0]!.max, 3);
  });
});

describe('rule problems', () => {
  test('defaults are valid', () => {
    const d = defaultRuleSet();
    assert.deepEqual(ruleSetProblems(d), []);
  });

  test('names what is wrong and where', () => {
    const problems = ruleSetProblems({
      effectiveFrom: 0,
      comment: '',
      rules: [
        rule({ ruleId: 'a' }),
        rule({ ruleId: 'a', max: -1 }),
        rule({ ruleId: 'b', scope: { kind: 'item', codes: ['12ab'] }, window: 'wallet-24h', tender: 'cash' }),
      ],
    });
    assert.deepEqual(problems.map((p) => p.path.join('.')), ['rules.1.ruleId', 'rules.1.max', 'rules.2.scope.codes.0', 'rules.2.tender']);
    assert.match(problems[0]!.message, /already used by rules\[0\]/);
  });

  test('an item code must be one the catalog can hold: 13-digit (or 8-digit) form, right check digit', () => {
    const problems = (codes: string[]) => ruleProblems(rule({ scope: { kind: 'item', codes } })).map((p) => p.message);
    assert.deepEqual(problems(['4962106000109', '45123450']), []);
    assert.match(problems(['4566010000104'])[0]!, /wrong check digit/);
    assert.match(problems(['04962106000109'])[0]!, /GTIN-14: the catalog knows it as "4962106000109"/);
    assert.match(problems(['012345678905'])[0]!, /UPC-A code: the catalog knows it as "0012345678905"/);
    assert.match(problems(['14962106000106'])[0]!, /13-digit JAN/);
  });

  test('empty scopes and unknown categories are refused', () => {
    assert.equal(ruleProblems(rule({ scope: { kind: 'item', codes: [] } })).length, 1);
    assert.equal(ruleProblems(rule({ scope: { kind: 'category', categories: [] } })).length, 1);
    const bogus = rule({ scope: { kind: 'category', categories: ['tobacco', 'guns' as 'tobacco'] } });
    assert.deepEqual(ruleProblems(bogus).map((p) => p.path), [['scope', 'categories', 1]]);
  });
});

describe('shipped defaults', () => {
  const defaults: RuleSet = defaultRuleSet();

  test('one carton per sale passes; a carton and a pack need a manager', () => {
    const one = evaluateLimits({ ruleSet: defaults, lines: [], change: { kind: 'add', item: carton, quantity: 1 }, tender: 'none', now: 1 });
    assert.equal(one.allowed, true);
    const more = evaluateLimits({ ruleSet: defaults, lines: lines([carton, 1]), change: { kind: 'add', item: pack, quantity: 1 }, tender: 'none', now: 1 });
    assert.deepEqual([more.allowed, more.overridable, more.violations[0]?.ruleId], [false, true, TOBACCO_PACKS_PER_SALE.ruleId]);
  });

  test('¥10,000 of tobacco per wallet per 24 h is refused at wallet tender, no override', () => {
    const history = new InMemoryWalletHistory([
      { saleId: 's1', completedAt: 1000, lines: lines([carton, 1]), tenders: [{ kind: 'wallet' }], walletId: 'W1' },
    ]);
    const d = evaluateLimits({ ruleSet: defaults, lines: lines([carton, 1]), change: { kind: 'tender' }, tender: 'wallet', walletId: 'W1', now: 2000, history });
    assert.deepEqual([d.allowed, d.overridable, d.violations[0]?.ruleId, d.violations[0]?.remaining], [false, false, TOBACCO_YEN_PER_WALLET_DAY.ruleId, 4000]);
  });

  test('defaults are fresh copies: editing one does not change the shipped rules', () => {
    const mine = defaultRuleSet();
    mine.rules[0]!.max = 1;
    assert.equal(defaultRuleSet().rules[0]!.max, 10);
    assert.equal(TOBACCO_PACKS_PER_SALE.max, 10);
  });
});
