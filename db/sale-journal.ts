/**
 * The sale journal on SQLite. A sale, its lines, its tenders and its outbox row are written in one
 * IMMEDIATE transaction (the write lock is taken first, so sale_no = max + 1 cannot race another
 * connection); when anything fails, nothing is written and the error propagates to the register.
 */
import type { Statement } from 'better-sqlite3';
import type { BasketLine } from '../core/domain/basket.js';
import type { Category } from '../core/domain/catalog-item.js';
import type { CompletedSale, Tender, TenderKind } from '../core/domain/sale.js';
import type { TaxBreakdownRow, TaxClass } from '../core/domain/tax.js';
import type { SaleJournal, SaleSummary } from '../core/ports.js';
import type { SqliteDatabase } from './open-database.js';

export const SALE_UPLOAD_TOPIC = 'sale.upload';

export class SaleJournalError extends Error {
  constructor(
    readonly saleId: string,
    problem: string,
  ) {
    super(`sale ${saleId} was not recorded: ${problem}`);
    this.name = 'SaleJournalError';
  }
}

interface SaleRow {
  sale_id: string;
  sale_no: number;
  register_id: string;
  started_at: number;
  completed_at: number;
  total: number;
  item_count: number;
  reduced_rate_percent: number | null;
  reduced_gross: number | null;
  reduced_tax: number | null;
  standard_rate_percent: number | null;
  standard_gross: number | null;
  standard_tax: number | null;
}

interface LineRow {
  sale_id: string;
  line_no: number;
  line_id: string;
  code: string;
  name: string;
  name_ja: string;
  unit_price: number;
  quantity: number;
  amount: number;
  tax_class: string;
  category: string;
  age_restricted: number;
}

interface TenderRow {
  sale_id: string;
  seq: number;
  kind: string;
  amount: number;
  tendered: number | null;
  change: number | null;
  reference: string | null;
}

interface OutboxInsert {
  topic: string;
  idempotency_key: string;
  payload: string;
  created_at: number;
  next_attempt_at: number;
}

type SummaryRow = Pick<SaleRow, 'sale_id' | 'sale_no' | 'completed_at' | 'total' | 'item_count'>;

export class SqliteSaleJournal implements SaleJournal {
  private readonly maxSaleNo: Statement<[], { n: number | null }>;
  private readonly insertSale: Statement<[SaleRow]>;
  private readonly insertLine: Statement<[LineRow]>;
  private readonly insertTender: Statement<[TenderRow]>;
  private readonly insertOutbox: Statement<[OutboxInsert]>;
  private readonly selectSale: Statement<[string], SaleRow>;
  private readonly selectLines: Statement<[string], LineRow>;
  private readonly selectTenders: Statement<[string], TenderRow>;
  private readonly selectRecent: Statement<[number], SummaryRow>;

  constructor(private readonly db: SqliteDatabase) {
    this.maxSaleNo = db.prepare<[], { n: number | null }>('SELECT MAX(sale_no) AS n FROM sales');
    this.insertSale = db.prepare<[SaleRow]>(`INSERT INTO sales (${columns(SALE_COLUMNS)}) VALUES (${params(SALE_COLUMNS)})`);
    this.insertLine = db.prepare<[LineRow]>(`INSERT INTO sale_lines (${columns(LINE_COLUMNS)}) VALUES (${params(LINE_COLUMNS)})`);
    this.insertTender = db.prepare<[TenderRow]>(
      `INSERT INTO tenders (${columns(TENDER_COLUMNS)}) VALUES (${params(TENDER_COLUMNS)})`,
    );
    this.insertOutbox = db.prepare<[OutboxInsert]>(`
      INSERT INTO outbox (topic, idempotency_key, payload, created_at, next_attempt_at)
      VALUES (@topic, @idempotency_key, @payload, @created_at, @next_attempt_at)`);
    this.selectSale = db.prepare<[string], SaleRow>('SELECT * FROM sales WHERE sale_id = ?');
    this.selectLines = db.prepare<[string], LineRow>('SELECT * FROM sale_lines WHERE sale_id = ? ORDER BY line_no');
    this.selectTenders = db.prepare<[string], TenderRow>('SELECT * FROM tenders WHERE sale_id = ? ORDER BY seq');
    this.selectRecent = db.prepare<[number], SummaryRow>(
      'SELECT sale_id, sale_no, completed_at, total, item_count FROM sales ORDER BY sale_no DESC LIMIT ?',
    );
  }

  commitSale(sale: Omit<CompletedSale, 'saleNo'>): CompletedSale {
    validateSale(sale);
    const write = this.db.transaction((): CompletedSale => {
      const completed: CompletedSale = { ...sale, saleNo: (this.maxSaleNo.get()!.n ?? 0) + 1 };
      this.insertSale.run(saleToRow(completed));
      completed.lines.forEach((line, i) => this.insertLine.run(lineToRow(completed.saleId, i + 1, line)));
      completed.tenders.forEach((tender, i) => this.insertTender.run(tenderToRow(completed.saleId, i + 1, tender)));
      this.insertOutbox.run({
        topic: SALE_UPLOAD_TOPIC,
        idempotency_key: completed.saleId,
        payload: JSON.stringify(completed),
        created_at: completed.completedAt,
        next_attempt_at: completed.completedAt,
      });
      return completed;
    });
    try {
      return write.immediate();
    } catch (error) {
      if (error instanceof SaleJournalError) throw error;
      throw new SaleJournalError(sale.saleId, error instanceof Error ? error.message : String(error));
    }
  }

  nextSaleNo(): number {
    return (this.maxSaleNo.get()!.n ?? 0) + 1;
  }

  recentSales(limit: number): SaleSummary[] {
    const n = Number.isFinite(limit) ? Math.max(0, Math.trunc(limit)) : 0;
    return this.selectRecent.all(n).map((r) => ({
      saleId: r.sale_id,
      saleNo: r.sale_no,
      completedAt: r.completed_at,
      total: r.total,
      itemCount: r.item_count,
    }));
  }

  getSale(saleId: string): CompletedSale | undefined {
    // One read transaction, so a sale is never seen half-way through another connection's write.
    return this.db.transaction(() => {
      const row = this.selectSale.get(saleId);
      if (!row) return undefined;
      return rowToSale(row, this.selectLines.all(saleId), this.selectTenders.all(saleId));
    })();
  }
}

const SALE_COLUMNS = [
  'sale_id', 'sale_no', 'register_id', 'started_at', 'completed_at', 'total', 'item_count',
  'reduced_rate_percent', 'reduced_gross', 'reduced_tax', 'standard_rate_percent', 'standard_gross', 'standard_tax',
] as const satisfies readonly (keyof SaleRow)[];
const LINE_COLUMNS = [
  'sale_id', 'line_no', 'line_id', 'code', 'name', 'name_ja', 'unit_price', 'quantity', 'amount',
  'tax_class', 'category', 'age_restricted',
] as const satisfies readonly (keyof LineRow)[];
const TENDER_COLUMNS = [
  'sale_id', 'seq', 'kind', 'amount', 'tendered', 'change', 'reference',
] as const satisfies readonly (keyof TenderRow)[];

function columns(names: readonly string[]): string {
  return names.join(', ');
}
function params(names: readonly string[]): string {
  return names.map((n) => `@${n}`).join(', ');
}

/**
 * The columns hold one tax row per class and reconstruct them in the order core's taxBreakdown
 * emits (reduced, then standard); refuse anything that could not come back out identical.
 */
function validateSale(sale: Omit<CompletedSale, 'saleNo'>): void {
  const fail = (problem: string): never => {
    throw new SaleJournalError(String(sale.saleId), problem);
  };
  if (typeof sale.saleId !== 'string' || sale.saleId === '') fail('saleId must be a non-empty string');
  if (sale.lines.length === 0) fail('a sale needs at least one line');
  const taxes = sale.totals.taxes;
  const classes = taxes.map((t) => t.taxClass);
  const canonical = (['reduced', 'standard'] as const).filter((c) => classes.includes(c));
  if (classes.length !== canonical.length || classes.some((c, i) => c !== canonical[i])) {
    fail(`tax rows must be at most one per class, reduced before standard (got ${classes.join(', ') || 'none'})`);
  }
  for (const row of taxes) {
    if (row.net !== row.gross - row.tax) fail(`${row.taxClass} tax row: net ${row.net} is not gross ${row.gross} - tax ${row.tax}`);
  }
  let total = 0;
  let itemCount = 0;
  for (const line of sale.lines) {
    if (line.amount !== line.item.price * line.quantity) {
      fail(`line ${line.lineId}: amount ${line.amount} is not ${line.item.price} x ${line.quantity}`);
    }
    total += line.amount;
    itemCount += line.quantity;
  }
  if (total !== sale.totals.total) fail(`total ${sale.totals.total} is not the sum of the lines (${total})`);
  if (itemCount !== sale.totals.itemCount) fail(`itemCount ${sale.totals.itemCount} is not the sum of the quantities (${itemCount})`);
  const taxed = taxes.reduce((sum, t) => sum + t.gross, 0);
  if (taxed !== total) fail(`the tax rows cover ${taxed}, the total is ${total}`);
}

function saleToRow(sale: CompletedSale): SaleRow {
  const tax = (c: TaxClass) => sale.totals.taxes.find((t) => t.taxClass === c);
  const reduced = tax('reduced');
  const standard = tax('standard');
  return {
    sale_id: sale.saleId,
    sale_no: sale.saleNo,
    register_id: sale.registerId,
    started_at: sale.startedAt,
    completed_at: sale.completedAt,
    total: sale.totals.total,
    item_count: sale.totals.itemCount,
    reduced_rate_percent: reduced?.ratePercent ?? null,
    reduced_gross: reduced?.gross ?? null,
    reduced_tax: reduced?.tax ?? null,
    standard_rate_percent: standard?.ratePercent ?? null,
    standard_gross: standard?.gross ?? null,
    standard_tax: standard?.tax ?? null,
  };
}

function lineToRow(saleId: string, lineNo: number, line: BasketLine): LineRow {
  return {
    sale_id: saleId,
    line_no: lineNo,
    line_id: line.lineId,
    code: line.item.code,
    name: line.item.name,
    name_ja: line.item.nameJa,
    unit_price: line.item.price,
    quantity: line.quantity,
    amount: line.amount,
    tax_class: line.item.taxClass,
    category: line.item.category,
    age_restricted: line.item.ageRestricted ? 1 : 0,
  };
}

function tenderToRow(saleId: string, seq: number, tender: Tender): TenderRow {
  return {
    sale_id: saleId,
    seq,
    kind: tender.kind,
    amount: tender.amount,
    tendered: tender.tendered ?? null,
    change: tender.change ?? null,
    reference: tender.reference ?? null,
  };
}

function rowToSale(row: SaleRow, lines: LineRow[], tenders: TenderRow[]): CompletedSale {
  const taxes: TaxBreakdownRow[] = [];
  const taxRow = (taxClass: TaxClass, rate: number | null, gross: number | null, tax: number | null) => {
    if (rate !== null && gross !== null && tax !== null) taxes.push({ taxClass, ratePercent: rate, gross, tax, net: gross - tax });
  };
  taxRow('reduced', row.reduced_rate_percent, row.reduced_gross, row.reduced_tax);
  taxRow('standard', row.standard_rate_percent, row.standard_gross, row.standard_tax);
  return {
    saleId: row.sale_id,
    saleNo: row.sale_no,
    registerId: row.register_id,
    startedAt: row.started_at,
    completedAt: row.completed_at,
    lines: lines.map(rowToLine),
    totals: { itemCount: row.item_count, total: row.total, taxes },
    tenders: tenders.map(rowToTender),
  };
}

function rowToLine(row: LineRow): BasketLine {
  return {
    lineId: row.line_id,
    item: {
      code: row.code,
      name: row.name,
      nameJa: row.name_ja,
      price: row.unit_price,
      taxClass: row.tax_class as TaxClass,
      category: row.category as Category,
      ageRestricted: row.age_restricted === 1,
    },
    quantity: row.quantity,
    amount: row.amount,
  };
}

function rowToTender(row: TenderRow): Tender {
  const tender: Tender = { kind: row.kind as TenderKind, amount: row.amount };
  if (row.tendered !== null) tender.tendered = row.tendered;
  if (row.change !== null) tender.change = row.change;
  if (row.reference !== null) tender.reference = row.reference;
  return tender;
}
