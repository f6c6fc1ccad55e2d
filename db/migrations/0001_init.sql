-- 0001_init: catalog, sales journal, outbox, meta.
-- Runs inside one transaction (db/migrate.ts): no BEGIN/COMMIT and no PRAGMA foreign_keys here.
-- Money is INTEGER yen everywhere; STRICT tables refuse a REAL or TEXT slipping into a money column.
-- Times are INTEGER epoch milliseconds from the injected Clock.

CREATE TABLE catalog_items (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  name_ja TEXT NOT NULL,
  price INTEGER NOT NULL CHECK (price >= 0),
  tax_class TEXT NOT NULL CHECK (tax_class IN ('reduced', 'standard')),
  category TEXT NOT NULL,
  age_restricted INTEGER NOT NULL CHECK (age_restricted IN (0, 1))
) STRICT;

CREATE INDEX catalog_items_category ON catalog_items (category);

-- Tax per rate as on an invoice-style receipt: one group of columns per rate, NULL when the sale
-- has no line at that rate. The rate itself is stored so a future rate change does not rewrite history.
CREATE TABLE sales (
  sale_id TEXT PRIMARY KEY,
  sale_no INTEGER NOT NULL UNIQUE CHECK (sale_no >= 1),
  register_id TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  completed_at INTEGER NOT NULL,
  total INTEGER NOT NULL,
  item_count INTEGER NOT NULL,
  reduced_rate_percent INTEGER,
  reduced_gross INTEGER,
  reduced_tax INTEGER,
  standard_rate_percent INTEGER,
  standard_gross INTEGER,
  standard_tax INTEGER,
  CHECK ((reduced_gross IS NULL) = (reduced_tax IS NULL) AND (reduced_gross IS NULL) = (reduced_rate_percent IS NULL)),
  CHECK ((standard_gross IS NULL) = (standard_tax IS NULL) AND (standard_gross IS NULL) = (standard_rate_percent IS NULL))
) STRICT;

CREATE INDEX sales_completed_at ON sales (completed_at);

-- Lines keep the item exactly as sold; no foreign key to catalog_items, whose prices move on.
CREATE TABLE sale_lines (
  sale_id TEXT NOT NULL REFERENCES sales (sale_id),
  line_no INTEGER NOT NULL,
  line_id TEXT NOT NULL,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  name_ja TEXT NOT NULL,
  unit_price INTEGER NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity >= 1),
  amount INTEGER NOT NULL,
  tax_class TEXT NOT NULL CHECK (tax_class IN ('reduced', 'standard')),
  category TEXT NOT NULL,
  age_restricted INTEGER NOT NULL CHECK (age_restricted IN (0, 1)),
  PRIMARY KEY (sale_id, line_no),
  UNIQUE (sale_id, line_id)
) STRICT;

CREATE TABLE tenders (
  sale_id TEXT NOT NULL REFERENCES sales (sale_id),
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('cash', 'wallet')),
  amount INTEGER NOT NULL,
  tendered INTEGER,
  change INTEGER,
  reference TEXT,
  PRIMARY KEY (sale_id, seq)
) STRICT;

-- Transactional outbox: written in the same transaction as the row it announces, delivered
-- at least once; the receiver dedupes by idempotency_key.
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  topic TEXT NOT NULL,
  idempotency_key TEXT NOT NULL UNIQUE,
  payload TEXT NOT NULL CHECK (json_valid(payload)),
  created_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'parked'))
) STRICT;

CREATE INDEX outbox_due ON outbox (state, next_attempt_at);

CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
