// Opt-in (npm run test:electron): the real Electron shell, its host child process and the renderer.
// Scans through window.regi, sees the basket line, and checks the security settings from inside the page.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import type { RegisterApi, ScanOutcome } from '../../core/api.js';
import { electronBuildPaths, electronEnv, electronSwitches, findElectronBinary } from '../../cli/electron-launcher.js';

const root = join(import.meta.dirname, '..', '..');
type RegiWindow = { regi: RegisterApi; regiEvents: unknown };

describe('Electron shell', { skip: findElectronBinary(root) === null ? 'no Electron binary installed' : false }, () => {
  let dataDir = '';
  let app: ElectronApplication;
  let page: Page;
  const logLines: string[] = [];
  const logWaiters: { pattern: RegExp; resolve: () => void }[] = [];

  /** Resolves when main logs a line matching pattern (main logs every blocked navigation and window.open). */
  const logged = (pattern: RegExp) =>
    new Promise<void>((resolve) => {
      if (logLines.some((line) => pattern.test(line))) resolve();
      else logWaiters.push({ pattern, resolve });
    });

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'regi-electron-e2e-'));
    app = await _electron.launch({
      executablePath: findElectronBinary(root)!,
      args: [...electronSwitches(), electronBuildPaths(root).main],
      cwd: root,
      env: electronEnv({ root, dataDir, hostArgs: ['--sim-scanners', '0'] }) as Record<string, string>,
    });
    createInterface({ input: app.process().stdout! }).on('line', (line) => {
      logLines.push(line);
      for (const waiter of logWaiters.filter((w) => w.pattern.test(line))) waiter.resolve();
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  after(async () => {
    await app?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  test('the window shows the app from its own scheme', () => {
    assert.match(page.url(), /^regi:\/\/app\//);
  });

  test('a scan through window.regi adds a basket line the cashier sees', async () => {
    // Waits for the host: the first call is held until it is ready.
    await page.evaluate(() => (window as unknown as RegiWindow).regi.getState());
    const db = new Database(join(dataDir, 'register.sqlite'), { readonly: true, fileMustExist: true });
    const item = db.prepare('SELECT code, name, name_ja AS nameJa FROM catalog_items WHERE age_restricted = 0 ORDER BY code LIMIT 1').get() as
      | { code: string; name: string; nameJa: string }
      | undefined;
    db.close();
    assert.ok(item, 'the demo catalog is seeded');

    const outcome = await page.evaluate(
      (code) => (window as unknown as RegiWindow).regi.scan({ data: code, source: 'keyboard' }),
      item.code,
    ) as ScanOutcome;
    assert.equal(outcome.accepted, true);
    if (outcome.accepted) assert.equal(outcome.line.item.code, item.code);
    const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    await page.getByText(new RegExp(`${escape(item.nameJa)}|${escape(item.name)}`)).first().waitFor();
  });

  test('an unknown call from the page is refused with a reason', async () => {
    const message = await page.evaluate(async () => {
      try {
        await ((window as unknown as RegiWindow).regi.scan as (p: unknown) => Promise<unknown>)('not an object');
        return 'accepted';
      } catch (error) {
        return (error as Error).message;
      }
    });
    assert.match(message, /plain object/);
  });

  test('no Node in the page: require, process and ipcRenderer are absent', async () => {
    const globals = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      return { require: typeof w.require, process: typeof w.process, module: typeof w.module, ipcRenderer: typeof w.ipcRenderer };
    });
    assert.deepEqual(globals, { require: 'undefined', process: 'undefined', module: 'undefined', ipcRenderer: 'undefined' });
  });

  test('window.open is denied', async () => {
    const denied = logged(/denied window\.open to https:\/\/example\.invalid\/popup/);
    const opened = await page.evaluate(() => window.open('https://example.invalid/popup') === null);
    assert.equal(opened, true);
    await denied;
    assert.equal(app.windows().length, 1);
  });

  test('navigation away from the app is blocked', async () => {
    const blocked = logged(/blocked navigation to https:\/\/example\.invalid\/elsewhere/);
    await page.evaluate(() => {
      window.location.href = 'https://example.invalid/elsewhere';
    });
    await blocked;
    assert.match(page.url(), /^regi:\/\/app\//);
  });

  test('remote content cannot be fetched', async () => {
    const result = await page.evaluate(async () => {
      try {
        await fetch('https://example.invalid/data.json');
        return 'fetched';
      } catch {
        return 'refused';
      }
    });
    assert.equal(result, 'refused');
  });

  test('the CSP refuses inline script', async () => {
    const result = await page.evaluate(
      () =>
        new Promise<{ directive: string; ran: boolean }>((resolve) => {
          document.addEventListener(
            'securitypolicyviolation',
            (event) => resolve({ directive: event.effectiveDirective, ran: 'inlineRan' in window }),
            { once: true },
          );
          const script = document.createElement('script');
          script.textContent = 'window.inlineRan = true';
          document.body.append(script);
        }),
    );
    assert.deepEqual(result, { directive: 'script-src-elem', ran: false });
  });
});
