import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MESSAGE_CODES, type MessageCode, type MessageParams } from '../../core/domain/messages.js';
import { LANGS } from './dictionary.js';
import { en } from './en.js';
import { formatStoreDateTime, formatTime, formatYen, parseStoreDateTime } from './format.js';
import { ja } from './ja.js';
import { DICTIONARIES, LANG_STORAGE_KEY, loadLang, saveLang, translate } from './translate.js';

/** Parameters core sends with each code (core/register.ts). */
const SAMPLE: Record<MessageCode, MessageParams> = {
  'scan.added': { code: '4901234567894', name: '鮭おにぎり', quantity: 2, price: 160 },
  'scan.unknownItem': { code: '4901234567894' },
  'scan.badRead': { data: '4901234567890', reason: 'EAN-13 check digit is 0, expected 4: bad read, scan again' },
  'scan.notSellable': { kind: 'bill-payment', code: '9191234567890123456789012345678901234567890123' },
  'scan.quantityChanged': { lineId: 'L1', quantity: 3 },
  'line.voided': { lineId: 'L1' },
  'sale.completed': { saleNo: 12, total: 1234, change: 8766 },
  'sale.emptyBasket': {},
  'sale.insufficientCash': { total: 1234, tendered: 1000, short: 234 },
  'sale.started': {},
  'sale.stillOpen': { lines: 3 },
  'scanner.connected': { driverId: 'serial-1' },
  'scanner.disconnected': { driverId: 'serial-1' },
  'scanner.error': { driverId: 'serial-1', error: 'port gone' },
  'input.invalid': { reason: 'quantity must be 1..999' },
  'limit.blocked': { ruleId: 'r1', rule: 'Tobacco per wallet', version: 2, measure: 'amount', limit: 10000, current: 9000, attempted: 14800, remaining: 1000, action: 'block' },
  'limit.overrideRequired': { ruleId: 'r2', rule: 'Tobacco packs', version: 1, measure: 'quantity', limit: 10, current: 10, attempted: 11, remaining: 0, action: 'override' },
  'limit.warning': { ruleId: 'r1', rule: 'Tobacco per wallet', version: 1, measure: 'amount', limit: 10000, current: 5800, attempted: 11600, remaining: 4200, action: 'block' },
  'limit.overridden': { ruleId: 'r2', rule: 'Tobacco packs', version: 1, measure: 'quantity', limit: 10, current: 10, attempted: 11, remaining: 0, action: 'override' },
  'age.confirmationRequired': {},
  'age.confirmed': {},
  'age.refused': { lines: 2, quantity: 3 },
  'wallet.enterCode': { amount: 1200 },
  'wallet.sending': {},
  'wallet.pending': {},
  'wallet.unknown': {},
  'wallet.cancelling': {},
  'wallet.cancelUnknown': { amount: 1200 },
  'wallet.succeeded': { amount: 1000, remaining: 200 },
  'wallet.declined': { reason: 'wallet balance too low', code: 'INSUFFICIENT_BALANCE' },
  'wallet.voided': { amount: 1200 },
  'wallet.offline': {},
  'wallet.busy': {},
  'wallet.partPaid': { amount: 100 },
  'wallet.reversed': { amount: 100 },
  'wallet.refundFailed': { saleNo: 12, error: 'timeout' },
  'sale.refunded': { saleNo: 12, wallet: 1000, cash: 200 },
};

describe('i18n', () => {
  test('both dictionaries cover every message code and every ui key', () => {
    for (const dictionary of [ja, en]) {
      assert.deepEqual(Object.keys(dictionary.messages).sort(), [...MESSAGE_CODES].sort(), `${dictionary.lang} message codes`);
    }
    assert.deepEqual(Object.keys(en.ui).sort(), Object.keys(ja.ui).sort());
    assert.deepEqual(Object.keys(DICTIONARIES).sort(), [...LANGS].sort());
  });

  test('every message translates with the parameters core sends, leaving no placeholder', () => {
    for (const lang of LANGS) {
      for (const code of MESSAGE_CODES) {
        const text = translate(code, SAMPLE[code], lang);
        assert.ok(text.length > 0, `${lang} ${code}`);
        assert.doesNotMatch(text, /\?|undefined|\{/, `${lang} ${code}: ${text}`);
      }
    }
  });

  test('errors say what happened and what to do next', () => {
    assert.equal(
      translate('scan.unknownItem', { code: '4901234567894' }, 'ja'),
      'この商品は登録されていません (4901234567894)。商品を確認してください',
    );
    assert.equal(translate('scan.badRead', { reason: 'X' }, 'ja'), '読み取りエラー: X。もう一度スキャンしてください');
    assert.equal(translate('scan.unknownItem', { code: '123' }, 'en'), 'This item is not registered (123). Check the item');
    assert.match(translate('sale.insufficientCash', SAMPLE['sale.insufficientCash'], 'ja'), /合計 ¥1,234、不足 ¥234/);
    // After a wallet part of a split tender the cash is short of what remains.
    const split = { ...SAMPLE['sale.insufficientCash'], remaining: 1 };
    assert.match(translate('sale.insufficientCash', split, 'ja'), /残り ¥1,234、不足 ¥234/);
    assert.match(translate('sale.insufficientCash', split, 'en'), /remaining ¥1,234, short ¥234/);
    assert.match(translate('sale.completed', SAMPLE['sale.completed'], 'en'), /Change ¥8,766/);
  });

  test('a missing parameter shows as ? and an unknown code shows as itself', () => {
    assert.equal(translate('scan.unknownItem', {}, 'ja'), 'この商品は登録されていません (?)。商品を確認してください');
    assert.equal(translate('limit.unheardOf', { rule: 'r1' }, 'en'), 'limit.unheardOf {"rule":"r1"}');
    assert.equal(translate('limit.blocked', { rule: 'r1' }, 'en'), 'Refused by the limit "r1" (limit ? unit(s), would be ? unit(s), ? unit(s) remaining). This item cannot be sold');
  });

  test('language defaults to Japanese and the choice persists', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    assert.equal(loadLang(storage), 'ja');
    assert.equal(loadLang(undefined), 'ja');
    saveLang(storage, 'en');
    assert.equal(store.get(LANG_STORAGE_KEY), 'en');
    assert.equal(loadLang(storage), 'en');
    const broken = {
      getItem: (): string | null => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    assert.equal(loadLang(broken), 'ja');
    assert.doesNotThrow(() => saveLang(broken, 'en'));
  });
});

describe('formatYen', () => {
  test('formats whole yen with thousands separators', () => {
    assert.equal(formatYen(0), '¥0');
    assert.equal(formatYen(160), '¥160');
    assert.equal(formatYen(1234), '¥1,234');
    assert.equal(formatYen(1000000), '¥1,000,000');
    assert.equal(formatYen(-1234), '-¥1,234');
    assert.equal(formatYen(Number.NaN), '¥?');
  });
});

describe('formatStoreDateTime', () => {
  test("the store's time (JST) in one form for both languages, with seconds where asked", () => {
    const at = Date.UTC(2026, 10, 24, 15, 4, 5); // 2026-11-25 00:04:05 in Tokyo
    assert.equal(formatStoreDateTime(at), '2026-11-25 00:04');
    assert.equal(formatStoreDateTime(at, { seconds: true }), '2026-11-25 00:04:05');
    assert.equal(formatStoreDateTime(Number.NaN), '?');
  });
});

describe('store time on every screen', () => {
  // The register may run in a browser set to another zone (a tester's laptop): recent sales and the manager's
  // effective-from field must still read and write the receipt's clock, JST.
  test('recent-sale times are JST, not the browser zone', () => {
    assert.equal(formatTime(Date.UTC(2026, 10, 24, 15, 4, 5)), '00:04');
    assert.equal(formatTime(Number.NaN), '?');
  });

  test('a date-time field is read as JST; impossible values are refused', () => {
    assert.equal(parseStoreDateTime('2030-01-01T00:00'), Date.UTC(2029, 11, 31, 15));
    assert.equal(parseStoreDateTime('2030-01-01T09:30:15'), Date.UTC(2030, 0, 1, 0, 30, 15));
    assert.equal(parseStoreDateTime('2030-02-30T00:00'), null);
    assert.equal(parseStoreDateTime('2030-01-01T24:00'), null);
    assert.equal(parseStoreDateTime('tomorrow'), null);
  });
});

describe('bad read reasons', () => {
  test('a reject code is translated; without one, core words are shown', () => {
    assert.equal(
      translate('scan.badRead', { reason: 'EAN-13 check digit is 9, expected 3', rejectCode: 'check-digit' }, 'ja'),
      '読み取りエラー: チェックデジットが一致しません。もう一度スキャンしてください',
    );
    assert.equal(translate('scan.badRead', { reason: 'too short', rejectCode: 'length' }, 'en'), 'Read error: the barcode has the wrong number of digits. Scan again');
    assert.equal(translate('scan.badRead', { reason: 'odd', rejectCode: 'new-code' }, 'en'), 'Read error: odd. Scan again');
  });
});

describe('words from the gateway and the catalog in the screen language', () => {
  test("a wallet decline's gateway code is said in Japanese on the Japanese screen; an unknown one keeps the gateway's words", () => {
    assert.equal(
      translate('wallet.declined', { reason: 'wallet is frozen', code: 'WALLET_FROZEN' }, 'ja'),
      'バーコード決済ができませんでした (ウォレットが凍結されています)。別のお支払い方法をお願いしてください',
    );
    assert.match(translate('wallet.declined', { reason: 'code already used: ask the customer to refresh it', code: 'CODE_ALREADY_USED' }, 'ja'), /使用済み/);
    assert.equal(translate('wallet.declined', { reason: 'wallet is frozen', code: 'WALLET_FROZEN' }, 'en'), 'Wallet payment declined (wallet is frozen). Ask for another payment method');
    assert.match(translate('wallet.declined', { reason: 'new rule', code: 'FRAUD_NEW' }, 'ja'), /\(new rule\)/);
  });

  test('a limit refusal gives the limit and what the sale would reach, not only what is left (¥10,000 left can still refuse ¥11,600)', () => {
    const params = { ruleId: 'w', rule: 'Tobacco per wallet', version: 1, measure: 'amount', limit: 10_000, current: 0, attempted: 11_600, remaining: 10_000, action: 'block' };
    assert.match(translate('limit.blocked', params, 'ja'), /\(上限 ¥10,000、合計 ¥11,600 になります。残り ¥10,000\)/);
    assert.match(translate('limit.blocked', params, 'en'), /\(limit ¥10,000, would be ¥11,600, ¥10,000 remaining\)/);
    assert.match(translate('limit.overrideRequired', { ...params, measure: 'quantity', limit: 10, attempted: 11, remaining: 0 }, 'en'), /limit 10 unit\(s\), would be 11 unit\(s\)/);
  });

  test('an added item is named in the screen language', () => {
    const params = { code: '4962106000109', name: '緑茶 500ml', nameEn: 'Green Tea 500ml', quantity: 1, price: 150 };
    assert.equal(translate('scan.added', params, 'en'), 'Added Green Tea 500ml (qty 1)');
    assert.equal(translate('scan.added', params, 'ja'), '緑茶 500ml を登録しました (数量 1)');
  });
});
