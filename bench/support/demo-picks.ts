/** Demo items the benchmarks scan and sell: food and drinks only, so no age check or purchase limit can interfere. */
import type { CatalogItem } from '../../core/domain/catalog-item.js';
import { DEMO_CATALOG, DEMO_CODES } from '../../db/seed/demo-catalog.js';

export const BENCH_CODES: readonly string[] = [
  DEMO_CODES.onigiriSalmon,
  DEMO_CODES.greenTea,
  DEMO_CODES.melonPan,
  DEMO_CODES.water,
  DEMO_CODES.onigiriTunaMayo,
  DEMO_CODES.hotCoffee,
  DEMO_CODES.potatoChips,
  DEMO_CODES.milk,
  DEMO_CODES.bento,
];

export function demoItem(code: string): CatalogItem {
  const item = DEMO_CATALOG.find((i) => i.code === code);
  if (!item) throw new Error(`demo catalog has no item ${code}`);
  return item;
}
