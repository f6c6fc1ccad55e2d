-- The nonce purge deletes by expiry: without this index every purge scans every nonce of the last ten minutes.
CREATE INDEX nonces_expires ON nonces(expires_at);
