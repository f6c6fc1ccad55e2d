/** Shapes the gateway's admin API answers with; shared by the server (gateway/sim) and GatewayAdminClient. */

export interface WalletView {
  walletId: string;
  name: string;
  balance: number;
  frozen: boolean;
  createdAt: number;
  devices: { deviceId: string; deviceNo: number }[];
}

export interface LedgerEntry {
  id: number;
  at: number;
  kind: 'open' | 'topup' | 'payment' | 'reversal' | 'refund';
  /** Signed yen: payments are negative. */
  amount: number;
  balanceAfter: number;
  /** merchantPaymentId for payment, reversal and refund rows. */
  ref: string | null;
  /** Funding source for top-ups, terminal for payments, merchantRefundId for refunds. */
  source: string | null;
}

export interface Reconciliation {
  ok: boolean;
  wallets: number;
  totalBalance: number;
  mismatches: string[];
}

export interface FraudEventView {
  id: number;
  at: number;
  rule: string;
  decision: 'allow' | 'deny';
  walletId: string | null;
  terminalId: string | null;
  ref: string | null;
  detail: Record<string, unknown>;
}

/** What <dataDir>/gateway.json holds (0600): how CLI commands find and authenticate to a running gateway. */
export interface GatewayInfo {
  url: string;
  port: number;
  adminToken: string;
  pid: number;
  brandPrefix: string;
}
