/** The real node-hid backend, on a machine with no scanner attached: listing works, failures are clear. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HidScannerDriver } from './hid-scanner-driver.js';
import { HID_CLOSED_MESSAGE } from './hid-transport.js';
import { NodeHidBackend } from './node-hid-transport.js';

describe('NodeHidBackend (real node-hid)', () => {
  const backend = new NodeHidBackend();

  test('list() returns device infos with numeric vendor and product ids', async () => {
    const devices = await backend.list();
    assert.ok(Array.isArray(devices));
    for (const d of devices) {
      assert.equal(typeof d.vendorId, 'number');
      assert.equal(typeof d.productId, 'number');
    }
  });

  test('opening a missing path rejects with an error naming the device', async () => {
    const transport = backend.createTransport({ path: '/dev/hidraw-regi-missing' });
    await assert.rejects(transport.open(), /^Error: cannot open HID path \/dev\/hidraw-regi-missing: .*\(is the scanner plugged in/);
    assert.equal(transport.isOpen, false);
    await assert.rejects(transport.sendFeatureReport(Uint8Array.of(0, 1)), new RegExp(HID_CLOSED_MESSAGE));
    await transport.close();
    await transport.close();
  });

  test('a driver over node-hid with no such scanner: open() rejects, state error, nothing crashes', async () => {
    const driver = new HidScannerDriver({ id: 'real', kind: 'hid-pos', backend, target: { vendorId: 0x0c2e, productId: 0xffff }, retryIfMissing: false });
    await assert.rejects(driver.open(), /HID scanner "real": no device with vendor 0x0c2e product 0xffff is plugged in/);
    assert.equal(driver.status().state, 'error');
    assert.equal(driver.status().simulated, false);
    await driver.close();
  });
});
