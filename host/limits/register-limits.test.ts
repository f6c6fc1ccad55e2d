/**
 * The limits as the Register runs them, over the real SQLite store (rule versions, audit log, staff,
 * sale versions) and the real PIN gate, with a cheap scrypt cost so the tests stay quick.
 */
import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { RegisterError } from '../../core/api.js';
import { TOBACCO_PACKS_PER_SALE } from '../../core/domain/limits/defaults.js';
import type { LimitRule } from '../../core/domain/limits/rule.js';
import { saleRuleVersion } from '../../db/limit-checked-journal.js';
import { openRegisterStore } from '../../db/register-store.js';
import { DEMO_CODES } from '../../db/seed/demo-catalog.js';
import { tempDir } from '../../db/testing/temp-dir.js';
import { createRegister } from '../create-register.js';
import { setupLimits } from './setup-limits.js';

const CHEAP = { N: 1024, r: 8, p: 1, keyLength: 32 };

async function rig(t: TestContext) {
  const store = openRegisterStore(tempDir(t));
  t.after(() => store.close());
  const clock = { time: 1_800_000_000_000, now() { return this.time; } };
  const setup = await setupLimits(store, clock, { scryptCost: CHEAP });
  let n = 0;
  const register = createRegister({
    registerId: 'R-TEST', mode: 'simulator', catalog: store.catalog, journal: setup.journal, clock, limits: setup.limits,
    newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  });
  const kinds = () => setup.audit.entries().map((e) => e.kind);
  return { store, clock, setup, register, kinds };
}

async function rejects(promise: Promise<unknown>, code: string): Promise<RegisterError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof RegisterError, String(error));
    assert.equal(error.code, code, error.message);
    return error;
  }
  assert.fail(`expected a ${code} refusal`);
}

const pack = DEMO_CODES.tobaccoPack;

describe('purchase limits in the register', () => {
  test('the 11th pack is refused naming the rule with 0 remaining, held for a manager, and audited', async (t) => {
    const { register, kinds } = await rig(t);
    for (let i = 0; i < 10; i++) assert.equal((await register.scan({ data: pack })).accepted, true);
    const outcome = await register.scan({ data: pack });
    assert.equal(outcome.accepted, false);
    assert.equal(!outcome.accepted && outcome.message.code, 'limit.overrideRequired');
    assert.equal(!outcome.accepted && outcome.message.params.rule, TOBACCO_PACKS_PER_SALE.name);
    assert.equal(!outcome.accepted && outcome.message.params.remaining, 0);
    const state = await register.getState();
    assert.equal(state.lines[0]?.quantity, 10);
    assert.deepEqual(
      [state.pendingOverride?.ruleId, state.pendingOverride?.attempted, state.pendingOverride?.held.kind],
      ['tobacco-packs-per-sale', 11, 'add'],
    );
    assert.deepEqual(kinds(), ['limit.blocked']);
    await register.cancelOverride();
    assert.equal((await register.getState()).pendingOverride, null);
  });

  test('a carton counts as 10 packs', async (t) => {
    const { register } = await rig(t);
    assert.equal((await register.scan({ data: DEMO_CODES.tobaccoCarton })).accepted, true);
    const outcome = await register.scan({ data: pack });
    assert.equal(!outcome.accepted && outcome.message.params.attempted, 11);
  });

  test('a quantity change that would exceed is refused and the line keeps its quantity', async (t) => {
    const { register } = await rig(t);
    await register.scan({ data: pack });
    await rejects(register.setQuantity({ lineId: 'L1', quantity: 11 }), 'limit.overrideRequired');
    const state = await register.getState();
    assert.equal(state.lines[0]?.quantity, 1);
    assert.deepEqual(state.pendingOverride?.held, { kind: 'setQuantity', lineId: 'L1', quantity: 11 });
    await register.setQuantity({ lineId: 'L1', quantity: 10 });
    assert.equal((await register.getState()).lines[0]?.quantity, 10);
  });

  test('a manager PIN approves the held pack: it is added and the override audited', async (t) => {
    const { register, kinds, setup } = await rig(t);
    for (let i = 0; i < 11; i++) await register.scan({ data: pack });
    const state = await register.approveOverride({ managerId: 'M001', pin: '1234', reasonCode: 'business-purchase' });
    assert.equal(state.lines[0]?.quantity, 11);
    assert.equal(state.pendingOverride, null);
    assert.ok(state.messages.some((m) => m.code === 'limit.overridden'));
    assert.deepEqual(kinds(), ['limit.blocked', 'manager.login', 'limit.override']);
    const override = setup.audit.entries()[2]!;
    assert.deepEqual([override.actor, override.details.reasonCode, override.details.allowedUpTo], ['M001', 'business-purchase', 11]);
    // The approval covers up to 11: the 12th needs another one.
    const twelfth = await register.scan({ data: pack });
    assert.equal(!twelfth.accepted && twelfth.message.code, 'limit.overrideRequired');
    assert.equal(setup.audit.verify().ok, true);
  });

  test('an emptied sale is given up: its override and age confirmation do not reach the next customer', async (t) => {
    const { register, setup } = await rig(t);
    const approved = async () => {
      await register.scan({ data: pack });
      await rejects(register.setQuantity({ lineId: (await register.getState()).lines[0]!.lineId, quantity: 12 }), 'limit.overrideRequired');
      const state = await register.approveOverride({ managerId: 'M001', pin: '1234', reasonCode: 'business-purchase' });
      assert.equal(state.lines[0]?.quantity, 12);
      assert.equal((await register.confirmAge({ confirmed: true })).ageCheck, 'confirmed');
      return state.lines[0]!.lineId;
    };
    // Customer A: 12 packs approved by a manager, age confirmed; every line voided.
    await register.voidLine({ lineId: await approved() });
    // The next customer, with or without F1 first, starts with nothing approved.
    for (const newSale of [false, true]) {
      if (newSale) {
        await register.voidLine({ lineId: await approved() });
        assert.equal((await register.newSale()).messages[0]?.code, 'sale.started');
      }
      await register.scan({ data: pack });
      const lineId = (await register.getState()).lines[0]!.lineId;
      await rejects(register.setQuantity({ lineId, quantity: 12 }), 'limit.overrideRequired');
      assert.equal((await register.getState()).ageCheck, 'required', 'the age is asked again');
      await register.cancelOverride();
      await register.voidLine({ lineId });
    }
    // The audit log tells the tries apart: the approvals name R-TEST#1 and R-TEST#1.3, the last refusal R-TEST#1.4.
    const saleIds = setup.audit.entries().filter((e) => e.kind === 'limit.override' || e.kind === 'limit.blocked').map((e) => e.details.saleId);
    assert.deepEqual(saleIds, ['R-TEST#1', 'R-TEST#1', 'R-TEST#1.2', 'R-TEST#1.3', 'R-TEST#1.3', 'R-TEST#1.4']);
  });

  test('F1 on an open sale keeps it and says why', async (t) => {
    const { register } = await rig(t);
    await register.scan({ data: DEMO_CODES.onigiriSalmon });
    const state = await register.newSale();
    assert.equal(state.lines.length, 1, 'the customer\'s line is kept');
    assert.deepEqual([state.messages[0]?.code, state.messages[0]?.params], ['sale.stillOpen', { lines: 1 }]);
  });

  test('F1 after a completed sale says a new sale started, so nothing said about the last one stays up', async (t) => {
    const { register } = await rig(t);
    await register.scan({ data: DEMO_CODES.onigiriSalmon });
    await register.payCash({ tendered: 1000 });
    await rejects(register.payCash({ tendered: 1000 }), 'sale.emptyBasket');
    const state = await register.newSale();
    assert.equal(state.phase, 'scanning');
    // sale.started is progress: the cashier screen's banner and status line drop the warning and the old sale's result.
    assert.deepEqual(state.messages.slice(0, 3).map((m) => m.code), ['sale.started', 'sale.emptyBasket', 'sale.completed']);
  });

  test('a pending override does not survive F1 on an empty basket', async (t) => {
    const { register } = await rig(t);
    await register.scan({ data: DEMO_CODES.tobaccoCarton });
    await register.voidLine({ lineId: (await register.getState()).lines[0]!.lineId });
    assert.equal((await register.scan({ data: DEMO_CODES.tobaccoCarton })).accepted, true);
    const refused = await register.scan({ data: pack });
    assert.equal(!refused.accepted && refused.message.code, 'limit.overrideRequired');
    const lineId = (await register.getState()).lines[0]!.lineId;
    await register.voidLine({ lineId });
    assert.equal((await register.getState()).pendingOverride, null, 'voiding the last line ends the held request too');
    await rejects(register.approveOverride({ managerId: 'M001', pin: '1234', reasonCode: 'other' }), 'invalid-request');
  });

  test('a refusal that empties the basket gives the sale up too', async (t) => {
    const { register } = await rig(t);
    await register.scan({ data: pack });
    await rejects(register.setQuantity({ lineId: (await register.getState()).lines[0]!.lineId, quantity: 12 }), 'limit.overrideRequired');
    await register.approveOverride({ managerId: 'M001', pin: '1234', reasonCode: 'business-purchase' });
    assert.equal((await register.confirmAge({ confirmed: false })).lines.length, 0);
    await register.scan({ data: pack });
    await rejects(register.setQuantity({ lineId: (await register.getState()).lines[0]!.lineId, quantity: 12 }), 'limit.overrideRequired');
  });

  test('a cashier PIN cannot approve; 5 wrong PINs lock the manager id even for the right PIN', async (t) => {
    const { register, kinds } = await rig(t);
    for (let i = 0; i < 11; i++) await register.scan({ data: pack });
    await rejects(register.approveOverride({ managerId: 'C001', pin: '0000', reasonCode: 'other' }), 'unauthorized');
    for (let i = 0; i < 5; i++) await rejects(register.approveOverride({ managerId: 'M001', pin: '9999', reasonCode: 'other' }), 'unauthorized');
    const locked = await rejects(register.approveOverride({ managerId: 'M001', pin: '1234', reasonCode: 'other' }), 'unauthorized');
    assert.equal(locked.details?.reason, 'locked');
    assert.equal((await register.getState()).lines[0]?.quantity, 10);
    const k = kinds();
    assert.equal(k.filter((x) => x === 'manager.loginFailed').length, 1 + 4 + 1);
    assert.equal(k.filter((x) => x === 'manager.locked').length, 1);
    assert.ok(!k.includes('limit.override'));
  });

  test('a sale keeps the version it was checked against when the manager lowers the cap', async (t) => {
    const { register, clock, store } = await rig(t);
    await register.scan({ data: pack });
    await register.confirmAge({ confirmed: true });
    const first = await register.payCash({ tendered: 10_000 });
    assert.equal(saleRuleVersion(store.db, first.saleId), 1);

    const session = (await register.managerLogin({ managerId: 'M001', pin: '1234' })).token;
    const rules: LimitRule[] = (await register.limitsOverview({ session })).current!.rules.map((r) =>
      r.ruleId === TOBACCO_PACKS_PER_SALE.ruleId ? { ...r, max: 3, action: 'block', name: 'Tobacco: at most 3 packs' } : r);
    const saved = await register.limitsSave({ session, rules, comment: 'cap 3' });
    assert.equal(saved.version, 2);
    clock.time += 1;

    for (let i = 0; i < 3; i++) assert.equal((await register.scan({ data: pack })).accepted, true);
    const fourth = await register.scan({ data: pack });
    assert.deepEqual(!fourth.accepted && [fourth.message.code, fourth.message.params.rule, fourth.message.params.version], ['limit.blocked', 'Tobacco: at most 3 packs', 2]);
    assert.equal((await register.getState()).pendingOverride, null, 'a block rule offers no override');
    await register.confirmAge({ confirmed: true });
    const second = await register.payCash({ tendered: 10_000 });
    assert.equal(saleRuleVersion(store.db, second.saleId), 2);
    assert.equal(saleRuleVersion(store.db, first.saleId), 1);
  });
});

describe('age confirmation', () => {
  test('tender waits for the customer; a confirmation holds for later restricted scans in the sale', async (t) => {
    const { register } = await rig(t);
    await register.scan({ data: DEMO_CODES.beer });
    assert.equal((await register.getState()).ageCheck, 'required');
    await rejects(register.payCash({ tendered: 5000 }), 'age.confirmationRequired');
    assert.equal((await register.confirmAge({ confirmed: true })).ageCheck, 'confirmed');
    await register.scan({ data: DEMO_CODES.chuhai });
    assert.equal((await register.getState()).ageCheck, 'confirmed');
    await register.payCash({ tendered: 5000 });
    await register.scan({ data: DEMO_CODES.beer });
    assert.equal((await register.getState()).ageCheck, 'required', 'the next sale asks again');
  });

  test('a refusal removes only the restricted lines and is audited', async (t) => {
    const { register, kinds } = await rig(t);
    await register.scan({ data: DEMO_CODES.beer });
    await register.scan({ data: DEMO_CODES.onigiriSalmon });
    await register.scan({ data: pack });
    const state = await register.confirmAge({ confirmed: false });
    assert.deepEqual(state.lines.map((l) => l.item.code), [DEMO_CODES.onigiriSalmon]);
    assert.equal(state.ageCheck, 'refused');
    assert.equal(state.messages[0]?.code, 'age.refused');
    assert.deepEqual(kinds(), ['age.refused']);
    const sale = await register.payCash({ tendered: 1000 });
    assert.equal(sale.lines.length, 1);
  });

  test('confirming with nothing restricted is refused', async (t) => {
    const { register } = await rig(t);
    await register.scan({ data: DEMO_CODES.onigiriSalmon });
    assert.equal((await register.getState()).ageCheck, 'not-required');
    await rejects(register.confirmAge({ confirmed: true }), 'invalid-request');
  });
});

describe('manager console', () => {
  test('needs a live session; an idle session expires', async (t) => {
    const { register, clock, kinds } = await rig(t);
    await rejects(register.limitsOverview({ session: 'made-up' }), 'unauthorized');
    const session = (await register.managerLogin({ managerId: 'M001', pin: '1234' })).token;
    assert.equal((await register.limitsOverview({ session })).current?.version, 1);
    clock.time += 15 * 60_000;
    await rejects(register.limitsOverview({ session }), 'unauthorized');
    await rejects(register.managerLogin({ managerId: 'C001', pin: '0000' }), 'unauthorized');
    assert.deepEqual(kinds(), ['manager.login', 'manager.loginFailed']);
  });

  test('a malformed import is rejected whole with line numbers; a good one becomes a version; invalid saves are refused', async (t) => {
    const { register, kinds } = await rig(t);
    const session = (await register.managerLogin({ managerId: 'M001', pin: '1234' })).token;
    const exported = await register.limitsExport({ session });
    const bad = exported.json.replace('"max": 10,', '"max": -1,');
    const result = await register.limitsImport({ session, text: bad });
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.errors.some((e) => e.path === 'rules[0].max' && e.line > 1));
    assert.equal((await register.limitsOverview({ session })).versions.length, 1);
    const good = await register.limitsImport({ session, text: exported.json.replace('"max": 10,', '"max": 5,') });
    assert.equal(good.ok && good.ruleSet.version, 2);
    const rules = (await register.limitsOverview({ session })).current!.rules;
    assert.equal(rules[0]?.max, 5);
    await rejects(register.limitsSave({ session, rules: [...rules, rules[0]!], comment: 'dup' }), 'invalid-request');
    assert.deepEqual(kinds().slice(1), ['rules.imported']);
  });

  test('a dry run shows which recorded sales a draft would have blocked', async (t) => {
    const { register } = await rig(t);
    for (const packs of [2, 5]) {
      for (let i = 0; i < packs; i++) await register.scan({ data: pack });
      await register.confirmAge({ confirmed: true });
      await register.payCash({ tendered: 10_000 });
    }
    const session = (await register.managerLogin({ managerId: 'M001', pin: '1234' })).token;
    const rules: LimitRule[] = [{ ...TOBACCO_PACKS_PER_SALE, max: 3, action: 'block' }];
    const report = await register.limitsDryRun({ session, rules, days: 7 });
    assert.deepEqual([report.checked, report.blocked, report.hits.length], [2, 1, 1]);
    assert.equal(report.hits[0]?.violations[0]?.attempted, 5);
  });
});
