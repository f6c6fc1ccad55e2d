import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RegisterError, type RegisterEvent } from './api.js';
import type { CatalogItem } from './domain/catalog-item.js';
import type { CompletedSale } from './domain/sale.js';
import type { Catalog, SaleJournal, SaleSummary } from './ports.js';
import { Register } from './register.js';
import { priceCheckDigit4, withGs1CheckDigit } from './domain/barcode/check-digit.js';
import { createBarcodeClassifier } from './domain/barcode/classify.js';

const item = (body: string, price: number, taxClass: CatalogItem['taxClass']): CatalogItem => ({
  code: withGs1CheckDigit(body), name: body, nameJa: body, price, taxClass,
  category: taxClass === 'reduced' ? 'onigiri' : 'tobacco', ageRestricted: taxClass === 'standard',
});
const ONIGIRI = item('490000000001', 150, 'reduced');
const TEA = item('490000000002', 130, 'reduced');
const TOBACCO = item('490000000003', 580, 'standard');

/** In-memory journal: the port's contract (commit or throw, numbering) without SQLite. */
class MemoryJournal implements SaleJournal {
  sales: CompletedSale[] = [];
  failNext = false;
  commitSale(sale: Omit<CompletedSale, 'saleNo'>): CompletedSale {
    if (this.failNext) throw new Error('disk full');
    const committed = { ...sale, saleNo: this.nextSaleNo() };
    this.sales.push(committed);
    return committed;
  }
  nextSaleNo(): number {
    return this.sales.length + 1;
  }
  recentSales(limit: number): SaleSummary[] {
    return this.sales.slice(-limit).reverse().map((s) => ({
      saleId: s.saleId, saleNo: s.saleNo, completedAt: s.completedAt, total: s.totals.total, itemCount: s.totals.itemCount,
    }));
  }
  getSale(saleId: string): CompletedSale | undefined {
    return this.sales.find((s) => s.saleId === saleId);
  }
}

// An in-store deli item sold by price-embedded label: 20 + item 01234 + price check digit + 4-digit price + check.
// The catalog holds it once, with the price digits zeroed.
const DELI = item('200123400000', 0, 'reduced');

function setup(options: { withLayouts?: boolean } = {}) {
  const items = new Map([ONIGIRI, TEA, TOBACCO, DELI].map((i) => [i.code, i]));
  const catalog: Catalog = { findByCode: (c) => items.get(c), count: () => items.size };
  const journal = new MemoryJournal();
  let now = 1_700_000_000_000;
  let ids = 0;
  const register = new Register({
    registerId: 'R-TEST', mode: 'simulator', catalog, journal,
    clock: { now: () => now }, newId: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
    ...(options.withLayouts ? { classify: createBarcodeClassifier({ storeLayouts: [{ prefix: '20', itemDigits: 5, priceDigits: 4, hasPriceCheckDigit: true }] }) } : {}),
  });
  const events: RegisterEvent[] = [];
  register.subscribe((e) => events.push(e));
  return { register, journal, events, tick: (ms: number) => (now += ms) };
}

describe('Register', () => {
  test('scans build the basket and totals', async () => {
    const { register } = setup();
    assert.equal((await register.scan({ data: ONIGIRI.code })).accepted, true);
    await register.scan({ data: TEA.code });
    await register.scan({ data: TOBACCO.code });
    const state = await register.getState();
    assert.equal(state.lines.length, 3);
    assert.equal(state.totals.total, 860);
    assert.equal(state.lastLineId, 'L3');
  });

  test('unknown item and bad check digit add nothing and say why', async () => {
    const { register } = setup();
    const unknown = await register.scan({ data: withGs1CheckDigit('490000009999') });
    assert.equal(unknown.accepted, false);
    assert.equal(!unknown.accepted && unknown.message.code, 'scan.unknownItem');
    const badDigit = ONIGIRI.code.slice(0, 12) + String((Number(ONIGIRI.code[12]) + 1) % 10);
    const bad = await register.scan({ data: badDigit });
    assert.equal(!bad.accepted && bad.message.code, 'scan.badRead');
    assert.match(String(!bad.accepted && bad.message.params.reason), /check digit/);
    assert.equal((await register.getState()).lines.length, 0);
  });

  test('a quantity outside 1..999 is refused as quantity.invalid and the line keeps its quantity', async () => {
    const { register } = setup();
    await register.scan({ data: ONIGIRI.code });
    const lineId = (await register.getState()).lines[0]!.lineId;
    for (const quantity of [0, 1000]) {
      await assert.rejects(register.setQuantity({ lineId, quantity }), (e: unknown) => e instanceof RegisterError && e.code === 'quantity.invalid');
    }
    assert.equal((await register.getState()).lines[0]!.quantity, 1);
  });

  test('a refused read is echoed on one line: control characters escaped, full-width digits as typed', async () => {
    const { register } = setup();
    const fullWidth = await register.scan({ data: '４９８７３０１０００１０５' });
    assert.equal(!fullWidth.accepted && fullWidth.message.params.data, '４９８７３０１０００１０５');
    const noise = await register.scan({ data: '49\u0001\u2028x' });
    assert.equal(!noise.accepted && noise.message.params.data, '49\\x01\\u2028x');
  });

  test('cash sale commits, shows change, then the next scan opens a new sale', async () => {
    const { register, journal, tick } = setup();
    await register.scan({ data: ONIGIRI.code });
    tick(5000);
    await register.scan({ data: TOBACCO.code });
    const sale = await register.payCash({ tendered: 1000 });
    assert.equal(sale.saleNo, 1);
    assert.deepEqual(sale.tenders, [{ kind: 'cash', amount: 730, tendered: 1000, change: 270 }]);
    assert.equal(sale.completedAt - sale.startedAt, 5000);
    assert.equal(journal.sales.length, 1);
    let state = await register.getState();
    assert.equal(state.phase, 'completed');
    assert.equal(state.lastSale?.saleId, sale.saleId);
    assert.equal(state.saleNo, 2);
    await register.scan({ data: TEA.code });
    state = await register.getState();
    assert.equal(state.phase, 'scanning');
    assert.equal(state.lastSale, null);
    assert.equal(state.lines.length, 1);
  });

  test('a failed commit leaves the basket as it was', async () => {
    const { register, journal } = setup();
    await register.scan({ data: ONIGIRI.code });
    journal.failNext = true;
    await assert.rejects(register.payCash({ tendered: 200 }), /disk full/);
    const state = await register.getState();
    assert.equal(state.lines.length, 1);
    assert.equal(state.phase, 'scanning');
  });

  test('empty basket and short cash are refused', async () => {
    const { register, journal } = setup();
    await assert.rejects(register.payCash({ tendered: 100 }), (e: unknown) => e instanceof RegisterError && e.code === 'sale.emptyBasket');
    await register.scan({ data: TOBACCO.code });
    await assert.rejects(register.payCash({ tendered: 500 }), (e: unknown) => e instanceof RegisterError && e.code === 'sale.insufficientCash');
    assert.equal(journal.sales.length, 0);
  });

  test('events carry state and messages', async () => {
    const { register, events } = setup();
    await register.scan({ data: ONIGIRI.code });
    assert.ok(events.some((e) => e.type === 'message' && e.message.code === 'scan.added'));
    const last = events.at(-1);
    assert.equal(last?.type, 'state');
    assert.equal(last?.type === 'state' && last.state.lines.length, 1);
  });

  test('a price-embedded label charges its own price; two labels of one item stay separate lines', async () => {
    const { register } = setup({ withLayouts: true });
    const label = (price: string) => withGs1CheckDigit(`2001234${priceCheckDigit4(price)}${price}`);
    const first = await register.scan({ data: label('0398') });
    assert.equal(first.accepted && first.line.item.price, 398);
    assert.equal(first.accepted && first.line.item.code, DELI.code);
    await register.scan({ data: label('0450') });
    const state = await register.getState();
    assert.deepEqual(state.lines.map((l) => l.amount), [398, 450]);
  });

  test('a bad read carries its reject code for the translated message', async () => {
    const { register } = setup();
    const outcome = await register.scan({ data: TOBACCO.code.slice(0, 12) + 'X' });
    assert.equal(outcome.accepted, false);
    assert.equal(!outcome.accepted && outcome.message.params.rejectCode, 'unsupported');
  });
});
