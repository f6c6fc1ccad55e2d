import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CatalogItem } from '../catalog-item.js';
import { describeViolation, evaluateLimits, type AttemptedTender, type LimitCheck } from './evaluate.js';
import { beer, carton, lines, onigiri, pack, rule, ruleSet, sale } from './fixtures.test-support.js';
import type { LimitAction, LimitMeasure, LimitScope, LimitWindow, TenderFilter } from './rule.js';
import { InMemoryWalletHistory } from './wallet-history.js';

const HOUR = 3_600_000;
const NOW = 1_800_000_000_000;

function check(partial: Partial<LimitCheck> & Pick<LimitCheck, 'ruleSet'>): LimitCheck {
  return { lines: [], change: { kind: 'tender' }, tender: 'none', now: NOW, ...partial };
}

describe('evaluateLimits: every rule kind', () => {
  const scopes: LimitScope[] = [
    { kind: 'item', codes: [pack.code] },
    { kind: 'category', categories: ['tobacco'] },
    { kind: 'basket' },
  ];
  const measures: LimitMeasure[] = ['quantity', 'amount'];
  const windows: LimitWindow[] = ['sale', 'wallet-24h'];
  const filters: TenderFilter[] = ['any', 'wallet', 'cash'];
  const actions: LimitAction[] = ['block', 'override'];
  const tenders: AttemptedTender[] = ['none', 'cash', 'wallet'];

  /** What should happen to a second pack when one is already in the basket and max allows exactly one. */
  function expected(window: LimitWindow, filter: TenderFilter, tender: AttemptedTender): 'violation' | 'warning' | 'none' {
    const effective = window === 'wallet-24h' ? 'wallet' : filter;
    if (effective === 'any') return 'violation';
    if (tender === 'none') return 'warning';
    return effective === tender ? 'violation' : 'none';
  }

  for (const scope of scopes) for (const measure of measures) for (const window of windows)
    for (const filter of filters) for (const action of actions) {
      if (window === 'wallet-24h' && filter === 'cash') continue; // rejected by ruleProblems
      const name = `${scope.kind} × ${measure} × ${window} × tender ${filter} × ${action}`;
      test(name, () => {
        const r = rule({ scope, measure, window, tender: filter, action, max: measure === 'quantity' ? 1 : pack.price });
        const history = new InMemoryWalletHistory();
        for (const tender of tenders) {
          const decision = evaluateLimits(check({
            ruleSet: ruleSet([r], 7),
            lines: lines([pack, 1]),
            change: { kind: 'add', item: pack, quantity: 1 },
            tender,
            walletId: tender === 'wallet' ? 'W1' : undefined,
            history,
          }));
          const want = expected(window, filter, tender);
          assert.equal(decision.version, 7);
          assert.equal(decision.violations.length, want === 'violation' ? 1 : 0, `${tender}: violations`);
          assert.equal(decision.warnings.length, want === 'warning' ? 1 : 0, `${tender}: warnings`);
          assert.equal(decision.allowed, want !== 'violation', `${tender}: allowed`);
          const v = decision.violations[0] ?? decision.warnings[0];
          if (v) {
            const unit = measure === 'quantity' ? 1 : pack.price;
            assert.deepEqual(
              { ruleId: v.ruleId, version: v.version, limit: v.limit, current: v.current, attempted: v.attempted, remaining: v.remaining, action: v.action },
              { ruleId: 'r1', version: 7, limit: unit, current: unit, attempted: 2 * unit, remaining: 0, action },
            );
          }
          if (want === 'violation') {
            assert.equal(decision.overridable, action === 'override');
            // A manager approval for the attempted total lets an 'override' rule pass, never a 'block' rule.
            const approved = evaluateLimits(check({
              ruleSet: ruleSet([r], 7), lines: lines([pack, 1]), change: { kind: 'add', item: pack, quantity: 1 }, tender,
              walletId: tender === 'wallet' ? 'W1' : undefined, history,
              overrides: [{ ruleId: 'r1', version: 7, allowedUpTo: v!.attempted, managerId: 'm1', reasonCode: 'other', at: NOW }],
            }));
            assert.equal(approved.allowed, action === 'override');
            assert.equal(approved.overridden.length, action === 'override' ? 1 : 0);
          }
        }
        // Items outside the scope never trip it (a basket rule covers everything).
        const other = evaluateLimits(check({
          ruleSet: ruleSet([r]), lines: lines([pack, 1]), change: { kind: 'add', item: onigiri, quantity: 1 },
          tender: 'wallet', walletId: 'W1', history,
        }));
        assert.equal(other.violations.length > 0, scope.kind === 'basket' && filter !== 'cash');
      });
    }
});

describe('evaluateLimits: details', () => {
  const packsPerSale = rule({ ruleId: 'packs', name: 'Tobacco 10 packs per sale', max: 10, action: 'override' });

  test('a carton counts as 10 packs', () => {
    const ok = evaluateLimits(check({ ruleSet: ruleSet([packsPerSale]), change: { kind: 'add', item: carton, quantity: 1 } }));
    assert.equal(ok.allowed, true);
    const over = evaluateLimits(check({
      ruleSet: ruleSet([packsPerSale]), lines: lines([pack, 1]), change: { kind: 'add', item: carton, quantity: 1 },
    }));
    assert.equal(over.allowed, false);
    assert.deepEqual([over.violations[0]!.current, over.violations[0]!.attempted, over.violations[0]!.remaining], [1, 11, 9]);
  });

  test('the message names the rule and the remaining allowance', () => {
    const d = evaluateLimits(check({
      ruleSet: ruleSet([packsPerSale], 3), lines: lines([pack, 8]), change: { kind: 'add', item: pack, quantity: 3 },
    }));
    const text = describeViolation(d.violations[0]!);
    assert.match(text, /Tobacco 10 packs per sale/);
    assert.match(text, /v3/);
    assert.match(text, /2 units remaining/);
    assert.match(text, /manager override required/);
  });

  test('an override covers only up to the approved total, and only for its version', () => {
    const override = { ruleId: 'packs', version: 1, allowedUpTo: 12, managerId: 'm1', reasonCode: 'business-purchase', at: NOW };
    const base = { ruleSet: ruleSet([packsPerSale]), lines: lines([pack, 10]) };
    assert.equal(evaluateLimits(check({ ...base, change: { kind: 'add', item: pack, quantity: 2 }, overrides: [override] })).allowed, true);
    assert.equal(evaluateLimits(check({ ...base, change: { kind: 'add', item: pack, quantity: 3 }, overrides: [override] })).allowed, false);
    const otherVersion = evaluateLimits(check({
      ...base, ruleSet: ruleSet([packsPerSale], 2), change: { kind: 'add', item: pack, quantity: 1 }, overrides: [override],
    }));
    assert.equal(otherVersion.allowed, false);
  });

  test('disabled rules are ignored', () => {
    const d = evaluateLimits(check({
      ruleSet: ruleSet([{ ...packsPerSale, enabled: false }]), lines: lines([pack, 10]), change: { kind: 'add', item: pack, quantity: 1 },
    }));
    assert.equal(d.allowed, true);
  });

  test('no rule set in force allows everything', () => {
    const d = evaluateLimits(check({ ruleSet: undefined, lines: lines([pack, 50]), change: { kind: 'add', item: pack, quantity: 1 } }));
    assert.deepEqual(d, { allowed: true, version: null, violations: [], overridable: false, warnings: [], overridden: [] });
  });

  test('raising a line quantity can violate, lowering it cannot', () => {
    const base = { ruleSet: ruleSet([packsPerSale]), lines: lines([beer, 2], [pack, 9]) };
    const up = evaluateLimits(check({ ...base, change: { kind: 'setQuantity', lineId: 'L2', quantity: 12 } }));
    assert.deepEqual([up.allowed, up.violations[0]?.attempted], [false, 12]);
    const overLines = lines([pack, 15]);
    const down = evaluateLimits(check({ ...base, lines: overLines, change: { kind: 'setQuantity', lineId: 'L1', quantity: 12 } }));
    assert.equal(down.allowed, true);
  });

  test('an already-over basket still takes items outside the scope', () => {
    const d = evaluateLimits(check({
      ruleSet: ruleSet([packsPerSale]), lines: lines([pack, 15]), change: { kind: 'add', item: beer, quantity: 1 },
    }));
    assert.equal(d.allowed, true);
  });

  test('the tender check measures the whole basket, current being what came before this sale', () => {
    const d = evaluateLimits(check({ ruleSet: ruleSet([packsPerSale]), lines: lines([pack, 5], [carton, 1]), tender: 'cash' }));
    assert.deepEqual([d.violations[0]!.current, d.violations[0]!.attempted, d.violations[0]!.remaining], [0, 15, 10]);
  });

  test('several rules report together; overridable only when every blocking rule allows overrides', () => {
    const yen = rule({ ruleId: 'yen', name: 'Tobacco ¥5,000 per sale', measure: 'amount', max: 5000, action: 'block' });
    const d = evaluateLimits(check({ ruleSet: ruleSet([packsPerSale, yen]), lines: lines([pack, 9]), change: { kind: 'add', item: pack, quantity: 2 } }));
    assert.deepEqual(d.violations.map((v) => v.ruleId), ['packs', 'yen']);
    assert.equal(d.overridable, false);
  });
});

describe('evaluateLimits: rolling 24 h wallet window', () => {
  const walletYen = rule({ ruleId: 'wy', name: 'Tobacco ¥10,000 per wallet per 24 h', measure: 'amount', max: 10_000, window: 'wallet-24h', tender: 'wallet' });
  const basket = lines([carton, 1]);

  function atTender(history: InMemoryWalletHistory, walletId: string | undefined = 'W1', item: CatalogItem = carton) {
    return evaluateLimits(check({ ruleSet: ruleSet([walletYen]), lines: lines([item, 1]), tender: 'wallet', walletId, history }));
  }

  test('a purchase 24 h minus 1 ms ago counts', () => {
    const history = new InMemoryWalletHistory([sale('s1', NOW - 24 * HOUR + 1, basket, 'wallet', 'W1')]);
    const d = atTender(history);
    assert.equal(d.allowed, false);
    assert.deepEqual([d.violations[0]!.current, d.violations[0]!.attempted, d.violations[0]!.remaining], [6000, 12000, 4000]);
    assert.equal(d.violations[0]!.walletHistoryCounted, true);
  });

  test('a purchase exactly 24 h ago no longer counts', () => {
    const history = new InMemoryWalletHistory([sale('s1', NOW - 24 * HOUR, basket, 'wallet', 'W1')]);
    assert.equal(atTender(history).allowed, true);
  });

  test('other wallets, cash sales and other categories do not count', () => {
    const history = new InMemoryWalletHistory([
      sale('s1', NOW - HOUR, basket, 'wallet', 'W2'),
      sale('s2', NOW - HOUR, basket, 'cash'),
      sale('s3', NOW - HOUR, lines([beer, 40]), 'wallet', 'W1'),
    ]);
    assert.equal(atTender(history).allowed, true);
  });

  test('at scan time the wallet cap is a warning on this sale alone', () => {
    const history = new InMemoryWalletHistory([sale('s1', NOW - HOUR, basket, 'wallet', 'W1')]);
    const d = evaluateLimits(check({
      ruleSet: ruleSet([walletYen]), lines: lines([carton, 1]), change: { kind: 'add', item: carton, quantity: 1 }, history,
    }));
    assert.equal(d.allowed, true);
    assert.equal(d.warnings.length, 1);
    assert.equal(d.warnings[0]!.walletHistoryCounted, false);
    assert.equal(d.warnings[0]!.attempted, 12000);
  });

  test('a cash tender is not subject to the wallet cap', () => {
    const history = new InMemoryWalletHistory([sale('s1', NOW - HOUR, basket, 'wallet', 'W1')]);
    const d = evaluateLimits(check({ ruleSet: ruleSet([walletYen]), lines: lines([carton, 2]), tender: 'cash', history }));
    assert.equal(d.allowed, true);
    assert.equal(d.warnings.length, 0);
  });
});
