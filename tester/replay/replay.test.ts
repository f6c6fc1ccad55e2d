import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEMO_CATALOG } from '../../db/seed/demo-catalog.js';
import { generateTraffic } from './generator.js';
import { RULES_OFF, runReplay, SHIPPED_DEFAULTS } from './run-replay.js';
import { formatReport, summarize, type Attempt } from './summary.js';

const SMALL = { seed: 7, customers: 25, attackWallets: 3, stores: 2 };

describe('incident replay generator', () => {
  test('the same seed gives the same day; another seed another day', () => {
    assert.deepEqual(generateTraffic(SMALL), generateTraffic(SMALL));
    assert.notDeepEqual(generateTraffic(SMALL).visits, generateTraffic({ ...SMALL, seed: 8 }).visits);
  });

  test('the day has the shape asked for: customers, ~30% wallets, attackers buying cartons at few stores', () => {
    const t = generateTraffic({ seed: 1, customers: 1000, attackWallets: 10, stores: 8 });
    const legit = t.visits.filter((v) => v.kind === 'legit');
    assert.equal(legit.length, 1000);
    const walletShare = legit.filter((v) => v.wallet !== null).length / legit.length;
    assert.ok(walletShare > 0.25 && walletShare < 0.35, `wallet share ${walletShare}`);
    const attack = t.visits.filter((v) => v.kind === 'attack');
    const cartons = new Set(DEMO_CATALOG.filter((i) => (i.unitsPerItem ?? 1) === 10).map((i) => i.code));
    assert.ok(attack.length >= 10);
    assert.ok(attack.every((v) => v.wallet !== null && v.basket.every((b) => cartons.has(b.code))));
    assert.ok(new Set(attack.map((v) => v.store)).size <= 2);
    assert.ok(t.wallets.filter((w) => w.kind === 'attack').every((w) => w.topUps.length >= 1));
    for (let i = 1; i < t.visits.length; i++) assert.ok(t.visits[i - 1]!.at <= t.visits[i]!.at, 'sorted by time');
  });
});

describe('replay summary', () => {
  test('arithmetic on hand-made attempts', () => {
    const m = 60_000;
    const attempts: Attempt[] = [
      { at: 10 * m, kind: 'attack', tender: 'wallet', wallet: 5, amount: 5800, outcome: 'paid' },
      { at: 14 * m, kind: 'attack', tender: 'wallet', wallet: 5, amount: 6000, outcome: 'refused', reason: 'limit.blocked' },
      { at: 20 * m, kind: 'attack', tender: 'wallet', wallet: 6, amount: 5400, outcome: 'refused', reason: 'limit.blocked' },
      { at: 1 * m, kind: 'legit', tender: 'wallet', wallet: 1, amount: 300, outcome: 'paid' },
      { at: 2 * m, kind: 'legit', tender: 'wallet', wallet: 2, amount: 11600, outcome: 'refused', reason: 'limit.blocked' },
      { at: 2 * m, kind: 'legit', tender: 'cash', wallet: 2, amount: 11600, outcome: 'paid' },
      { at: 3 * m, kind: 'legit', tender: 'cash', wallet: null, amount: 500, outcome: 'paid' },
    ];
    const s = summarize(attempts, 3);
    assert.equal(s.attackYenAttempted, 17_200);
    assert.equal(s.attackYenPaid, 5_800);
    assert.equal(s.attackYenStopped, 11_400);
    assert.equal(s.accountsAffected, 1);
    assert.equal(s.minutesToDetection, 4);
    assert.deepEqual(s.attackRefusalsByReason, { 'limit.blocked': 2 });
    assert.equal(s.legitWalletAttempts, 2);
    assert.equal(s.legitWalletDeclined, 1);
    assert.equal(s.falseDeclineRate, 0.5);
    assert.equal(s.legitSales, 3);
    assert.equal(s.legitYenPaid, 12_400);
    assert.match(formatReport([{ title: 'x', summary: s }]), /false-decline rate\s+50\.0%/);
  });

  test('a small run: rules off pays every attempt out; the defaults stop the second carton per wallet', { timeout: 60_000 }, async () => {
    const traffic = generateTraffic(SMALL);
    const attackVisits = traffic.visits.filter((v) => v.kind === 'attack');
    const off = await runReplay(traffic, RULES_OFF);
    assert.equal(off.summary.attackAttempts, attackVisits.length);
    assert.equal(off.summary.attackYenPaid, off.summary.attackYenAttempted);
    assert.equal(off.summary.minutesToDetection, null);
    assert.equal(off.summary.accountsAffected, SMALL.attackWallets);

    const on = await runReplay(traffic, SHIPPED_DEFAULTS);
    assert.equal(on.summary.attackYenPaid + on.summary.attackYenStopped, on.summary.attackYenAttempted);
    assert.ok(on.summary.attackYenPaid < off.summary.attackYenPaid);
    // ¥10,000 of tobacco per wallet per 24 h: one carton (¥5,200-6,000) each, never two.
    for (let w = 0; w < traffic.wallets.length; w++) {
      const paid = on.attempts.filter((a) => a.kind === 'attack' && a.wallet === w && a.outcome === 'paid');
      assert.ok(paid.length <= 1, `attack wallet ${w} paid ${paid.length} times`);
    }
    assert.notEqual(on.summary.minutesToDetection, null);
    // Every legitimate customer left with their goods (cash after a refused wallet).
    assert.equal(on.summary.legitSales, SMALL.customers);
  });
});
