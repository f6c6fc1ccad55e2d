import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CompletedSale } from '../core/domain/sale.js';
import { openRegisterStore } from '../db/register-store.js';
import { SqliteSaleRecords } from '../db/sale-records.js';
import { DEMO_CODES } from '../db/seed/demo-catalog.js';
import { createRegister } from './create-register.js';
import { startHttpHost, type RunningHttpHost } from './http-server.js';
import { closeReceiptPdf, parseTimeParam } from './records-routes.js';

const dir = mkdtempSync(join(tmpdir(), 'regi-records-'));
const TOKEN = 'test-token-records-0123';
// 2026-04-01 10:30 JST
const NOW = Date.UTC(2026, 3, 1, 1, 30);
let host: RunningHttpHost;
let store: ReturnType<typeof openRegisterStore>;
let sale: CompletedSale;

before(async () => {
  mkdirSync(join(dir, 'renderer'));
  writeFileSync(join(dir, 'renderer', 'index.html'), '<p>x</p>');
  store = openRegisterStore(join(dir, 'data'), { newRegisterId: () => 'R-TEST01' });
  const register = createRegister({
    registerId: store.registerId, mode: 'production', catalog: store.catalog, journal: store.journal,
    clock: { now: () => NOW }, records: new SqliteSaleRecords(store.db),
  });
  host = await startHttpHost({ register, token: TOKEN, host: '127.0.0.1', port: 0, rendererDir: join(dir, 'renderer'), simulators: null });
  await register.scan({ data: DEMO_CODES.onigiriSalmon });
  await register.scan({ data: DEMO_CODES.magazine });
  sale = await register.payCash({ tendered: 1000 });
});

after(async () => {
  await closeReceiptPdf();
  await host.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

function get(path: string, init: RequestInit = {}) {
  return fetch(`${host.url}${path}`, { ...init, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...(init.headers ?? {}) } });
}

describe('receipt, settings and report routes', () => {
  test('store settings: a malformed registration number is refused with the reason, a good one is printed', async () => {
    const bad = await get('/api/settings/store', { method: 'POST', body: JSON.stringify({ registrationNumber: 'T12345' }) });
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { error: { message: string } }).error.message, /registrationNumber: must be the qualified-invoice registration number: "T" followed by 13 digits/);
    const unknown = await get('/api/settings/store', { method: 'POST', body: JSON.stringify({ colour: 'red' }) });
    assert.equal(unknown.status, 400);
    const nul = await get('/api/settings/store', { method: 'POST', body: JSON.stringify({ storeName: 'A\u0000B' }) });
    assert.equal(nul.status, 400);
    assert.match(((await nul.json()) as { error: { message: string } }).error.message, /storeName: must not contain control characters/);
    const good = await get('/api/settings/store', { method: 'POST', body: JSON.stringify({ registrationNumber: 'T9876543210987', storeName: 'ハナ商店 駅前店' }) });
    assert.equal(good.status, 200);
    assert.equal(((await (await get('/api/settings/store')).json()) as { storeName: string }).storeName, 'ハナ商店 駅前店');
  });

  test('plain-text receipt in Japanese, English on request', async () => {
    const response = await get(`/api/sales/${sale.saleId}/receipt.txt`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/plain/);
    const text = await response.text();
    assert.match(text, /ハナ商店 駅前店/);
    assert.match(text, /登録番号 T9876543210987/);
    assert.match(text, /2026-04-01 10:30:00/);
    assert.match(text, /8%対象 ¥160 \(内消費税 ¥11\)/);
    assert.match(text, /10%対象/);
    assert.match(await (await get(`/api/sales/${sale.saleId}/receipt.txt?lang=en`)).text(), /Registration No\. T9876543210987/);
    assert.equal((await get(`/api/sales/${sale.saleId}/receipt.txt?lang=fr`)).status, 400);
    assert.equal((await get('/api/sales/00000000-0000-4000-8000-000000000000/receipt.txt')).status, 404);
    assert.equal((await get('/api/sales/not-a-uuid/receipt.txt')).status, 400);
  });

  test('PDF receipt rendered by Chromium embeds a Japanese font', async () => {
    const response = await get(`/api/sales/${sale.saleId}/receipt.pdf`);
    assert.equal(response.status, 200, await response.clone().text());
    assert.equal(response.headers.get('content-type'), 'application/pdf');
    const pdf = Buffer.from(await response.arrayBuffer());
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.match(pdf.toString('latin1'), /IPAGothic|IPAPGothic/, 'the Japanese font is embedded');
  });

  test('report CSVs need a range and name a known report', async () => {
    const csv = await get(`/api/reports/sales-by-hour.csv?from=2026-04-01&to=2026-04-02`);
    assert.equal(csv.status, 200);
    const bytes = Buffer.from(await csv.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM so spreadsheets read Japanese rule names');
    const text = bytes.toString('utf8').slice(1);
    assert.ok(text.startsWith('hour_jst,sales,total_yen\r\n'), text);
    assert.match(text, /\r\n10,1,/);
    const mix = await (await get(`/api/reports/tender-mix.csv?from=0&to=${NOW + 1}`)).text();
    assert.match(mix, /cash,1,/);
    assert.equal((await get('/api/reports/sales-by-hour.csv?from=2026-04-01')).status, 400);
    assert.equal((await get('/api/reports/nope.csv?from=0&to=1')).status, 404);
    assert.equal((await get('/api/reports/outbox-age.csv?from=5&to=1')).status, 400);
  });

  test('time parameters', () => {
    assert.equal(parseTimeParam('from', '2026-04-01'), Date.UTC(2026, 2, 31, 15));
    assert.equal(parseTimeParam('from', '1700000000000'), 1_700_000_000_000);
    assert.equal(parseTimeParam('from', '2026-04-01T00:00:00Z'), Date.UTC(2026, 3, 1));
    assert.throws(() => parseTimeParam('to', 'yesterday'), /to: "yesterday" is not/);
    // Impossible days are refused rather than rolled over into the next month (QA: 2026-02-30 was March 2nd).
    assert.throws(() => parseTimeParam('from', '2026-02-30'), /from: "2026-02-30" has no such date/);
    assert.throws(() => parseTimeParam('from', '2026-04-31T10:00:00+09:00'), /has no such date \(2026-04-31\)/);
    assert.equal(parseTimeParam('from', '2028-02-29'), Date.UTC(2028, 1, 28, 15), 'a leap day exists');
  });
});
