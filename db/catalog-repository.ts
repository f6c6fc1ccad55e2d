/** The catalog port on SQLite: one prepared statement per question, items validated before they are stored. */
import { hasValidGs1CheckDigit } from '../core/domain/barcode/check-digit.js';
import { CATEGORIES, type CatalogItem, type Category } from '../core/domain/catalog-item.js';
import type { TaxClass } from '../core/domain/tax.js';
import type { Catalog } from '../core/ports.js';
import type { SqliteDatabase } from './open-database.js';
import type { Statement } from 'better-sqlite3';

export class CatalogItemError extends Error {
  constructor(
    readonly code: string,
    readonly field: keyof CatalogItem,
    problem: string,
  ) {
    super(`catalog item ${JSON.stringify(code)}: ${field} ${problem}`);
    this.name = 'CatalogItemError';
  }
}

interface CatalogRow {
  code: string;
  name: string;
  name_ja: string;
  price: number;
  tax_class: string;
  category: string;
  age_restricted: number;
  /** Units one item counts as for quantity limits (migration 0002). */
  units_per_item: number;
}

export class SqliteCatalog implements Catalog {
  private readonly byCode: Statement<[string], CatalogRow>;
  private readonly countAll: Statement<[], { n: number }>;
  private readonly upsert: Statement<[CatalogRow]>;

  constructor(private readonly db: SqliteDatabase) {
    this.byCode = db.prepare<[string], CatalogRow>('SELECT * FROM catalog_items WHERE code = ?');
    this.countAll = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM catalog_items');
    this.upsert = db.prepare<[CatalogRow]>(`
      INSERT INTO catalog_items (code, name, name_ja, price, tax_class, category, age_restricted, units_per_item)
      VALUES (@code, @name, @name_ja, @price, @tax_class, @category, @age_restricted, @units_per_item)
      ON CONFLICT (code) DO UPDATE SET
        name = excluded.name, name_ja = excluded.name_ja, price = excluded.price,
        tax_class = excluded.tax_class, category = excluded.category, age_restricted = excluded.age_restricted,
        units_per_item = excluded.units_per_item`);
  }

  findByCode(code: string): CatalogItem | undefined {
    const row = this.byCode.get(code);
    return row ? rowToItem(row) : undefined;
  }

  count(): number {
    return this.countAll.get()!.n;
  }

  /** Inserts or replaces items by code, all or none: one bad item stores nothing. */
  upsertItems(items: readonly CatalogItem[]): number {
    items.forEach(validateItem);
    this.db.transaction(() => {
      for (const item of items) this.upsert.run(itemToRow(item));
    }).immediate();
    return items.length;
  }
}

export function validateItem(item: CatalogItem): void {
  const code = String(item.code);
  if (!/^(\d{8}|\d{13})$/.test(code)) throw new CatalogItemError(code, 'code', 'must be 8 or 13 digits (EAN-8 or JAN/EAN-13)');
  if (!hasValidGs1CheckDigit(code)) throw new CatalogItemError(code, 'code', 'has a wrong check digit');
  if (typeof item.name !== 'string' || item.name.trim() === '') throw new CatalogItemError(code, 'name', 'must be a non-empty string');
  if (typeof item.nameJa !== 'string' || item.nameJa.trim() === '') {
    throw new CatalogItemError(code, 'nameJa', 'must be a non-empty string');
  }
  if (!Number.isSafeInteger(item.price) || item.price < 0) {
    throw new CatalogItemError(code, 'price', `must be a whole number of yen >= 0, got ${String(item.price)}`);
  }
  if (item.taxClass !== 'reduced' && item.taxClass !== 'standard') {
    throw new CatalogItemError(code, 'taxClass', `must be "reduced" or "standard", got ${JSON.stringify(item.taxClass)}`);
  }
  if (!CATEGORIES.includes(item.category)) {
    throw new CatalogItemError(code, 'category', `must be one of ${CATEGORIES.join(', ')}, got ${JSON.stringify(item.category)}`);
  }
  if (typeof item.ageRestricted !== 'boolean') throw new CatalogItemError(code, 'ageRestricted', 'must be true or false');
}

function itemToRow(item: CatalogItem): CatalogRow {
  return {
    code: item.code,
    name: item.name,
    name_ja: item.nameJa,
    price: item.price,
    tax_class: item.taxClass,
    category: item.category,
    age_restricted: item.ageRestricted ? 1 : 0,
    units_per_item: item.unitsPerItem ?? 1,
  };
}

function rowToItem(row: CatalogRow): CatalogItem {
  return {
    code: row.code,
    name: row.name,
    nameJa: row.name_ja,
    price: row.price,
    taxClass: row.tax_class as TaxClass,
    category: row.category as Category,
    ageRestricted: row.age_restricted === 1,
    ...(row.units_per_item > 1 ? { unitsPerItem: row.units_per_item } : {}),
  };
}
