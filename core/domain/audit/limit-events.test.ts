import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateLimits } from '../limits/evaluate.js';
import { defaultRuleSet } from '../limits/defaults.js';
import { carton, lines, pack } from '../limits/fixtures.test-support.js';
import { canonicalJson } from './canonical-json.js';
import { limitBlockedEvent, limitOverrideEvent } from './limit-events.js';

describe('limit audit events', () => {
  const decision = evaluateLimits({
    ruleSet: defaultRuleSet(), lines: lines([carton, 1]), change: { kind: 'add', item: pack, quantity: 2 }, tender: 'none', now: 5,
  });
  const violation = decision.violations[0]!;

  test('a blocked scan records the cashier, sale, item and the rule with its version and allowance', () => {
    const event = limitBlockedEvent({ at: 5, cashierId: 'c1', saleId: 'S1', itemCode: pack.code, tender: 'none', violations: decision.violations });
    assert.equal(event.kind, 'limit.blocked');
    assert.equal(event.actor, 'c1');
    assert.deepEqual(event.details.violations, [{
      ruleId: 'tobacco-packs-per-sale', ruleName: violation.ruleName, version: 1, measure: 'quantity', window: 'sale',
      tender: 'any', action: 'override', limit: 10, current: 10, attempted: 12, remaining: 0,
    }]);
    assert.equal(event.details.walletId, null);
    assert.doesNotThrow(() => canonicalJson(event.details));
  });

  test('an override is recorded against the approving manager with the reason', () => {
    const event = limitOverrideEvent({
      override: { ruleId: violation.ruleId, version: 1, allowedUpTo: 12, managerId: 'm1', reasonCode: 'business-purchase', at: 9 },
      cashierId: 'c1', saleId: 'S1', violation,
    });
    assert.deepEqual([event.kind, event.actor, event.at, event.details.reasonCode, event.details.cashierId], ['limit.override', 'm1', 9, 'business-purchase', 'c1']);
  });
});
