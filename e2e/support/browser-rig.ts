/**
 * What every browser e2e file sets up: one Chromium and one temporary data directory for the file, the hosts its
 * tests start, and pages that fail the test on a page error. All of it is stopped and removed after the file.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEMO_CATALOG } from '../../db/seed/demo-catalog.js';
import { launchChromium } from './browser.js';
import { startHostProcess, type HostProcess } from './host-process.js';

export interface BrowserRig {
  /** The file's data directory (hosts started by startHost use it). */
  readonly dataDir: string;
  readonly browser: Browser;
  /** A real `regi serve` child on the rig's data directory, stopped after the file. */
  startHost(extra?: string[]): Promise<HostProcess>;
  /**
   * A new page at `hash` on the host; an uncaught page error fails the test. hostReplyDelayMs: every WebSocket message
   * from the host reaches the page that much later, in order (a slow network).
   */
  open(host: { url: string }, hash: string, options?: { hostReplyDelayMs?: number }): Promise<Page>;
}

export function useBrowserRig(prefix: string, viewport: { width: number; height: number } = { width: 1024, height: 768 }): BrowserRig {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const hosts: HostProcess[] = [];
  let browser: Browser | undefined;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    for (const host of hosts) await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    dataDir,
    get browser(): Browser {
      if (!browser) throw new Error('the browser starts in the before() hook; use it inside a test');
      return browser;
    },
    async startHost(extra) {
      const host = await startHostProcess({ dataDir, ...(extra ? { extra } : {}) });
      hosts.push(host);
      return host;
    },
    async open(host, hash, options) {
      const page = await this.browser.newPage({ viewport });
      page.on('pageerror', (error) => assert.fail(`page error on ${hash || '#/'}: ${error.message}`));
      const delay = options?.hostReplyDelayMs;
      if (delay !== undefined) {
        await page.routeWebSocket(/./, (ws) => {
          const server = ws.connectToServer();
          server.onMessage((message) => setTimeout(() => ws.send(message), delay));
        });
      }
      await page.goto(`${host.url}/${hash}`);
      return page;
    },
  };
}

/** A demo item's price, and yen as the English screens show it. */
export const priceOf = (code: string): number => {
  const item = DEMO_CATALOG.find((i) => i.code === code);
  if (!item) throw new Error(`the demo catalog has no item ${code}`);
  return item.price;
};
export const yen = (n: number): string => `¥${n.toLocaleString('en-US')}`;
