/**
 * The demo convenience-store catalog: built by code from demo-catalog-data.ts, the same on every
 * run, every JAN with a valid GS1 check digit. Seeded into an empty catalog on first start.
 */
import { withGs1CheckDigit } from '../../core/domain/barcode/check-digit.js';
import type { CatalogItem, Category } from '../../core/domain/catalog-item.js';
import type { TaxClass } from '../../core/domain/tax.js';
import { SqliteCatalog } from '../catalog-repository.js';
import type { SqliteDatabase } from '../open-database.js';
import { SHELVES } from './demo-catalog-data.js';

/** 10%: alcohol, tobacco, magazines and non-food. Everything else here is food or a soft drink (8%, taken out). */
const STANDARD_RATE: ReadonlySet<Category> = new Set<Category>(['magazines', 'alcohol', 'tobacco', 'daily-goods']);
/** Sold only to customers aged 20 or over. */
const AGE_RESTRICTED: ReadonlySet<Category> = new Set<Category>(['alcohol', 'tobacco']);

function buildCatalog(): CatalogItem[] {
  return SHELVES.flatMap((shelf) =>
    shelf.entries.map(([name, nameJa, price], index): CatalogItem => {
      const taxClass: TaxClass = STANDARD_RATE.has(shelf.category) ? 'standard' : 'reduced';
      return {
        code: withGs1CheckDigit(shelf.codeStem(index)),
        name,
        nameJa,
        price,
        taxClass,
        category: shelf.category,
        ageRestricted: AGE_RESTRICTED.has(shelf.category),
        // Purchase limits count a carton as the packs in it.
        ...(/ carton \(10 packs\)$/.test(name) ? { unitsPerItem: 10 } : {}),
      };
    }),
  );
}

export const DEMO_CATALOG: readonly CatalogItem[] = Object.freeze(buildCatalog().map((item) => Object.freeze(item)));

function codeOf(name: string): string {
  const item = DEMO_CATALOG.find((i) => i.name === name);
  if (!item) throw new Error(`demo catalog has no item named ${JSON.stringify(name)}`);
  return item.code;
}

/** Well-known demo items for tests, docs and the tester panel. */
export const DEMO_CODES = Object.freeze({
  onigiriSalmon: codeOf('Onigiri Salmon'),
  onigiriTunaMayo: codeOf('Onigiri Tuna Mayo'),
  bento: codeOf('Makunouchi Bento'),
  melonPan: codeOf('Melon Pan'),
  potatoChips: codeOf('Potato Chips Lightly Salted'),
  greenTea: codeOf('Green Tea 500ml'),
  water: codeOf('Mineral Water 550ml'),
  hotCoffee: codeOf('Hot Coffee S'),
  milk: codeOf('Milk 1L'),
  magazine: codeOf('Weekly Shonen Rocket'),
  beer: codeOf('Hoshi Lager 350ml'),
  chuhai: codeOf('Lemon Chuhai 9% 350ml'),
  tobaccoPack: codeOf('Hoshizora Blue 20'),
  tobaccoCarton: codeOf('Hoshizora Blue 20 carton (10 packs)'),
  umbrella: codeOf('Clear Umbrella 65cm'),
  plasticBag: codeOf('Plastic Bag L'),
});

/** Inserts the demo catalog when the catalog is empty; returns how many items were inserted (0 if it was not empty). */
export function seedDemoCatalog(db: SqliteDatabase): number {
  const catalog = new SqliteCatalog(db);
  return db.transaction(() => (catalog.count() === 0 ? catalog.upsertItems(DEMO_CATALOG) : 0)).immediate();
}
