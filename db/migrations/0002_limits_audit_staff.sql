-- 0002_limits_audit_staff: purchase-limit rule set versions, the hash-chained audit log, staff with
-- manager PIN records, and the rule set version each sale was checked against.
-- Runs inside one transaction (db/migrate.ts). Times are INTEGER epoch ms from the injected Clock.

-- Append-only: a rule change is a new version; old sales keep the version they were checked against.
CREATE TABLE limit_rule_sets (
  version INTEGER PRIMARY KEY CHECK (version >= 1),
  effective_from INTEGER NOT NULL CHECK (effective_from >= 0),
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  comment TEXT NOT NULL,
  rules TEXT NOT NULL CHECK (json_valid(rules) AND json_type(rules) = 'array')
) STRICT;

CREATE TRIGGER limit_rule_sets_no_update BEFORE UPDATE ON limit_rule_sets
BEGIN
  SELECT RAISE(ABORT, 'limit_rule_sets is append-only: save a new version instead');
END;
CREATE TRIGGER limit_rule_sets_no_delete BEFORE DELETE ON limit_rule_sets
BEGIN
  SELECT RAISE(ABORT, 'limit_rule_sets is append-only: rule versions are never deleted');
END;

-- Each row's hash covers its content and the previous row's hash (core/domain/audit/audit-chain.ts).
-- details is canonical JSON so a row read back hashes the same as when it was written.
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY CHECK (seq >= 1),
  at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  actor TEXT NOT NULL,
  details TEXT NOT NULL CHECK (json_valid(details)),
  prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
  hash TEXT NOT NULL UNIQUE CHECK (length(hash) = 64)
) STRICT;

CREATE INDEX audit_log_kind ON audit_log (kind, at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- pin is the scrypt record from host/limits/pin-hasher.ts as JSON, never the PIN.
CREATE TABLE staff (
  staff_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('cashier', 'manager')),
  pin TEXT NOT NULL CHECK (json_valid(pin)),
  created_at INTEGER NOT NULL
) STRICT;

-- Side table rather than a column on sales: written in the sale's own transaction by
-- db/limit-checked-journal.ts; no row means the sale was committed with no limits wired.
CREATE TABLE sale_limit_checks (
  sale_id TEXT PRIMARY KEY REFERENCES sales (sale_id),
  rule_version INTEGER,
  checked_at INTEGER NOT NULL
) STRICT;

-- Quantity limits count units: a carton of 10 packs counts as 10 (CatalogItem.unitsPerItem).
ALTER TABLE catalog_items ADD COLUMN units_per_item INTEGER NOT NULL DEFAULT 1 CHECK (units_per_item >= 1);
UPDATE catalog_items SET units_per_item = 10 WHERE category = 'tobacco' AND name LIKE '% carton (10 packs)';
