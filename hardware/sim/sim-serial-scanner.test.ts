import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SimulatedSerialScanner } from './sim-serial-scanner.js';

const scanner = (options: Partial<ConstructorParameters<typeof SimulatedSerialScanner>[0]> = {}) =>
  new SimulatedSerialScanner({ id: 'sim', feederPath: '/nonexistent/feeder', ...options });

describe('SimulatedSerialScanner', () => {
  test('encodes AIM id, data and suffix as a scanner puts them on the wire', () => {
    assert.deepEqual([...scanner().encode('4901234567894')], [...Buffer.from('4901234567894\r', 'latin1')]);
    assert.deepEqual([...scanner({ suffix: 'CRLF', aimId: ']E0' }).encode('49012346')], [...Buffer.from(']E049012346\r\n', 'latin1')]);
    assert.deepEqual([...scanner({ aimId: ']E0' }).encode('49012346', { aimId: ']E4', suffix: { byte: 0x03 } })], [
      ...Buffer.from(']E449012346\x03', 'latin1'),
    ]);
  });

  test('one byte takes start + data + parity + stop bits at the baud', () => {
    assert.equal(scanner().byteTimeMs, 10_000 / 9600);
    assert.equal(scanner({ dataBits: 7, parity: 'even' }).byteTimeMs, 10_000 / 9600);
    assert.equal(scanner({ parity: 'odd', stopBits: 2, baudRate: 19200 }).byteTimeMs, 12_000 / 19200);
  });

  test('refuses characters that are not one byte, malformed AIM ids and bad line settings', () => {
    assert.throws(() => scanner().encode('おにぎり'), /is not a single byte; use sendRaw/);
    assert.throws(() => scanner().encode('123', { aimId: 'E0' }), /aimId must be "\]" \+ a letter/);
    assert.throws(() => scanner({ aimId: ']E' }), /aimId must be/);
    assert.throws(() => scanner({ baudRate: 12.5 }), /baudRate must be an integer/);
    assert.throws(() => scanner({ stopBits: 3 as 1 }), /stopBits must be 1, 1.5 or 2/);
  });

  test('writing before open() rejects with a clear error; opening a missing feeder names it', async () => {
    const s = scanner();
    await assert.rejects(s.scan('4901234567894'), /simulated scanner "sim" is not open \(feeder \/nonexistent\/feeder\)/);
    await assert.rejects(s.open(), /simulated scanner "sim": cannot open feeder \/nonexistent\/feeder/);
  });
});
