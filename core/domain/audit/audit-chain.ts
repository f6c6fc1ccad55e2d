/**
 * The append-only audit log of blocked attempts, overrides, rule changes and manager logins.
 * Each entry's hash covers its content and the previous entry's hash, so editing, deleting or
 * reordering any entry breaks the chain at that point. Truncating the newest entries leaves a valid
 * shorter chain; pass the last known head (kept elsewhere, e.g. printed or sent to HQ) to catch that.
 */
import { canonicalJson, type JsonValue } from './canonical-json.js';

export type AuditKind =
  | 'limit.blocked'
  | 'limit.warning'
  | 'limit.override'
  | 'rules.changed'
  | 'rules.imported'
  | 'manager.login'
  | 'manager.loginFailed'
  | 'manager.locked'
  | 'manager.logout'
  | 'age.refused';

export const AUDIT_KINDS: readonly AuditKind[] = [
  'limit.blocked', 'limit.warning', 'limit.override', 'rules.changed', 'rules.imported',
  'manager.login', 'manager.loginFailed', 'manager.locked', 'manager.logout', 'age.refused',
];

export type AuditDetails = { [key: string]: JsonValue };

/** What a caller supplies; seq, prevHash and hash are the chain's business. */
export interface AuditEvent {
  /** Clock time, epoch ms. */
  at: number;
  kind: AuditKind;
  /** Who did it: a staff id, or 'system'. */
  actor: string;
  details: AuditDetails;
}

export interface AuditEntry extends AuditEvent {
  /** 1, 2, 3, ... with no gaps. */
  seq: number;
  /** The previous entry's hash; GENESIS_HASH for seq 1. */
  prevHash: string;
  /** Lowercase hex SHA-256 of entryHashInput. */
  hash: string;
}

/** Port: SHA-256 as lowercase hex of the UTF-8 text (host provides node:crypto). */
export interface Hasher {
  sha256Hex(text: string): string;
}

export const GENESIS_HASH = '0'.repeat(64);

export function entryHashInput(entry: Omit<AuditEntry, 'hash'>): string {
  return canonicalJson({
    seq: entry.seq,
    at: entry.at,
    kind: entry.kind,
    actor: entry.actor,
    details: entry.details,
    prevHash: entry.prevHash,
  });
}

export function appendEntry(prev: AuditEntry | undefined, event: AuditEvent, hasher: Hasher): AuditEntry {
  const unhashed = {
    seq: prev ? prev.seq + 1 : 1,
    at: event.at,
    kind: event.kind,
    actor: event.actor,
    details: event.details,
    prevHash: prev ? prev.hash : GENESIS_HASH,
  };
  return { ...unhashed, hash: hasher.sha256Hex(entryHashInput(unhashed)) };
}

export type ChainVerdict =
  | { ok: true; count: number; head: { seq: number; hash: string } | null }
  | { ok: false; brokenAt: number; reason: string };

/**
 * Checks entries in the order stored. brokenAt is the seq position where the chain first fails
 * (the expected seq when an entry is missing or out of place).
 */
export function verifyChain(
  entries: readonly AuditEntry[],
  hasher: Hasher,
  expectedHead?: { seq: number; hash: string },
): ChainVerdict {
  let prevHash = GENESIS_HASH;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    const expectedSeq = i + 1;
    if (entry.seq !== expectedSeq) {
      const why = entry.seq > expectedSeq ? 'missing (deleted?) before it' : 'repeated or out of order';
      return { ok: false, brokenAt: expectedSeq, reason: `expected entry ${expectedSeq} but found ${entry.seq}: entries ${why}` };
    }
    if (entry.prevHash !== prevHash) {
      return { ok: false, brokenAt: entry.seq, reason: `entry ${entry.seq} does not follow the entry before it (prevHash mismatch)` };
    }
    let recomputed: string;
    try {
      recomputed = hasher.sha256Hex(entryHashInput(entry));
    } catch (error) {
      return { ok: false, brokenAt: entry.seq, reason: `entry ${entry.seq} cannot be hashed: ${(error as Error).message}` };
    }
    if (recomputed !== entry.hash) {
      return { ok: false, brokenAt: entry.seq, reason: `entry ${entry.seq} was altered after it was written (hash mismatch)` };
    }
    prevHash = entry.hash;
  }
  const last = entries.at(-1);
  const head = last ? { seq: last.seq, hash: last.hash } : null;
  if (expectedHead) {
    if (!head || head.seq < expectedHead.seq) {
      const have = head?.seq ?? 0;
      return { ok: false, brokenAt: have + 1, reason: `log ends at entry ${have} but entry ${expectedHead.seq} was recorded: newest entries removed` };
    }
    const anchor = entries[expectedHead.seq - 1];
    if (!anchor || anchor.hash !== expectedHead.hash) {
      return { ok: false, brokenAt: expectedHead.seq, reason: `entry ${expectedHead.seq} differs from the recorded head` };
    }
  }
  return { ok: true, count: entries.length, head };
}
