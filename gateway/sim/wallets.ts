import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '../../core/ports.js';
import type { LedgerEntry, Reconciliation, WalletView } from '../protocol/admin-wire.js';
import { makeCode, type CodeFormat } from './codes.js';
import { stmt, type GatewayDb } from './db.js';
import { GatewayError } from './errors.js';
import { logFraud } from './fraud.js';
import { loadRules } from './rules.js';

interface WalletRow {
  id: string;
  name: string;
  balance: number;
  frozen: number;
  created_at: number;
}

export interface DeviceRow {
  id: string;
  wallet_id: string;
  device_no: number;
  secret: Buffer;
  last_counter: number;
}

/** Wallets, their devices (one-time code secrets) and the ledger every balance change goes through. */
export class Wallets {
  constructor(
    private readonly db: GatewayDb,
    private readonly clock: Clock,
    private readonly codeFormat: CodeFormat,
  ) {}

  create(input: { balance: number; name?: string; fundingSource?: string }): WalletView {
    const now = this.clock.now();
    const rules = loadRules(this.db);
    if (rules.suspendSignUps) {
      logFraud(this.db, now, { rule: 'suspendSignUps', decision: 'deny', detail: { name: input.name ?? null } });
      throw new GatewayError(403, 'SIGNUPS_SUSPENDED', 'new wallet sign-ups are suspended (account-wide switch suspendSignUps)');
    }
    const walletId = `w_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    this.db.transaction(() => {
      stmt(this.db, 'INSERT INTO wallets (id, name, balance, frozen, created_at) VALUES (?, ?, 0, 0, ?)')
        .run(walletId, input.name ?? walletId, now);
      this.addDeviceTx(walletId, now);
      if (input.balance > 0) this.postTx(walletId, 'open', input.balance, null, input.fundingSource ?? 'opening balance');
    })();
    return this.get(walletId);
  }

  addDevice(walletId: string): WalletView {
    this.require(walletId);
    this.db.transaction(() => this.addDeviceTx(walletId, this.clock.now()))();
    return this.get(walletId);
  }

  private addDeviceTx(walletId: string, now: number): void {
    const next = (stmt(this.db, 'SELECT COALESCE(MAX(device_no), 0) + 1 AS n FROM devices').get() as { n: number }).n;
    stmt(this.db, 'INSERT INTO devices (id, wallet_id, device_no, secret, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(`d_${randomUUID().replaceAll('-', '').slice(0, 16)}`, walletId, next, randomBytes(20), now);
  }

  get(walletId: string): WalletView {
    const row = this.require(walletId);
    const devices = stmt(this.db, 'SELECT id, device_no FROM devices WHERE wallet_id = ? ORDER BY device_no')
      .all(walletId) as { id: string; device_no: number }[];
    return {
      walletId: row.id,
      name: row.name,
      balance: row.balance,
      frozen: row.frozen === 1,
      createdAt: row.created_at,
      devices: devices.map((d) => ({ deviceId: d.id, deviceNo: d.device_no })),
    };
  }

  topUp(walletId: string, amount: number, source: string): WalletView {
    const now = this.clock.now();
    const wallet = this.require(walletId);
    const rules = loadRules(this.db);
    if (rules.suspendTopUps) {
      logFraud(this.db, now, { rule: 'suspendTopUps', decision: 'deny', walletId, detail: { amount, source } });
      throw new GatewayError(403, 'TOPUPS_SUSPENDED', 'top-ups are suspended (account-wide switch suspendTopUps)');
    }
    if (wallet.frozen) {
      logFraud(this.db, now, { rule: 'frozenWallet', decision: 'deny', walletId, detail: { amount, source } });
      throw new GatewayError(403, 'WALLET_FROZEN', `wallet ${walletId} is frozen`);
    }
    if (rules.topUpsPerMinute !== null) {
      const recent = (
        stmt(this.db, "SELECT COUNT(*) AS n FROM ledger WHERE wallet_id = ? AND kind = 'topup' AND at > ?")
          .get(walletId, now - 60_000) as { n: number }
      ).n;
      const deny = recent >= rules.topUpsPerMinute;
      logFraud(this.db, now, {
        rule: 'topUpsPerMinute',
        decision: deny ? 'deny' : 'allow',
        walletId,
        detail: { recent, limit: rules.topUpsPerMinute, amount },
      });
      if (deny) {
        throw new GatewayError(429, 'FRAUD_TOPUP_RATE', `wallet ${walletId} made ${recent} top-ups in the last minute (limit ${rules.topUpsPerMinute})`);
      }
    }
    this.db.transaction(() => this.postTx(walletId, 'topup', amount, null, source))();
    return this.get(walletId);
  }

  setFrozen(walletId: string, frozen: boolean): WalletView {
    this.require(walletId);
    stmt(this.db, 'UPDATE wallets SET frozen = ? WHERE id = ?').run(frozen ? 1 : 0, walletId);
    logFraud(this.db, this.clock.now(), { rule: frozen ? 'freeze' : 'unfreeze', decision: frozen ? 'deny' : 'allow', walletId, detail: {} });
    return this.get(walletId);
  }

  /** What the customer's phone would show now for the wallet's first (or given) device. */
  currentCode(walletId: string, deviceNo?: number): { code: string; deviceNo: number; expiresAt: number } {
    this.require(walletId);
    const device = (
      deviceNo === undefined
        ? stmt(this.db, 'SELECT * FROM devices WHERE wallet_id = ? ORDER BY device_no LIMIT 1').get(walletId)
        : stmt(this.db, 'SELECT * FROM devices WHERE wallet_id = ? AND device_no = ?').get(walletId, deviceNo)
    ) as DeviceRow | undefined;
    if (!device) throw new GatewayError(404, 'DEVICE_NOT_FOUND', `wallet ${walletId} has no device ${deviceNo ?? ''}`.trim());
    const now = this.clock.now();
    const stepMs = this.codeFormat.stepSeconds * 1000;
    return {
      code: makeCode(this.codeFormat, device.device_no, device.secret, now),
      deviceNo: device.device_no,
      expiresAt: (Math.floor(now / stepMs) + 1) * stepMs,
    };
  }

  ledger(walletId: string): LedgerEntry[] {
    this.require(walletId);
    const rows = stmt(this.db, 'SELECT * FROM ledger WHERE wallet_id = ? ORDER BY id').all(walletId) as {
      id: number;
      at: number;
      kind: LedgerEntry['kind'];
      amount: number;
      balance_after: number;
      ref: string | null;
      source: string | null;
    }[];
    return rows.map((r) => ({ id: r.id, at: r.at, kind: r.kind, amount: r.amount, balanceAfter: r.balance_after, ref: r.ref, source: r.source }));
  }

  /**
   * Every wallet's balance against the sum of its ledger, and every payment's money against the ledger rows that
   * reference it. An empty mismatch list means the books balance to the yen.
   */
  reconcile(): Reconciliation {
    const mismatches: string[] = [];
    const wallets = stmt(this.db, 'SELECT w.id, w.balance, COALESCE(SUM(l.amount), 0) AS ledger FROM wallets w LEFT JOIN ledger l ON l.wallet_id = w.id GROUP BY w.id')
      .all() as { id: string; balance: number; ledger: number }[];
    for (const w of wallets) {
      if (w.balance !== w.ledger) mismatches.push(`wallet ${w.id}: balance ${w.balance} but ledger sums to ${w.ledger}`);
    }
    const payments = stmt(this.db, 
        `SELECT p.merchant_payment_id AS id, p.status, p.amount, p.refunded_amount AS refunded,
                COALESCE(SUM(CASE WHEN l.kind = 'payment' THEN -l.amount END), 0) AS charged,
                COUNT(CASE WHEN l.kind = 'payment' THEN 1 END) AS charges,
                COALESCE(SUM(CASE WHEN l.kind IN ('reversal', 'refund') THEN l.amount END), 0) AS returned
         FROM payments p LEFT JOIN ledger l ON l.ref = p.merchant_payment_id GROUP BY p.merchant_payment_id`,
      )
      .all() as { id: string; status: string; amount: number; refunded: number; charged: number; charges: number; returned: number }[];
    for (const p of payments) {
      const expectCharged = p.status === 'COMPLETED' || p.status === 'REVERSED' ? p.amount : 0;
      const expectReturned = p.status === 'REVERSED' ? p.amount : p.refunded;
      if (p.charges > 1) mismatches.push(`payment ${p.id}: charged ${p.charges} times`);
      if (p.charged !== expectCharged) mismatches.push(`payment ${p.id} (${p.status}): charged ${p.charged}, expected ${expectCharged}`);
      if (p.returned !== expectReturned) mismatches.push(`payment ${p.id} (${p.status}): returned ${p.returned}, expected ${expectReturned}`);
    }
    const totalBalance = wallets.reduce((sum, w) => sum + w.balance, 0);
    return { ok: mismatches.length === 0, wallets: wallets.length, totalBalance, mismatches };
  }

  /**
   * Moves money and writes the ledger row; callers run it inside their transaction. The balance is changed by one
   * guarded UPDATE (it never goes below zero), so the hot path reads the wallet row only when refusing.
   */
  postTx(walletId: string, kind: LedgerEntry['kind'], amount: number, ref: string | null, source: string | null): number {
    const moved = stmt(this.db, 'UPDATE wallets SET balance = balance + ? WHERE id = ? AND balance + ? >= 0 RETURNING balance')
      .get(amount, walletId, amount) as { balance: number } | undefined;
    if (!moved) {
      const wallet = this.require(walletId);
      throw new GatewayError(409, 'INSUFFICIENT_BALANCE', `wallet ${walletId} balance ${wallet.balance} is below ${-amount}`);
    }
    stmt(this.db, 'INSERT INTO ledger (wallet_id, at, kind, amount, balance_after, ref, source) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(walletId, this.clock.now(), kind, amount, moved.balance, ref, source);
    return moved.balance;
  }

  require(walletId: string): WalletRow {
    const row = stmt(this.db, 'SELECT * FROM wallets WHERE id = ?').get(walletId) as WalletRow | undefined;
    if (!row) throw new GatewayError(404, 'WALLET_NOT_FOUND', `no wallet ${walletId}`);
    return row;
  }
}
