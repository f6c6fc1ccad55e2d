import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineFramer } from './line-framer.js';
import { isBarcodeByte } from './read-classifier.js';
import { suffixBytes, type FramerOutput, type Frame, type Suffix } from './types.js';

const bytes = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));
const frames = (out: FramerOutput[]): Frame[] => out.filter((o): o is Frame => o.kind === 'frame');
const bads = (out: FramerOutput[]) => out.filter((o) => o.kind === 'bad');

describe('LineFramer', () => {
  test('frames a JAN with CR and strips a ]E0 AIM prefix, recording it', () => {
    const framer = new LineFramer({ suffix: 'CR' });
    const out = framer.push(bytes(']E04901234567894\r'), 1000);
    assert.equal(out.length, 1);
    const frame = out[0] as Frame;
    assert.equal(frame.kind, 'frame');
    assert.equal(frame.data, '4901234567894');
    assert.equal(frame.aimId, ']E0');
    assert.equal(frame.symbology, 'EAN-13');
    assert.deepEqual([...frame.raw], [...bytes(']E04901234567894\r')]);
  });

  test('aim "none" leaves a ]-prefix in the data', () => {
    const framer = new LineFramer({ aim: 'none' });
    const [frame] = frames(framer.push(bytes(']E04901234567894\r'), 0));
    assert.equal(frame?.data, ']E04901234567894');
    assert.equal(frame?.aimId, undefined);
    assert.equal(frame?.symbology, 'unknown');
  });

  test('a CRLF suffix split across chunks; times are of the first and the last byte', () => {
    const framer = new LineFramer({ suffix: 'CRLF' });
    assert.deepEqual(framer.push(bytes('49012'), 10), []);
    assert.deepEqual(framer.push(bytes('34567894\r'), 20), []);
    const [frame, ...more] = framer.push(bytes('\n4'), 30);
    assert.equal(more.length, 0);
    assert.equal(frame?.kind, 'frame');
    assert.equal((frame as Frame).data, '4901234567894');
    assert.equal((frame as Frame).firstByteAt, 10);
    assert.equal((frame as Frame).receivedAt, 30);
    assert.equal(framer.pendingLength, 1);
  });

  test('a custom suffix byte', () => {
    const framer = new LineFramer({ suffix: { byte: 0x03 } });
    assert.equal(frames(framer.push(Uint8Array.of(0x41, 0x42, 0x03), 0))[0]?.data, 'AB');
  });

  test('a read with no suffix times out as a bad read and does not merge with the next code', () => {
    const framer = new LineFramer({ suffix: 'CR', interByteTimeoutMs: 50 });
    assert.deepEqual(framer.push(bytes('490123'), 100), []);
    assert.equal(framer.nextDeadline(), 150);
    assert.deepEqual(framer.poll(149), []);
    const [bad] = framer.poll(150);
    assert.equal(bad?.kind, 'bad');
    assert.match(bad!.kind === 'bad' ? bad!.reason : '', /^missing suffix: 6 bytes and no CR within 50 ms/);
    assert.deepEqual([...bad!.raw], [...bytes('490123')]);
    const next = framer.push(bytes('4901234567894\r'), 400);
    assert.deepEqual(frames(next).map((f) => f.data), ['4901234567894']);
    assert.equal(bads(next).length, 0);
  });

  test('a late push still expires the stale partial before taking new bytes', () => {
    const framer = new LineFramer({ interByteTimeoutMs: 50 });
    framer.push(bytes('12345'), 0);
    const out = framer.push(bytes('4901234567894\r'), 1000);
    assert.equal(out.length, 2);
    assert.equal(out[0]?.kind, 'bad');
    assert.equal((out[1] as Frame).data, '4901234567894');
  });

  test('binary noise is a bad read naming the byte; the next code still frames', () => {
    const framer = new LineFramer();
    const out = framer.push(Uint8Array.of(0x34, 0x39, 0x00, 0xff, 0x0d, ...bytes('4901234567894\r')), 0);
    assert.equal(out.length, 2);
    assert.equal(out[0]?.kind, 'bad');
    assert.equal(out[0]?.kind === 'bad' && out[0].reason, 'binary noise: byte 0x00 (NUL) at offset 2 is not a barcode character');
    assert.equal((out[1] as Frame).data, '4901234567894');
  });

  test('LF left over from a CRLF scanner on a CR-configured port names the likely suffix mismatch', () => {
    const framer = new LineFramer({ suffix: 'CR' });
    const out = framer.push(bytes('4901234567894\r\n4901234567894\r\n'), 0);
    assert.equal(out[0]?.kind, 'frame');
    assert.equal(out[1]?.kind, 'bad');
    assert.match(out[1]?.kind === 'bad' ? out[1].reason : '', /0x0a \(LF\) at offset 0.*different suffix than the configured CR/);
  });

  test('high bytes are noise unless allowed', () => {
    const code = Uint8Array.of(0x82, 0xa0, 0x0d);
    assert.equal(new LineFramer().push(code, 0)[0]?.kind, 'bad');
    assert.equal(new LineFramer({ allowHighBytes: true }).push(code, 0)[0]?.kind, 'frame');
  });

  test('GS separators in GS1 payloads are accepted', () => {
    const [frame] = frames(new LineFramer().push(bytes(']d2010491234567890410ABC\x1d17991231\r'), 0));
    assert.equal(frame?.symbology, 'GS1 DataMatrix');
    assert.equal(frame?.data, '010491234567890410ABC\x1d17991231');
  });

  test('an empty read and an AIM id without data are bad reads', () => {
    const out = new LineFramer().push(bytes('\r]E0\r'), 0);
    assert.deepEqual(out.map((o) => o.kind === 'bad' && o.reason), [
      'empty read: CR with no data before it',
      'AIM identifier ]E0 with no data after it',
    ]);
  });

  test('an overlong read is reported once, its tail dropped up to the next suffix, then framing resumes', () => {
    const framer = new LineFramer({ maxLength: 8 });
    const first = framer.push(bytes('ABCDEFGHIJ'), 0);
    assert.equal(first.length, 1);
    assert.match(first[0]?.kind === 'bad' ? first[0].reason : '', /^too long: 10 bytes without a CR suffix, at most 8 accepted/);
    assert.deepEqual(framer.push(bytes('KLMNOPQRSTUVWXYZ'), 1), []);
    const rest = framer.push(bytes('tail\r12345678\r'), 2);
    assert.deepEqual(rest.map((o) => (o.kind === 'frame' ? o.data : o.reason)), ['12345678']);
  });

  test('a read of exactly maxLength is accepted', () => {
    const framer = new LineFramer({ maxLength: 8, suffix: 'CRLF' });
    assert.deepEqual(framer.push(bytes('12345678\r'), 0), []);
    assert.equal(frames(framer.push(bytes('\n'), 0))[0]?.data, '12345678');
  });

  test('bad options are refused with the field named', () => {
    assert.throws(() => new LineFramer({ maxLength: 0 }), /maxLength must be a positive integer/);
    assert.throws(() => new LineFramer({ interByteTimeoutMs: -1 }), /interByteTimeoutMs/);
    assert.throws(() => new LineFramer({ suffix: { byte: 300 } }), /suffix.byte must be an integer 0-255/);
    assert.throws(() => new LineFramer({ suffix: 'CRCR' as Suffix }), /suffix must be CR, LF, CRLF, TAB/);
  });
});

// ---- properties ------------------------------------------------------------------------------

const SUFFIXES: Suffix[] = ['CR', 'LF', 'CRLF', 'TAB', { byte: 0x03 }];
const AIM_IDS = [']E0', ']E4', ']C1', ']e0', ']A0', ']Q1', ']d2'];
const printable = fc.integer({ min: 0x20, max: 0x7e });

/** A read a scanner could send: optional AIM id + printable data that does not itself start like one. */
const validRead = fc
  .record({
    aim: fc.option(fc.constantFrom(...AIM_IDS), { nil: undefined }),
    data: fc.array(printable, { minLength: 1, maxLength: 40 }).filter((d) => d[0] !== 0x5d),
  })
  .map(({ aim, data }) => ({ aim, data: String.fromCharCode(...data) }));

/** Splits `stream` at the given cut points (deduplicated, sorted). */
function split(stream: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const p of [...points, stream.length]) {
    if (p > from) chunks.push(stream.subarray(from, p));
    from = Math.max(from, p);
  }
  return chunks;
}

describe('LineFramer properties', () => {
  test('any split of a valid stream gives the same frames as the whole stream', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SUFFIXES),
        fc.array(validRead, { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        (suffix, reads, cuts) => {
          const tail = suffixBytes(suffix);
          const parts = reads.map((r) => [...bytes((r.aim ?? '') + r.data), ...tail]);
          const stream = Uint8Array.from(parts.flat());
          const whole = new LineFramer({ suffix }).push(stream, 0);
          const framer = new LineFramer({ suffix });
          const pieces = split(stream, cuts).flatMap((chunk, i) => framer.push(chunk, i));
          const strip = (o: FramerOutput) => (o.kind === 'frame' ? [o.data, o.aimId, o.symbology, [...o.raw]] : o.reason);
          assert.deepEqual(pieces.map(strip), whole.map(strip));
          assert.deepEqual(
            whole.map((o) => (o.kind === 'frame' ? [o.aimId, o.data] : o.reason)),
            reads.map((r) => [r.aim, r.data]),
          );
          assert.equal(framer.pendingLength, 0);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('random garbage in random chunks at random times never throws and never frames a non-barcode byte', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SUFFIXES),
        fc.integer({ min: 1, max: 64 }),
        fc.array(fc.record({ chunk: fc.uint8Array({ maxLength: 80 }), gap: fc.nat({ max: 300 }) }), { maxLength: 20 }),
        (suffix, maxLength, chunks) => {
          const framer = new LineFramer({ suffix, maxLength, interByteTimeoutMs: 100 });
          const tail = suffixBytes(suffix);
          let now = 0;
          let fed = 0;
          let emitted = 0;
          const check = (out: FramerOutput[]) => {
            for (const o of out) {
              emitted += o.raw.length;
              if (o.kind === 'frame') {
                const body = o.raw.subarray(0, o.raw.length - tail.length);
                assert.ok(body.length <= maxLength);
                assert.ok([...body].every((b) => isBarcodeByte(b, false)));
                assert.ok(o.firstByteAt <= o.receivedAt);
              } else {
                assert.ok(o.reason.length > 0);
              }
            }
          };
          for (const { chunk, gap } of chunks) {
            now += gap;
            check(framer.poll(now));
            fed += chunk.length;
            check(framer.push(chunk, now));
            assert.ok(framer.pendingLength < maxLength + tail.length);
          }
          check(framer.flush(now + 1000));
          assert.equal(framer.pendingLength, 0);
          assert.ok(emitted <= fed);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('a partial read followed after the timeout by a valid read never merges with it', () => {
    fc.assert(
      fc.property(
        fc.array(printable, { minLength: 1, maxLength: 20 }),
        validRead,
        fc.integer({ min: 50, max: 10_000 }),
        (partial, read, gap) => {
          const framer = new LineFramer({ interByteTimeoutMs: 50 });
          assert.deepEqual(framer.push(Uint8Array.from(partial), 0), []);
          const out = framer.push(bytes(`${read.aim ?? ''}${read.data}\r`), gap);
          assert.equal(out.length, 2);
          assert.equal(out[0]?.kind, 'bad');
          assert.deepEqual([...out[0]!.raw], partial);
          assert.equal(out[1]?.kind === 'frame' && out[1].data, read.data);
        },
      ),
      { numRuns: 200 },
    );
  });
});
