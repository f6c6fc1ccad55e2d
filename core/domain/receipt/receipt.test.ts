import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { BasketLine } from '../basket.js';
import type { CatalogItem } from '../catalog-item.js';
import type { CompletedSale } from '../sale.js';
import { taxBreakdown } from '../tax.js';
import { buildReceipt, jstParts } from './receipt.js';
import { displayWidth, renderReceiptText, RECEIPT_TEXT_COLUMNS, wrap } from './receipt-text.js';
import { DEFAULT_STORE_SETTINGS, registrationNumberProblem } from './store-settings.js';

const onigiri: CatalogItem = { code: '4901234567894', name: 'Salmon onigiri', nameJa: '鮭おにぎり', price: 160, taxClass: 'reduced', category: 'onigiri', ageRestricted: false };
const beer: CatalogItem = { code: '4902345678901', name: 'Beer 350ml', nameJa: 'ビール 350ml', price: 248, taxClass: 'standard', category: 'alcohol', ageRestricted: true };

function line(lineId: string, item: CatalogItem, quantity: number): BasketLine {
  return { lineId, item, quantity, amount: item.price * quantity };
}

function sale(tenders: CompletedSale['tenders']): CompletedSale {
  const lines = [line('L1', onigiri, 3), line('L2', beer, 1)];
  return {
    saleId: '6f1c7c2e-3a5b-4c1e-9d7a-0b1e2f3a4b5c',
    saleNo: 42,
    registerId: 'R-ABC123',
    startedAt: Date.UTC(2026, 0, 31, 14, 59, 0),
    // 15:00:05 UTC = 00:00:05 the next day in Tokyo
    completedAt: Date.UTC(2026, 0, 31, 15, 0, 5),
    lines,
    totals: { itemCount: 4, total: 728, taxes: taxBreakdown({ reduced: 480, standard: 248 }) },
    tenders,
  };
}

describe('receipt', () => {
  test('dates are JST whatever the host zone, across a day and year boundary', () => {
    assert.deepEqual(jstParts(Date.UTC(2026, 0, 31, 15, 0, 5)), { date: '2026-02-01', time: '00:00:05' });
    assert.deepEqual(jstParts(Date.UTC(2025, 11, 31, 15, 30, 0)), { date: '2026-01-01', time: '00:30:00' });
  });

  test('marks reduced-rate lines and carries the per-rate totals with their tax', () => {
    const r = buildReceipt(sale([{ kind: 'cash', amount: 728, tendered: 1000, change: 272 }]), DEFAULT_STORE_SETTINGS);
    assert.deepEqual(r.lines.map((l) => [l.nameJa, l.reduced, l.amount]), [['鮭おにぎり', true, 480], ['ビール 350ml', false, 248]]);
    assert.deepEqual(r.taxRows, [
      { ratePercent: 8, reduced: true, gross: 480, tax: 35 },
      { ratePercent: 10, reduced: false, gross: 248, tax: 22 },
    ]);
    assert.equal(r.total, 728);
    assert.equal(r.change, 272);
    assert.equal(r.hasReducedItems, true);
    assert.equal(r.date, '2026-02-01');
  });

  test('plain text has the invoice parts, in Japanese by default', () => {
    const store = { ...DEFAULT_STORE_SETTINGS, registrationNumber: 'T1234567890123' };
    const text = renderReceiptText(buildReceipt(sale([{ kind: 'cash', amount: 728, tendered: 1000, change: 272 }]), store));
    assert.match(text, /登録番号 T1234567890123/);
    assert.match(text, /2026-02-01 00:00:05/);
    assert.match(text, /取引No\. 42/);
    assert.match(text, /※鮭おにぎり +¥480/);
    assert.match(text, /\n {2}ビール 350ml +¥248/);
    assert.match(text, /8%対象 ¥480 \(内消費税 ¥35\)/);
    assert.match(text, /10%対象 ¥248 \(内消費税 ¥22\)/);
    assert.match(text, /お釣り +¥272/);
    assert.match(text, /※は軽減税率/);
    for (const l of text.trimEnd().split('\n')) assert.ok(displayWidth(l) <= RECEIPT_TEXT_COLUMNS, `too wide: ${l}`);
  });

  test('no line is wider than 40 columns: long store name and address wrap, a wallet transaction id goes on its own line', () => {
    const store = {
      ...DEFAULT_STORE_SETTINGS,
      storeName: 'レジ商店 東京駅八重洲北口地下街グランルーフ前店 二号売場',
      address: '東京都千代田区丸の内一丁目九番一号 東京駅一番街 地下一階 B-12',
    };
    const paymentId = 'p_6f1c7c2e-3a5b-4c1e-9d7a-0b1e2f3a4b5c';
    for (const lang of ['ja', 'en'] as const) {
      const text = renderReceiptText(buildReceipt(sale([{ kind: 'wallet', amount: 728, reference: paymentId }]), store), lang);
      const lines = text.trimEnd().split('\n');
      for (const l of lines) assert.ok(displayWidth(l) <= RECEIPT_TEXT_COLUMNS, `${lang}: ${displayWidth(l)} columns: ${l}`);
      assert.ok(lines.some((l) => l.trim() === paymentId), `${lang}: the id is whole on a line of its own`);
      const joined = lines.join('').replaceAll(' ', '');
      assert.ok(joined.includes(store.storeName.replaceAll(' ', '')), `${lang}: nothing of the store name is lost`);
      assert.ok(joined.includes(store.address.replaceAll(' ', '')), `${lang}: nothing of the address is lost`);
    }
  });

  test('a long item name wraps under itself instead of losing its end', () => {
    const carton: CatalogItem = { ...onigiri, code: '4566010000103', name: 'Ginga Ice Burst 20 carton (10 packs)', nameJa: 'ギンガ アイスバースト カートン(10個入)', price: 5800, taxClass: 'standard' };
    const sold: CompletedSale = { ...sale([{ kind: 'cash', amount: 5800, tendered: 6000, change: 200 }]), lines: [line('L1', carton, 1)], totals: { itemCount: 1, total: 5800, taxes: taxBreakdown({ reduced: 0, standard: 5800 }) } };
    for (const [lang, name] of [['ja', carton.nameJa], ['en', carton.name]] as const) {
      const lines = renderReceiptText(buildReceipt(sold, DEFAULT_STORE_SETTINGS), lang).split('\n');
      const first = lines.findIndex((l) => l.includes(name.slice(0, 8)));
      assert.match(lines[first]!, /¥5,800$/, `${lang}: the amount stays on the name's first line`);
      assert.equal((lines[first]! + lines[first + 1]!).replaceAll(' ', '').replace('¥5,800', ''), name.replaceAll(' ', ''), `${lang}: the whole name`);
      for (const l of lines) assert.ok(displayWidth(l) <= RECEIPT_TEXT_COLUMNS, `${lang}: ${l}`);
    }
  });

  test('wrap breaks at a space past the middle of the line, else at the width', () => {
    assert.deepEqual(wrap('aaaa bbbb cccc', 10), ['aaaa bbbb', 'cccc']);
    assert.deepEqual(wrap('abcdefghijklmnop', 10, '  '), ['abcdefghij', '  klmnopqr'.slice(0, 8)]);
    assert.deepEqual(wrap('鮭おにぎり鮭おにぎり', 8), ['鮭おにぎ', 'り鮭おに', 'ぎり']);
    assert.deepEqual(wrap('', 10), []);
  });

  test('a wallet tender shows its transaction id; English labels on request', () => {
    const text = renderReceiptText(buildReceipt(sale([{ kind: 'wallet', amount: 728, reference: 'PAY-0001-XYZ' }]), DEFAULT_STORE_SETTINGS), 'en');
    assert.match(text, /Wallet payment +¥728/);
    assert.match(text, /Transaction ID PAY-0001-XYZ/);
    assert.match(text, /8% taxable ¥480 \(incl\. tax ¥35\)/);
    assert.doesNotMatch(text, /Change/);
  });

  test('full-width characters count two columns', () => {
    assert.equal(displayWidth('abc'), 3);
    assert.equal(displayWidth('鮭おにぎり'), 10);
    assert.equal(displayWidth('ＡＢ'), 4);
  });

  test('registration numbers: T and exactly 13 digits', () => {
    assert.equal(registrationNumberProblem('T1234567890123'), null);
    assert.match(registrationNumberProblem('1234567890123')!, /start with "T"/);
    assert.match(registrationNumberProblem('T123456789012')!, /exactly 13 digits \(got 12\)/);
    assert.match(registrationNumberProblem('T12345678901234')!, /got 14/);
    assert.match(registrationNumberProblem('T12345678901a3')!, /digits only/);
    assert.match(registrationNumberProblem('t1234567890123')!, /start with "T"/);
  });
});
