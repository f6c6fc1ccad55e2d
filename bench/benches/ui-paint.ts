/**
 * UI: scan -> basket line painted, in Chromium (playwright-core, /usr/bin/chromium) on the built renderer served by
 * a real `regi serve` child process (simulator mode).
 *
 * The scan starts where a real one ends: the bench writes the 14 bytes of a JAN scan (13 digits + CR) into the
 * feeder end of the host's simulated serial scanner (the socat pty the host's real serial driver reads), and takes
 * "last byte written" as the moment fs.writeSync returned, as the scan-latency bench does. From there the host's
 * driver frames it, the register adds the line and pushes its state over the WebSocket, React renders it and
 * Chromium paints it. The page timestamps, on the same wall clock (performance.timeOrigin + performance.now() in
 * both processes, checked by a round trip at start):
 *
 *   wsAt         the last WebSocket 'message' event before the DOM changed (a listener added when the socket is
 *                constructed, so it runs before the app's own handler)
 *   mutationAt   a MutationObserver callback sees the expected number of basket lines in the DOM
 *   frameAt      the requestAnimationFrame callback requested from that MutationObserver callback: the frame that
 *                renders the new line starts
 *   paintedAt    a MessageChannel task posted from that rAF callback: it runs after the frame's style, layout and
 *                paint steps on the main thread (compositing to the screen is not observable from the page)
 *
 * Scans come PACE_MS after the previous line was painted, faster than a cashier scans (a quick one manages two or
 * three items a second), so each scan meets the register and the browser at rest, as a real one does. Runs, each in
 * a fresh browser: paced with Chromium's default 60 Hz frame clock, where a change waits for the next frame (the
 * display's refresh, not the register's work); paced with the frame clock uncapped (--disable-gpu-vsync
 * --disable-frame-rate-limit: a frame starts as soon as something changed), which shows the register's path to
 * pixels without that wait; and back to back at 60 Hz, each scan written as soon as the previous line was painted,
 * a stress figure: such a scan also waits for the compositor's work on the previous frame.
 * Every scan adds a new line (the codes alternate); every 20 scans the sale is paid in cash through the control API
 * (not timed). From the eleventh line on the basket scrolls to show the new line, in the same frame; the log splits
 * the figure into lines 1-10 and 11-20.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../e2e/support/browser.js';
import { startHostProcess, type HostProcess } from '../../e2e/support/host-process.js';
import type { Bench, BenchContext } from '../bench.js';
import { describeMs, summarize, type Summary } from '../stats.js';
import type { TableRow } from '../table.js';
import { ROOT } from '../support/child-process.js';
import { BENCH_CODES } from '../support/demo-picks.js';

const SCANS_PER_SALE = 20;
const FRAME_MS = 1000 / 60;
const SCANNER = 'sim-serial-1';

/** The pause between one line painted and the next scan: faster than any cashier, long enough to be at rest. */
const PACE_MS = 150;

const RUNS = [
  { label: `60 Hz frame clock, scans ${PACE_MS} ms apart`, args: [] as string[], paceMs: PACE_MS },
  { label: `frame clock uncapped, scans ${PACE_MS} ms apart`, args: ['--disable-gpu-vsync', '--disable-frame-rate-limit'], paceMs: PACE_MS },
  { label: '60 Hz frame clock, scans back to back', args: [] as string[], paceMs: 0 },
] as const;

export const uiPaintBench: Bench = {
  name: 'ui',
  title: 'scan (last byte into the serial pty) -> basket line painted in Chromium (Playwright), p95, 60 Hz and uncapped frame clock',
  run,
};

/** Runs before the app's scripts: timestamps every WebSocket message as it arrives. */
const INIT_SCRIPT = `
(() => {
  const Native = window.WebSocket;
  window.__regiBenchLastWs = NaN;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', () => { window.__regiBenchLastWs = performance.now(); });
    }
  };
})();`;

/**
 * Arms the page for one scan (plain JavaScript, so nothing of the TypeScript toolchain leaks into the page): the
 * timings land in window.__regiBenchScan, a promise read after the bytes were written. Times are wall-clock ms.
 */
const ARM = `(expected) => {
  const wall = (t) => performance.timeOrigin + t;
  const count = () => document.querySelectorAll('[data-testid="basket-line"]').length;
  let observer;
  window.__regiBenchScan = new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error('basket line ' + expected + ' not on screen within 5 s (lines: ' + count() + ')'));
    }, 5000);
    observer = new MutationObserver(() => {
      if (count() !== expected) return;
      observer.disconnect();
      clearTimeout(timer);
      const mutationAt = performance.now();
      const wsAt = window.__regiBenchLastWs;
      requestAnimationFrame(() => {
        const frameAt = performance.now();
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve({ wsAt: wall(wsAt), mutationAt: wall(mutationAt), frameAt: wall(frameAt), paintedAt: wall(performance.now()) });
        channel.port2.postMessage(null);
      });
    });
    observer.observe(document.body, { childList: true, subtree: true });
  });
}`;

interface Timing {
  writtenAt: number;
  /** The line's number in its sale, 1 to 20. */
  line: number;
  wsAt: number;
  mutationAt: number;
  frameAt: number;
  paintedAt: number;
}

const wallNow = () => performance.timeOrigin + performance.now();

async function run(ctx: BenchContext): Promise<TableRow[]> {
  const scans = ctx.quick ? 40 : 400;
  const warmUp = ctx.quick ? 5 : 20;
  const build = spawnSync(process.execPath, ['scripts/build-renderer.mjs'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`renderer build failed: ${(build.stderr || build.stdout).trim().slice(-500)}`);

  let host: HostProcess | undefined;
  let feeder: number | undefined;
  const rows: TableRow[] = [];
  try {
    host = await startHostProcess({ dataDir: ctx.dir });
    const sims = await host.api<{ id: string; feederPath?: string }[]>('GET', '/api/sim/scanners');
    const feederPath = sims.find((s) => s.id === SCANNER)?.feederPath;
    if (!feederPath) throw new Error(`the host has no simulated serial scanner ${SCANNER} with a feeder pty`);
    // Our own write end on the feeder pty: a synchronous write gives an exact "all bytes handed to the kernel" time.
    feeder = openSync(feederPath, 'w');
    for (const mode of RUNS) {
      const timings = await measure(ctx, host, feeder, mode, warmUp, scans);
      const painted = summarize(timings.map((t) => t.paintedAt - t.writtenAt));
      const dom = summarize(timings.map((t) => t.mutationAt - t.writtenAt));
      logBreakdown(ctx, mode.label, timings, painted, dom);
      rows.push(
        {
          benchmark: `UI scan -> line painted p95, ${mode.label} (${scans} scans)`,
          measured: { value: painted.p95, unit: 'ms' },
          limit: { value: FRAME_MS, unit: 'ms', label: 'one frame at 60 Hz' },
          better: 'lower',
        },
        {
          benchmark: `UI scan -> DOM updated p95, ${mode.label} (${scans} scans)`,
          measured: { value: dom.p95, unit: 'ms' },
          limit: { value: FRAME_MS, unit: 'ms', label: 'one frame at 60 Hz' },
          better: 'lower',
        },
      );
    }
    return rows;
  } finally {
    if (feeder !== undefined) closeSync(feeder);
    await host?.stop();
  }
}

async function measure(
  ctx: BenchContext,
  host: HostProcess,
  feeder: number,
  run: { args: readonly string[]; paceMs: number },
  warmUp: number,
  scans: number,
): Promise<Timing[]> {
  let browser: Browser | undefined;
  try {
    browser = await launchChromium(run.args);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.addInitScript({ content: INIT_SCRIPT });
    await page.goto(`${host.url}/`);
    await page.getByTestId('connection-status').and(page.locator('[data-status="connected"]')).waitFor();
    await page.locator(`[data-testid="scanner-row"][data-driver-id="${SCANNER}"][data-state="connected"]`).waitFor();
    await checkClocks(ctx, page);
    // Start each run from an empty basket.
    await payIfOpen(host, page);

    const timings: Timing[] = [];
    let inSale = 0;
    for (let i = 0; i < warmUp + scans; i++) {
      if (inSale === SCANS_PER_SALE) {
        await host.api('POST', '/api/register/pay-cash', { tendered: 1_000_000 });
        await page.getByTestId('sale-complete').waitFor();
        inSale = 0;
      }
      if (run.paceMs > 0) await new Promise((resolve) => setTimeout(resolve, run.paceMs));
      await page.evaluate(`(${ARM})(${inSale + 1})`);
      writeSync(feeder, Buffer.from(`${BENCH_CODES[i % BENCH_CODES.length]!}\r`, 'latin1'));
      const writtenAt = wallNow();
      const timing = (await page.evaluate('window.__regiBenchScan')) as Omit<Timing, 'writtenAt' | 'line'>;
      inSale++;
      if (i >= warmUp) timings.push({ writtenAt, line: inSale, ...timing });
    }
    await payIfOpen(host, page);
    if (pageErrors.length > 0) throw new Error(`the page reported errors: ${pageErrors.slice(0, 3).join('; ')}`);
    return timings;
  } finally {
    await browser?.close();
  }
}

async function payIfOpen(host: HostProcess, page: Page): Promise<void> {
  if ((await page.locator('[data-testid="basket-line"]').count()) === 0) return;
  await host.api('POST', '/api/register/pay-cash', { tendered: 1_000_000 });
  await page.getByTestId('sale-complete').waitFor();
}

/**
 * The page's wall clock against ours, by round trips: the page's reading must fall between our readings before and
 * after. Logs the worst offset seen; refuses to measure when the clocks disagree by more than a millisecond.
 */
async function checkClocks(ctx: BenchContext, page: Page): Promise<void> {
  let worst = 0;
  for (let i = 0; i < 20; i++) {
    const before = wallNow();
    const inPage = (await page.evaluate('performance.timeOrigin + performance.now()')) as number;
    const after = wallNow();
    const offset = inPage < before ? inPage - before : inPage > after ? inPage - after : 0;
    if (Math.abs(offset) > Math.abs(worst)) worst = offset;
  }
  ctx.log(`ui: page clock vs bench clock: worst offset outside the round trip ${worst.toFixed(3)} ms (20 round trips)`);
  if (Math.abs(worst) > 1) throw new Error(`the page's clock disagrees with the bench's by ${worst.toFixed(3)} ms; timings across the two would be wrong`);
}

function logBreakdown(ctx: BenchContext, label: string, timings: Timing[], painted: Summary, dom: Summary): void {
  ctx.log(`ui [${label}]: last byte written -> painted ${describeMs(painted, 2)}`);
  ctx.log(`ui [${label}]: last byte written -> DOM updated ${describeMs(dom, 2)}`);
  for (const [which, inRange] of [['lines 1-10', (line: number) => line <= 10], ['lines 11-20 (the basket scrolls)', (line: number) => line > 10]] as const) {
    const part = timings.filter((t) => inRange(t.line));
    ctx.log(`ui [${label}]:   ${which}: painted ${describeMs(summarize(part.map((t) => t.paintedAt - t.writtenAt)), 2)}`);
  }
  const viaWs = timings.filter((t) => t.wsAt >= t.writtenAt && t.wsAt <= t.mutationAt);
  if (viaWs.length > 0) {
    ctx.log(`ui [${label}]:   written -> WebSocket message (pty, driver, register, socket) ${describeMs(summarize(viaWs.map((t) => t.wsAt - t.writtenAt)), 2)}`);
    ctx.log(`ui [${label}]:   WebSocket message -> DOM updated (React) ${describeMs(summarize(viaWs.map((t) => t.mutationAt - t.wsAt)), 2)}`);
  }
  ctx.log(`ui [${label}]:   DOM updated -> frame start (rAF) ${describeMs(summarize(timings.map((t) => t.frameAt - t.mutationAt)), 2)}`);
  ctx.log(`ui [${label}]:   frame start -> after paint ${describeMs(summarize(timings.map((t) => t.paintedAt - t.frameAt)), 2)}`);
}
