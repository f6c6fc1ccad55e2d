/** Items and helpers shared by the limits tests. */
import type { BasketLine } from '../basket.js';
import type { CatalogItem } from '../catalog-item.js';
import type { LimitRule, RuleSet } from './rule.js';
import type { RecordedSale } from './wallet-history.js';

export const pack: CatalogItem = {
  code: '4901234000017', name: 'Cigarettes (pack)', nameJa: 'たばこ', price: 600,
  taxClass: 'standard', category: 'tobacco', ageRestricted: true,
};
export const carton: CatalogItem = {
  code: '4901234000024', name: 'Cigarettes (carton)', nameJa: 'たばこ カートン', price: 6000,
  taxClass: 'standard', category: 'tobacco', ageRestricted: true, unitsPerItem: 10,
};
export const beer: CatalogItem = {
  code: '4900000000028', name: 'Beer 350ml', nameJa: 'ビール 350ml', price: 228,
  taxClass: 'standard', category: 'alcohol', ageRestricted: true,
};
export const onigiri: CatalogItem = {
  code: '4900000000011', name: 'Salmon onigiri', nameJa: '鮭おにぎり', price: 150,
  taxClass: 'reduced', category: 'onigiri', ageRestricted: false,
};

export function lines(...items: [CatalogItem, number][]): BasketLine[] {
  return items.map(([item, quantity], i) => ({ lineId: `L${i + 1}`, item, quantity, amount: item.price * quantity }));
}

export function rule(overrides: Partial<LimitRule> = {}): LimitRule {
  return {
    ruleId: 'r1', name: 'Test rule', scope: { kind: 'category', categories: ['tobacco'] }, measure: 'quantity',
    max: 10, window: 'sale', tender: 'any', action: 'block', enabled: true, ...overrides,
  };
}

export function ruleSet(rules: LimitRule[], version = 1, effectiveFrom = 0): RuleSet {
  return { version, effectiveFrom, rules, createdBy: 'm1', createdAt: effectiveFrom, comment: '' };
}

export function sale(
  saleId: string, completedAt: number, basket: BasketLine[], tender: 'cash' | 'wallet', walletId?: string,
): RecordedSale {
  return { saleId, completedAt, lines: basket, tenders: [{ kind: tender }], walletId };
}
