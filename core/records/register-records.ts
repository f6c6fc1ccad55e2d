/** The RegisterApi side of history, settings and reports: validation of meaning (the wire shape is checked in host/). */
import { RegisterError } from '../api.js';
import type { Clock } from '../ports.js';
import { registrationNumberProblem, type StoreSettings } from '../domain/receipt/store-settings.js';
import type { ReportRange, SaleRecords, SaleSearchQuery, SaleSearchResult, SalesReports } from './records-types.js';

export class RegisterRecords {
  constructor(private readonly records: SaleRecords, private readonly clock: Clock) {}

  getStoreSettings(): StoreSettings {
    return this.records.getStoreSettings();
  }

  setStoreSettings(change: Partial<StoreSettings>): StoreSettings {
    const next: StoreSettings = { ...this.records.getStoreSettings(), ...definedOnly(change) };
    const problem = registrationNumberProblem(next.registrationNumber);
    if (problem) throw new RegisterError('invalid-request', `store.registrationNumber: ${problem}`);
    for (const field of ['storeName', 'address', 'phone'] as const) {
      if (next[field].trim() === '') throw new RegisterError('invalid-request', `store.${field}: must not be empty`);
    }
    return this.records.setStoreSettings(next);
  }

  searchSales(query: SaleSearchQuery): SaleSearchResult {
    if (query.from !== undefined && query.to !== undefined && query.from >= query.to) {
      throw new RegisterError('invalid-request', 'searchSales: from must be before to');
    }
    if (query.minTotal !== undefined && query.maxTotal !== undefined && query.minTotal > query.maxTotal) {
      throw new RegisterError('invalid-request', 'searchSales: minTotal must not exceed maxTotal');
    }
    return this.records.searchSales(query);
  }

  reports(range: ReportRange): SalesReports {
    if (range.from >= range.to) throw new RegisterError('invalid-request', 'salesReports: from must be before to');
    return this.records.reports(range, this.clock.now());
  }
}

function definedOnly<T extends object>(value: Partial<T>): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
