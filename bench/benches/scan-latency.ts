/**
 * Scan latency: the 14 bytes of a JAN scan (13 digits + CR) written into the feeder end of a socat pty pair,
 * read by the REAL SerialScannerDriver on the device end, classified and looked up by a real core Register over
 * the SQLite register store, until the register emits its 'state' event with the new basket line.
 *
 * "Last byte written" = the moment fs.writeSync() of all 14 bytes (CR last) into the feeder pty returned: the
 * kernel holds every byte then, and nothing of ours is left to run. A pty has no baud rate, so the wire time a
 * real 9600 8N1 cable adds (14 bytes x 10 bits / 9600) is not in the figure; it is shown beside it instead.
 * The driver's onBytes listener marks when the last chunk reached our process, splitting the figure into the pty
 * and socat transfer (the simulator's cable, another process) and processing (driver framing, classification,
 * catalog lookup, basket, state snapshot): the latter is the "processing p99" row.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { systemClock } from '../../core/ports.js';
import type { RegisterEvent } from '../../core/api.js';
import { openRegisterStore } from '../../db/register-store.js';
import { createSimulatedSerialDevice } from '../../hardware/sim/simulated-serial-device.js';
import { bitsPerByte, DEFAULT_LINE } from '../../hardware/serial/line-settings.js';
import { createRegister } from '../../host/create-register.js';
import type { Bench, BenchContext } from '../bench.js';
import { describeMs, summarize } from '../stats.js';
import type { TableRow } from '../table.js';
import { BENCH_CODES } from '../support/demo-picks.js';

/** Scans per sale before it is paid in cash (outside the timed window), so the basket stays small. */
const SCANS_PER_SALE = 20;
const WARM_UP = 200;

export const scanLatencyBench: Bench = {
  name: 'scan',
  title: 'pty serial scan -> register state event (p50/p99), beside the 9600 8N1 wire time',
  run,
};

async function run(ctx: BenchContext): Promise<TableRow[]> {
  const scans = ctx.quick ? 300 : 10_000;
  const store = openRegisterStore(ctx.dir);
  const device = await createSimulatedSerialDevice({ id: 'bench-scan', dir: ctx.dir, clock: systemClock });
  let feeder: number | undefined;
  try {
    const register = createRegister({
      registerId: store.registerId,
      mode: 'simulator',
      catalog: store.catalog,
      journal: store.journal,
      clock: systemClock,
      scanners: [device.driver],
    });
    const connected = new Promise<void>((resolve) => {
      const off = device.driver.onStatus((s) => {
        if (s.state === 'connected') {
          off();
          resolve();
        }
      });
    });
    await device.driver.open();
    if (device.driver.status().state !== 'connected') await connected;

    // Our own write end on the feeder pty: a synchronous write gives an exact "all bytes handed to the kernel" time.
    feeder = openSync(device.feederPath, 'w');
    let bytesAt = 0;
    device.driver.onBytes(() => {
      bytesAt = performance.now();
    });
    let waiting: ((at: number) => void) | null = null;
    let expectCode = '';
    register.subscribe((event: RegisterEvent) => {
      if (event.type !== 'state' || waiting === null) return;
      const last = event.state.lines.at(-1);
      if (last?.item.code === expectCode && event.state.lastLineId === last.lineId) {
        const at = performance.now();
        const done = waiting;
        waiting = null;
        done(at);
      }
    });

    const total: number[] = [];
    const transfer: number[] = [];
    const processing: number[] = [];
    const badReads = { n: 0 };
    device.driver.onBadRead(() => badReads.n++);
    let inSale = 0;
    for (let i = 0; i < WARM_UP + scans; i++) {
      if (inSale === SCANS_PER_SALE) {
        const state = register.snapshot();
        await register.payCash({ tendered: state.totals.total });
        inSale = 0;
      }
      expectCode = BENCH_CODES[i % BENCH_CODES.length]!;
      const event = new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`scan ${i} (${expectCode}) did not reach the basket within 2 s (bad reads so far: ${badReads.n})`)), 2000);
        waiting = (at) => {
          clearTimeout(timer);
          resolve(at);
        };
      });
      bytesAt = 0;
      writeSync(feeder, Buffer.from(`${expectCode}\r`, 'latin1'));
      const writtenAt = performance.now();
      const eventAt = await event;
      inSale++;
      if (i < WARM_UP) continue;
      total.push(eventAt - writtenAt);
      // The last chunk's arrival splits the path into pty/socat transfer and driver + register processing.
      if (bytesAt > 0) {
        transfer.push(bytesAt - writtenAt);
        processing.push(eventAt - bytesAt);
      }
    }
    const s = summarize(total);
    const proc = processing.length > 0 ? summarize(processing) : null;
    ctx.log(`scan: write -> state event ${describeMs(s)}`);
    if (transfer.length > 0) {
      ctx.log(`scan:   of which pty + socat transfer (write -> last chunk at the driver) ${describeMs(summarize(transfer))}`);
      ctx.log(`scan:   of which driver + register (last chunk -> state event) ${describeMs(proc!)}`);
    }
    const wireMs = (14 * bitsPerByte(DEFAULT_LINE) * 1000) / DEFAULT_LINE.baudRate;
    const n = `${s.count.toLocaleString('en-US')} scans`;
    return [
      { benchmark: `scan -> basket p50 (${n})`, measured: { value: s.p50, unit: 'ms' }, limit: { value: 1, unit: 'ms', label: 'target' }, better: 'lower' },
      { benchmark: `scan -> basket p99 (${n})`, measured: { value: s.p99, unit: 'ms' }, limit: { value: 1, unit: 'ms', label: 'target' }, better: 'lower' },
      ...(proc
        ? [
            {
              benchmark: 'scan processing p99 (driver + register)',
              measured: { value: proc.p99, unit: 'ms' },
              limit: { value: 1, unit: 'ms', label: 'target' },
              better: 'lower' as const,
            },
          ]
        : []),
      {
        benchmark: 'scan -> basket p99 vs wire time',
        measured: { value: s.p99, unit: 'ms' },
        limit: { value: wireMs, unit: 'ms', label: '14 B x 10 bit / 9600 baud' },
        better: 'lower',
      },
    ];
  } finally {
    if (feeder !== undefined) closeSync(feeder);
    await device.close();
    store.close();
  }
}
