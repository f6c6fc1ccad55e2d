// The core audit chain with the real SHA-256 from node:crypto (core cannot import it).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendEntry, GENESIS_HASH, verifyChain, type AuditEntry, type AuditEvent } from '../../core/domain/audit/audit-chain.js';
import { canonicalJson } from '../../core/domain/audit/canonical-json.js';
import { nodeSha256 } from './node-hasher.js';

function chain(n: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (let i = 0; i < n; i++) {
    const event: AuditEvent = {
      at: 1_000 + i,
      kind: i % 2 ? 'limit.blocked' : 'limit.override',
      actor: i % 2 ? 'c1' : 'm1',
      details: { saleId: `S${i}`, violations: [{ ruleId: 'tobacco-packs-per-sale', attempted: 11 + i }], note: null },
    };
    entries.push(appendEntry(entries.at(-1), event, nodeSha256));
  }
  return entries;
}

describe('audit chain', () => {
  test('the hasher is SHA-256', () => {
    assert.equal(nodeSha256.sha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  test('entries link to each other and verify', () => {
    const entries = chain(5);
    assert.deepEqual(entries.map((e) => e.seq), [1, 2, 3, 4, 5]);
    assert.equal(entries[0]!.prevHash, GENESIS_HASH);
    assert.equal(entries[3]!.prevHash, entries[2]!.hash);
    assert.deepEqual(verifyChain(entries, nodeSha256), { ok: true, count: 5, head: { seq: 5, hash: entries[4]!.hash } });
    assert.deepEqual(verifyChain([], nodeSha256), { ok: true, count: 0, head: null });
  });

  test('survives a storage round trip that reorders keys', () => {
    const entries = chain(3);
    const reordered = entries.map((e) => JSON.parse(JSON.stringify({ hash: e.hash, details: e.details, seq: e.seq, prevHash: e.prevHash, actor: e.actor, kind: e.kind, at: e.at })) as AuditEntry);
    assert.equal(verifyChain(reordered, nodeSha256).ok, true);
  });

  test('an edited entry is caught at that entry', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2]!, details: { ...entries[2]!.details, saleId: 'S99' } };
    const verdict = verifyChain(entries, nodeSha256);
    assert.equal(verdict.ok, false);
    assert.equal(!verdict.ok && verdict.brokenAt, 3);
    assert.match(!verdict.ok ? verdict.reason : '', /altered/);
  });

  test('an edited entry with a recomputed hash breaks the link to the next one', () => {
    const entries = chain(5);
    const edited = { ...entries[2]!, actor: 'someone-else' };
    const rehashed = appendEntry(entries[1], edited, nodeSha256);
    entries[2] = rehashed;
    const verdict = verifyChain(entries, nodeSha256);
    assert.deepEqual([verdict.ok, !verdict.ok && verdict.brokenAt], [false, 4]);
  });

  test('a deleted entry is caught where it was', () => {
    const entries = chain(5);
    const missingMiddle = [...entries.slice(0, 2), ...entries.slice(3)];
    const verdict = verifyChain(missingMiddle, nodeSha256);
    assert.deepEqual([verdict.ok, !verdict.ok && verdict.brokenAt], [false, 3]);
    assert.match(!verdict.ok ? verdict.reason : '', /missing/);
    const missingFirst = verifyChain(entries.slice(1), nodeSha256);
    assert.deepEqual([missingFirst.ok, !missingFirst.ok && missingFirst.brokenAt], [false, 1]);
  });

  test('deleting and renumbering still breaks the chain', () => {
    const entries = chain(5);
    const renumbered = [...entries.slice(0, 2), ...entries.slice(3)].map((e, i) => ({ ...e, seq: i + 1 }));
    const verdict = verifyChain(renumbered, nodeSha256);
    assert.deepEqual([verdict.ok, !verdict.ok && verdict.brokenAt], [false, 3]);
  });

  test('reordered entries are caught', () => {
    const entries = chain(5);
    const swapped = [entries[0]!, entries[2]!, entries[1]!, entries[3]!, entries[4]!];
    const verdict = verifyChain(swapped, nodeSha256);
    assert.deepEqual([verdict.ok, !verdict.ok && verdict.brokenAt], [false, 2]);
  });

  test('a truncated tail is caught against the recorded head', () => {
    const entries = chain(5);
    const head = { seq: 5, hash: entries[4]!.hash };
    assert.equal(verifyChain(entries.slice(0, 4), nodeSha256).ok, true);
    const verdict = verifyChain(entries.slice(0, 4), nodeSha256, head);
    assert.deepEqual([verdict.ok, !verdict.ok && verdict.brokenAt], [false, 5]);
    assert.equal(verifyChain(entries, nodeSha256, head).ok, true);
    assert.equal(verifyChain(chain(6), nodeSha256, head).ok, true, 'later entries appended after the head are fine');
    // A whole history rewritten (every hash recomputed) is internally valid but is not the recorded head.
    let forged: AuditEntry | undefined;
    const rewritten = entries.map((e) => (forged = appendEntry(forged, { ...e, actor: 'forger' }, nodeSha256)));
    assert.equal(verifyChain(rewritten, nodeSha256).ok, true);
    const verdictForged = verifyChain(rewritten, nodeSha256, head);
    assert.deepEqual([verdictForged.ok, !verdictForged.ok && verdictForged.brokenAt], [false, 5]);
  });

  test('canonical JSON ignores key order and rejects non-finite numbers', () => {
    assert.equal(canonicalJson({ b: 1, a: [true, null, 'x'] }), canonicalJson({ a: [true, null, 'x'], b: 1 }));
    assert.throws(() => canonicalJson({ n: Number.NaN }), /non-finite/);
  });
});
