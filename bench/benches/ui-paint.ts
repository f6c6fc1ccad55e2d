/**
 * UI: scan -> basket line painted, in Chromium (playwright-core, /usr/bin/chromium) on the built renderer served by
 * a real `regi serve` child process (simulator mode). Everything is timed inside the page with performance.now():
 *
 *   injectedAt   just before the page calls fetch(POST /api/sim/scanners/sim-serial-1/scan): the host's simulated
 *                scanner writes the code into the socat pty, the real serial driver reads it, the register adds
 *                the line and pushes its state over the WebSocket
 *   wsAt         the last WebSocket 'message' event before the DOM changed (a listener added when the socket is
 *                constructed, so it runs before the app's own handler)
 *   mutationAt   a MutationObserver callback sees the expected number of basket lines in the DOM
 *   frameAt      the requestAnimationFrame callback requested from that MutationObserver callback: the frame that
 *                renders the new line starts
 *   paintedAt    a MessageChannel task posted from that rAF callback: it runs after the frame's style, layout and
 *                paint steps on the main thread (compositing to the screen is not observable from the page)
 *
 * Figures: p95 of paintedAt - injectedAt ("painted") and of mutationAt - injectedAt ("DOM updated").
 * Every scan adds a new line (the codes alternate); every 20 scans the sale is paid in cash (not timed).
 */
import { spawnSync } from 'node:child_process';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../e2e/support/browser.js';
import { startHostProcess, type HostProcess } from '../../e2e/support/host-process.js';
import type { Bench, BenchContext } from '../bench.js';
import { describeMs, summarize } from '../stats.js';
import type { TableRow } from '../table.js';
import { ROOT } from '../support/child-process.js';
import { BENCH_CODES } from '../support/demo-picks.js';

const SCANS_PER_SALE = 20;
const FRAME_MS = 1000 / 60;

export const uiPaintBench: Bench = {
  name: 'ui',
  title: 'scan -> basket line painted in Chromium (Playwright), p95, timed in the page',
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

/** One timed scan, as plain JavaScript so nothing of the TypeScript toolchain leaks into the page. */
const MEASURE = `async ({ token, code, expected }) => {
  const count = () => document.querySelectorAll('[data-testid="basket-line"]').length;
  let observer;
  const painted = new Promise((resolve, reject) => {
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
        channel.port1.onmessage = () => resolve({ mutationAt, wsAt, frameAt, paintedAt: performance.now() });
        channel.port2.postMessage(null);
      });
    });
    observer.observe(document.body, { childList: true, subtree: true });
  });
  const injectedAt = performance.now();
  const answer = fetch('/api/sim/scanners/sim-serial-1/scan', {
    method: 'POST',
    headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json' },
    body: JSON.stringify({ data: code }),
  });
  const times = await painted;
  const response = await answer;
  if (!response.ok) throw new Error('scan injection answered ' + response.status + ': ' + (await response.text()));
  return { injectedAt, ...times };
}`;

interface Timing {
  injectedAt: number;
  wsAt: number;
  mutationAt: number;
  frameAt: number;
  paintedAt: number;
}

async function run(ctx: BenchContext): Promise<TableRow[]> {
  const scans = ctx.quick ? 40 : 400;
  const warmUp = ctx.quick ? 5 : 20;
  const build = spawnSync(process.execPath, ['scripts/build-renderer.mjs'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`renderer build failed: ${(build.stderr || build.stdout).trim().slice(-500)}`);

  let host: HostProcess | undefined;
  let browser: Browser | undefined;
  try {
    host = await startHostProcess({ dataDir: ctx.dir });
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.addInitScript({ content: INIT_SCRIPT });
    await page.goto(`${host.url}/`);
    await page.getByTestId('connection-status').and(page.locator('[data-status="connected"]')).waitFor();
    await page.locator('[data-testid="scanner-row"][data-driver-id="sim-serial-1"][data-state="connected"]').waitFor();

    const timings: Timing[] = [];
    let inSale = 0;
    for (let i = 0; i < warmUp + scans; i++) {
      if (inSale === SCANS_PER_SALE) {
        await host.api('POST', '/api/register/pay-cash', { tendered: 1_000_000 });
        await page.getByTestId('sale-complete').waitFor();
        inSale = 0;
      }
      const args = { token: host.token, code: BENCH_CODES[i % BENCH_CODES.length]!, expected: inSale + 1 };
      const timing = (await page.evaluate(`(${MEASURE})(${JSON.stringify(args)})`)) as Timing;
      inSale++;
      if (i >= warmUp) timings.push(timing);
    }
    if (pageErrors.length > 0) throw new Error(`the page reported errors: ${pageErrors.slice(0, 3).join('; ')}`);

    const painted = summarize(timings.map((t) => t.paintedAt - t.injectedAt));
    const dom = summarize(timings.map((t) => t.mutationAt - t.injectedAt));
    const viaWs = timings.filter((t) => t.wsAt >= t.injectedAt && t.wsAt <= t.mutationAt);
    ctx.log(`ui: inject -> painted ${describeMs(painted, 2)}`);
    ctx.log(`ui: inject -> DOM updated ${describeMs(dom, 2)}`);
    if (viaWs.length > 0) {
      ctx.log(`ui:   inject -> WebSocket message ${describeMs(summarize(viaWs.map((t) => t.wsAt - t.injectedAt)), 2)}`);
      ctx.log(`ui:   WebSocket message -> DOM updated (React) ${describeMs(summarize(viaWs.map((t) => t.mutationAt - t.wsAt)), 2)}`);
    }
    ctx.log(`ui:   DOM updated -> frame start (rAF) ${describeMs(summarize(timings.map((t) => t.frameAt - t.mutationAt)), 2)}`);
    ctx.log(`ui:   frame start -> after paint ${describeMs(summarize(timings.map((t) => t.paintedAt - t.frameAt)), 2)}`);
    const n = `${scans} scans`;
    return [
      {
        benchmark: `UI scan -> line painted p95 (${n})`,
        measured: { value: painted.p95, unit: 'ms' },
        limit: { value: FRAME_MS, unit: 'ms', label: 'one frame at 60 Hz' },
        better: 'lower',
      },
      {
        benchmark: `UI scan -> DOM updated p95 (${n})`,
        measured: { value: dom.p95, unit: 'ms' },
        limit: { value: FRAME_MS, unit: 'ms', label: 'one frame at 60 Hz' },
        better: 'lower',
      },
    ];
  } finally {
    await browser?.close();
    await host?.stop();
  }
}
