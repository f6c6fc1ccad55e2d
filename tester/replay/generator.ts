/**
 * Synthesises one day of convenience-store traffic across a few stores: legitimate customers with realistic
 * baskets (onigiri, drinks, bento, coffee, the occasional tobacco pack, rarely cartons) and ~30% paying by wallet,
 * mixed with an account takeover shaped like July 2019's 7pay incident: stolen wallets topped up from stolen cards
 * and spent at once on tobacco cartons, in bursts concentrated at a few stores. Pure and deterministic per seed.
 */
import type { CatalogItem } from '../../core/domain/catalog-item.js';
import { DEMO_CATALOG } from '../../db/seed/demo-catalog.js';
import { intBetween, pick, seededRandom, weighted, type Random } from './prng.js';

export interface TrafficOptions {
  seed: number;
  customers: number;
  attackWallets: number;
  stores: number;
}

export const DEFAULT_TRAFFIC: TrafficOptions = { seed: 2019, customers: 300, attackWallets: 12, stores: 6 };

/** 2019-07-03 06:00 JST, the morning the 7pay takeovers were reported. */
export const DAY_START = Date.parse('2019-07-03T06:00:00+09:00');
const MINUTE = 60_000;

export interface BasketItem {
  code: string;
  quantity: number;
}

export interface Visit {
  at: number;
  store: number;
  kind: 'legit' | 'attack';
  /** Index into wallets, or null for cash. */
  wallet: number | null;
  basket: BasketItem[];
}

export interface WalletPlan {
  kind: 'legit' | 'attack';
  openingBalance: number;
  /** Top-ups made at a time (stolen cards for attackers). */
  topUps: { at: number; amount: number }[];
}

export interface Traffic {
  options: TrafficOptions;
  wallets: WalletPlan[];
  /** Sorted by time (ties by store, then order of generation). */
  visits: Visit[];
  attackStores: number[];
}

const byCategory = (category: string): CatalogItem[] => DEMO_CATALOG.filter((i) => i.category === category && (i.unitsPerItem ?? 1) === 1);
const CARTONS = DEMO_CATALOG.filter((i) => (i.unitsPerItem ?? 1) > 1);
const SHELVES = {
  onigiri: byCategory('onigiri'),
  drinks: byCategory('drinks'),
  bento: byCategory('bento'),
  bakery: byCategory('bakery'),
  coffee: byCategory('coffee'),
  snacks: byCategory('snacks'),
  sweets: byCategory('sweets'),
  tobacco: byCategory('tobacco'),
  alcohol: byCategory('alcohol'),
};

/** Arrivals by hour from 06:00 to 23:00: morning, lunch and evening peaks. */
const HOUR_WEIGHTS = [3, 7, 9, 6, 4, 4, 9, 10, 5, 4, 4, 6, 9, 8, 5, 4, 3, 2];

function legitBasket(random: Random): BasketItem[] {
  const items: BasketItem[] = [];
  const add = (shelf: readonly CatalogItem[], quantity = 1): void => {
    const item = pick(random, shelf);
    const same = items.find((i) => i.code === item.code);
    if (same) same.quantity += quantity;
    else items.push({ code: item.code, quantity });
  };
  if (random() < 0.6) add(SHELVES.onigiri, intBetween(random, 1, 2));
  if (random() < 0.65) add(SHELVES.drinks);
  if (random() < 0.2) add(SHELVES.bento);
  if (random() < 0.2) add(SHELVES.bakery);
  if (random() < 0.25) add(SHELVES.coffee);
  if (random() < 0.15) add(SHELVES.snacks);
  if (random() < 0.1) add(SHELVES.sweets);
  if (random() < 0.05) add(SHELVES.alcohol, intBetween(random, 1, 3));
  if (random() < 0.08) add(SHELVES.tobacco, random() < 0.85 ? 1 : 2);
  // A regular buying the week's cigarettes: one carton, now and then two (for the family).
  if (random() < 0.01) add(CARTONS, random() < 0.3 ? 2 : 1);
  if (items.length === 0) add(SHELVES.drinks);
  return items;
}

export function generateTraffic(options: TrafficOptions): Traffic {
  const random = seededRandom(options.seed);
  const wallets: WalletPlan[] = [];
  const visits: Visit[] = [];

  for (let c = 0; c < options.customers; c++) {
    const hour = weighted(random, HOUR_WEIGHTS);
    const at = DAY_START + hour * 60 * MINUTE + Math.floor(random() * 60 * MINUTE);
    const basket = legitBasket(random);
    let wallet: number | null = null;
    if (random() < 0.3) {
      wallet = wallets.length;
      // Some top up a round sum on the way in (which the charge-then-spend rule must not mistake for fraud).
      const topUps = random() < 0.15 ? [{ at: at - intBetween(random, 1, 20) * MINUTE, amount: pick(random, [1000, 2000, 3000, 5000]) }] : [];
      wallets.push({ kind: 'legit', openingBalance: intBetween(random, 3, 40) * 500, topUps });
    }
    visits.push({ at, store: intBetween(random, 0, options.stores - 1), kind: 'legit', wallet, basket });
  }

  // The attack: a couple of stores near the crew, three bursts through the day.
  const attackStores = [...new Set([intBetween(random, 0, options.stores - 1), intBetween(random, 0, options.stores - 1)])];
  const bursts = [10 * 60, 13 * 60 + 30, 16 * 60].map((m) => DAY_START + (m - 6 * 60) * MINUTE);
  for (let w = 0; w < options.attackWallets; w++) {
    const start = bursts[w % bursts.length]! + intBetween(random, 0, 40) * MINUTE;
    const topUps: { at: number; amount: number }[] = [];
    let credit = 0;
    for (let t = intBetween(random, 1, 3); t > 0; t--) {
      const amount = pick(random, [10_000, 20_000, 30_000, 50_000]);
      topUps.push({ at: start + topUps.length * MINUTE, amount });
      credit += amount;
    }
    const index = wallets.length;
    wallets.push({ kind: 'attack', openingBalance: intBetween(random, 0, 6) * 500, topUps });
    let at = start + intBetween(random, 3, 8) * MINUTE;
    const store = pick(random, attackStores);
    // Carton after carton until the stolen credit is spent (the crew knows the balance).
    while (credit > 0) {
      const carton = pick(random, CARTONS);
      if (carton.price > credit) break;
      visits.push({ at, store, kind: 'attack', wallet: index, basket: [{ code: carton.code, quantity: 1 }] });
      credit -= carton.price;
      at += intBetween(random, 2, 6) * MINUTE;
    }
  }
  visits.sort((a, b) => a.at - b.at || a.store - b.store);
  return { options, wallets, visits, attackStores };
}
