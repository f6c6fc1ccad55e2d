-- Sandbox gateway schema. Money is integer yen; every balance change has a ledger row so balances reconcile.
CREATE TABLE wallets (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  balance INTEGER NOT NULL CHECK (balance >= 0),
  frozen INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);

CREATE TABLE devices (
  id TEXT PRIMARY KEY,
  wallet_id TEXT NOT NULL REFERENCES wallets(id),
  device_no INTEGER NOT NULL UNIQUE,
  secret BLOB NOT NULL,
  -- Highest TOTP counter already redeemed: a code at or below it is refused (single use, RFC 6238 section 5.2).
  last_counter INTEGER NOT NULL DEFAULT -1,
  created_at INTEGER NOT NULL
);

CREATE TABLE ledger (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  wallet_id TEXT NOT NULL REFERENCES wallets(id),
  at INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('open', 'topup', 'payment', 'reversal', 'refund')),
  amount INTEGER NOT NULL,
  balance_after INTEGER NOT NULL,
  ref TEXT,
  source TEXT
);
CREATE INDEX ledger_wallet ON ledger(wallet_id, at);

CREATE TABLE terminals (
  id TEXT PRIMARY KEY,
  key TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE nonces (
  terminal_id TEXT NOT NULL,
  nonce TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (terminal_id, nonce)
);

CREATE TABLE payments (
  merchant_payment_id TEXT PRIMARY KEY,
  payment_id TEXT NOT NULL UNIQUE,
  terminal_id TEXT,
  wallet_id TEXT,
  amount INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('COMPLETED', 'AUTHORIZING', 'FAILED', 'CANCELED', 'REVERSED')),
  reason TEXT,
  -- NULL for a cancel that arrived before its payment: the key is then refused for good.
  request_hash TEXT,
  category_totals TEXT NOT NULL DEFAULT '{}',
  refunded_amount INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX payments_terminal ON payments(terminal_id, created_at);
CREATE INDEX payments_wallet ON payments(wallet_id, created_at);

CREATE TABLE refunds (
  merchant_refund_id TEXT PRIMARY KEY,
  refund_id TEXT NOT NULL UNIQUE,
  merchant_payment_id TEXT NOT NULL,
  amount INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('COMPLETED', 'FAILED')),
  reason TEXT,
  request_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE fraud_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  rule TEXT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('allow', 'deny')),
  wallet_id TEXT,
  terminal_id TEXT,
  ref TEXT,
  detail TEXT NOT NULL
);

CREATE TABLE ingest_items (
  idempotency_key TEXT PRIMARY KEY,
  register_id TEXT NOT NULL,
  topic TEXT NOT NULL,
  payload TEXT NOT NULL,
  received_at INTEGER NOT NULL
);

CREATE TABLE ingest_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  register_id TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  topic TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('accepted', 'duplicate', 'rejected')),
  reason TEXT,
  at INTEGER NOT NULL
);
