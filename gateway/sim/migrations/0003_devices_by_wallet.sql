-- A wallet's devices are looked up by wallet (its view, the code its phone shows): without this index each lookup
-- scanned every device of every wallet.
CREATE INDEX devices_wallet ON devices(wallet_id, device_no);
