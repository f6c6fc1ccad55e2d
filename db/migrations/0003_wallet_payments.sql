-- 0003_wallet_payments: wallet redemptions (the register's side of each customer-code payment) and refunds.
-- A redemption row is written before the first gateway request and after every state change, so a restart
-- resumes it (query, never re-pay). sale_id is set in the same transaction that commits the sale, which makes
-- this table the record of which wallet paid which sale (tenders.reference holds the gateway's paymentId).

CREATE TABLE wallet_redemptions (
  merchant_payment_id TEXT PRIMARY KEY,
  code TEXT NOT NULL,
  amount INTEGER NOT NULL CHECK (amount > 0),
  terminal_id TEXT NOT NULL,
  category_totals TEXT NOT NULL CHECK (json_valid(category_totals)),
  state TEXT NOT NULL CHECK (state IN ('NEW', 'SUBMITTING', 'SUCCEEDED', 'FAILED', 'AWAITING_USER', 'UNKNOWN',
    'CANCELLING', 'VOIDED', 'REVERSED', 'CANCEL_UNKNOWN', 'REFUNDED')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  deadline_at INTEGER NOT NULL,
  payment_id TEXT,
  wallet_id TEXT,
  failure_code TEXT,
  failure_reason TEXT,
  last_error TEXT,
  attempts INTEGER NOT NULL CHECK (attempts >= 0),
  sale_id TEXT REFERENCES sales (sale_id)
) STRICT;

CREATE INDEX wallet_redemptions_state ON wallet_redemptions (state);
CREATE INDEX wallet_redemptions_wallet ON wallet_redemptions (wallet_id, sale_id);
CREATE INDEX wallet_redemptions_sale ON wallet_redemptions (sale_id);

-- One refund per sale. merchant_refund_id is the gateway idempotency key, stored before the request.
CREATE TABLE sale_refunds (
  refund_id TEXT PRIMARY KEY,
  sale_id TEXT NOT NULL UNIQUE REFERENCES sales (sale_id),
  state TEXT NOT NULL CHECK (state IN ('PENDING', 'COMPLETED')),
  wallet_amount INTEGER NOT NULL CHECK (wallet_amount >= 0),
  cash_amount INTEGER NOT NULL CHECK (cash_amount >= 0),
  merchant_payment_id TEXT,
  merchant_refund_id TEXT UNIQUE,
  manager_session TEXT,
  created_at INTEGER NOT NULL,
  completed_at INTEGER,
  last_error TEXT
) STRICT;
