/**
 * Receipt PDFs rendered by headless Chromium (playwright-core, Debian's /usr/bin/chromium) so that
 * Japanese text is set with a real font (fonts-ipafont-gothic). Chromium starts on the first request,
 * renders one receipt at a time, and is closed with the host. playwright-core itself is loaded on that first
 * request too: imported at start it added about 90 MiB to the resident size of every host, printing or not.
 */
import type { Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export class ReceiptPdfError extends Error {
  override name = 'ReceiptPdfError';
}

export class ReceiptPdfRenderer {
  private browser: Promise<Browser> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(private readonly executablePath = CHROMIUM_PATH) {}

  /** One render at a time: a register prints one receipt at a time, and the machine is small. */
  render(html: string): Promise<Buffer> {
    const job = this.queue.then(() => this.renderNow(html));
    this.queue = job.catch(() => undefined);
    return job;
  }

  private async renderNow(html: string): Promise<Buffer> {
    if (this.closed) throw new ReceiptPdfError('the PDF renderer is closed (host shutting down)');
    const browser = await this.launch();
    const page = await browser.newPage({ viewport: { width: 302, height: 600 } });
    try {
      await page.setContent(html, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready);
      const height = await page.evaluate(() => Math.ceil(document.documentElement.scrollHeight));
      return await page.pdf({ width: '80mm', height: `${height + 4}px`, printBackground: true, pageRanges: '1' });
    } finally {
      await page.close().catch(() => undefined);
    }
  }

  private launch(): Promise<Browser> {
    this.browser ??= import('playwright-core')
      .then(({ chromium }) => chromium.launch({
        executablePath: this.executablePath,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
      }))
      .catch((error: unknown) => {
        this.browser = null;
        throw new ReceiptPdfError(`cannot start Chromium at ${this.executablePath} for the receipt PDF (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); install chromium or set CHROMIUM_PATH`);
      });
    return this.browser;
  }

  async close(): Promise<void> {
    this.closed = true;
    const browser = this.browser;
    this.browser = null;
    if (browser) await (await browser.catch(() => null))?.close();
  }
}
