import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { DEMO_CATALOG } from './seed/demo-catalog.js';
import { SqliteAuditLog } from './audit-log-repository.js';
import { LimitCheckedJournal, saleRuleVersion } from './limit-checked-journal.js';
import { openRegisterStore } from './register-store.js';
import { SqliteRuleSetStore } from './rule-set-repository.js';
import { SqliteStaffDirectory } from './staff-repository.js';
import { sampleSale } from './testing/sample-sale.js';
import { tempDir } from './testing/temp-dir.js';
import type { Hasher } from '../core/domain/audit/audit-chain.js';

const sha: Hasher = { sha256Hex: (t) => createHash('sha256').update(t, 'utf8').digest('hex') };
const event = (n: number) => ({ at: 1000 + n, kind: 'limit.blocked' as const, actor: 'C001', details: { n, note: `entry ${n}` } });

describe('rule set versions (SQLite)', () => {
  test('the shipped defaults are seeded once as version 1; versions are append-only', (t) => {
    const store = openRegisterStore(tempDir(t), { seedDemo: false });
    t.after(() => store.close());
    const rules = new SqliteRuleSetStore(store.db);
    assert.equal(rules.seedDefaults(5), true);
    assert.equal(rules.seedDefaults(6), false);
    const [v1] = rules.versions();
    assert.equal(v1?.version, 1);
    assert.deepEqual(v1?.rules.map((r) => r.ruleId), ['tobacco-packs-per-sale', 'tobacco-wallet-yen-24h']);
    rules.append({ ...v1!, version: 2, effectiveFrom: 100, comment: 'cap 3', rules: [{ ...v1!.rules[0]!, max: 3 }] });
    assert.deepEqual(rules.versions().map((v) => [v.version, v.rules[0]?.max]), [[1, 10], [2, 3]]);
    assert.throws(() => rules.append({ ...v1!, version: 2 }), /version 2 was not saved/);
    assert.throws(() => store.db.prepare('UPDATE limit_rule_sets SET comment = ? WHERE version = 1').run('x'), /append-only/);
    assert.throws(() => store.db.prepare('DELETE FROM limit_rule_sets WHERE version = 1').run(), /append-only/);
  });
});

describe('audit log (SQLite)', () => {
  test('entries chain and verify; UPDATE and DELETE are refused', (t) => {
    const store = openRegisterStore(tempDir(t), { seedDemo: false });
    t.after(() => store.close());
    const log = new SqliteAuditLog(store.db, sha);
    const entries = [1, 2, 3].map((n) => log.append(event(n)));
    assert.deepEqual(entries.map((e) => e.seq), [1, 2, 3]);
    assert.equal(entries[1]!.prevHash, entries[0]!.hash);
    assert.deepEqual(log.verify(), { ok: true, count: 3, head: { seq: 3, hash: entries[2]!.hash } });
    assert.deepEqual(log.list({ limit: 2 }).map((e) => e.seq), [3, 2]);
    assert.deepEqual(log.list({ limit: 5, beforeSeq: 2 }).map((e) => e.seq), [1]);
    assert.throws(() => store.db.prepare("UPDATE audit_log SET actor = 'x' WHERE seq = 2").run(), /append-only/);
    assert.throws(() => store.db.prepare('DELETE FROM audit_log WHERE seq = 3').run(), /append-only/);
  });

  test('an edit made with the trigger dropped is detected at its seq', (t) => {
    const store = openRegisterStore(tempDir(t), { seedDemo: false });
    t.after(() => store.close());
    const log = new SqliteAuditLog(store.db, sha);
    for (const n of [1, 2, 3]) log.append(event(n));
    store.db.exec('DROP TRIGGER audit_log_no_update');
    store.db.prepare(`UPDATE audit_log SET details = json_set(details, '$.n', 99) WHERE seq = 2`).run();
    const verdict = log.verify();
    assert.equal(verdict.ok, false);
    assert.equal(!verdict.ok && verdict.brokenAt, 2);
    assert.match(!verdict.ok ? verdict.reason : '', /altered/);
  });

  test('a deleted middle entry is detected', (t) => {
    const store = openRegisterStore(tempDir(t), { seedDemo: false });
    t.after(() => store.close());
    const log = new SqliteAuditLog(store.db, sha);
    for (const n of [1, 2, 3]) log.append(event(n));
    store.db.exec('DROP TRIGGER audit_log_no_delete');
    store.db.prepare('DELETE FROM audit_log WHERE seq = 2').run();
    const verdict = log.verify();
    assert.deepEqual(verdict.ok ? null : verdict.brokenAt, 2);
  });
});

describe('staff and sale versions (SQLite)', () => {
  test('staff keep the PIN record, never the PIN; roles are checked', (t) => {
    const store = openRegisterStore(tempDir(t), { seedDemo: false });
    t.after(() => store.close());
    const staff = new SqliteStaffDirectory(store.db);
    const pin = { algorithm: 'scrypt' as const, salt: 'c2FsdHNhbHQ=', hash: 'aGFzaA==', N: 1024, r: 8, p: 1, keyLength: 32 };
    staff.add({ staffId: 'M9', name: 'M', role: 'manager', pin }, 1);
    assert.deepEqual(staff.findStaff('M9'), { staffId: 'M9', name: 'M', role: 'manager', pin });
    assert.equal(staff.findStaff('nobody'), undefined);
    assert.throws(() => store.db.prepare("INSERT INTO staff VALUES ('X', 'X', 'owner', '{}', 1)").run(), /CHECK/);
  });

  test('the version is written in the sale transaction; a failed sale leaves no version row', (t) => {
    const store = openRegisterStore(tempDir(t));
    t.after(() => store.close());
    let version: number | null = 4;
    const journal = new LimitCheckedJournal(store.db, store.journal, () => version);
    const sale = sampleSale('0f8c7a3e-1111-4111-8111-111111111111', [{ item: DEMO_CATALOG[0]! }], 1000);
    journal.commitSale(sale);
    assert.equal(saleRuleVersion(store.db, sale.saleId), 4);
    version = null;
    const other = sampleSale('0f8c7a3e-2222-4222-8222-222222222222', [{ item: DEMO_CATALOG[0]! }], 1000);
    journal.commitSale(other);
    assert.equal(saleRuleVersion(store.db, other.saleId), null);
    assert.throws(() => journal.commitSale(sale));
    assert.deepEqual(store.db.prepare('SELECT COUNT(*) AS n FROM sale_limit_checks').get(), { n: 2 });
  });
});
