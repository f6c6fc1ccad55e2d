/** The replay's figures from its attempt records: pure arithmetic, tested on its own. */

export interface Attempt {
  at: number;
  kind: 'legit' | 'attack';
  tender: 'cash' | 'wallet';
  wallet: number | null;
  /** Basket total (yen) tendered. */
  amount: number;
  outcome: 'paid' | 'refused';
  /** Refusal code and reason (limit.blocked, wallet.declined: FRAUD_DAILY_CAP, ...). */
  reason?: string;
}

export interface ReplaySummary {
  attackAttempts: number;
  attackYenAttempted: number;
  attackYenPaid: number;
  attackYenStopped: number;
  attackWallets: number;
  accountsAffected: number;
  /** Minutes from the first attack payment attempt to the first refused one; null if none was refused. */
  minutesToDetection: number | null;
  attackRefusalsByReason: Record<string, number>;
  legitSales: number;
  legitWalletAttempts: number;
  legitWalletDeclined: number;
  /** legitWalletDeclined / legitWalletAttempts (0 when there were none). */
  falseDeclineRate: number;
  legitYenPaid: number;
}

export function summarize(attempts: readonly Attempt[], attackWalletCount: number): ReplaySummary {
  const attack = attempts.filter((a) => a.kind === 'attack');
  const legit = attempts.filter((a) => a.kind === 'legit');
  const paidAttack = attack.filter((a) => a.outcome === 'paid');
  const refusedAttack = attack.filter((a) => a.outcome === 'refused');
  const firstAttempt = Math.min(...attack.map((a) => a.at));
  const firstRefusal = Math.min(...refusedAttack.map((a) => a.at));
  const byReason: Record<string, number> = {};
  for (const a of refusedAttack) byReason[a.reason ?? 'unknown'] = (byReason[a.reason ?? 'unknown'] ?? 0) + 1;
  const legitWallet = legit.filter((a) => a.tender === 'wallet');
  const declined = legitWallet.filter((a) => a.outcome === 'refused').length;
  const sum = (list: readonly Attempt[]): number => list.reduce((s, a) => s + a.amount, 0);
  return {
    attackAttempts: attack.length,
    attackYenAttempted: sum(attack),
    attackYenPaid: sum(paidAttack),
    attackYenStopped: sum(refusedAttack),
    attackWallets: attackWalletCount,
    accountsAffected: new Set(paidAttack.map((a) => a.wallet)).size,
    minutesToDetection: refusedAttack.length === 0 ? null : Math.round((firstRefusal - firstAttempt) / 60_000),
    attackRefusalsByReason: byReason,
    // A legitimate customer refused by wallet pays cash: the sale still happens.
    legitSales: legit.filter((a) => a.outcome === 'paid').length,
    legitWalletAttempts: legitWallet.length,
    legitWalletDeclined: declined,
    falseDeclineRate: legitWallet.length === 0 ? 0 : declined / legitWallet.length,
    legitYenPaid: sum(legit.filter((a) => a.outcome === 'paid')),
  };
}

const yen = (n: number): string => `¥${n.toLocaleString('en-US')}`;

/** Side-by-side table: one column per rule setting. */
export function formatReport(columns: readonly { title: string; summary: ReplaySummary }[]): string {
  const rows: [string, (s: ReplaySummary) => string][] = [
    ['fraudulent yen attempted', (s) => yen(s.attackYenAttempted)],
    ['fraudulent yen paid out', (s) => yen(s.attackYenPaid)],
    ['fraudulent yen stopped', (s) => yen(s.attackYenStopped)],
    ['attack attempts', (s) => String(s.attackAttempts)],
    ['accounts affected (paid out)', (s) => `${s.accountsAffected} of ${s.attackWallets}`],
    ['time to detection', (s) => (s.minutesToDetection === null ? 'never' : `${s.minutesToDetection} min`)],
    ['attack refusals', (s) => Object.entries(s.attackRefusalsByReason).map(([k, v]) => `${k} ×${v}`).join(', ') || '-'],
    ['legitimate wallet payments', (s) => String(s.legitWalletAttempts)],
    ['legitimate wallet declined', (s) => String(s.legitWalletDeclined)],
    ['false-decline rate', (s) => `${(s.falseDeclineRate * 100).toFixed(1)}%`],
    ['legitimate yen taken', (s) => yen(s.legitYenPaid)],
  ];
  const table = [['', ...columns.map((c) => c.title)], ...rows.map(([label, f]) => [label, ...columns.map((c) => f(c.summary))])];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
  return table.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')).join('\n');
}
