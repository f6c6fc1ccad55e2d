-- Terminals are scoped to their own payments and refunds: a refund remembers which terminal asked for it.
ALTER TABLE refunds ADD COLUMN terminal_id TEXT;
