/** SaleRecords over the register's SQLite file: settings in meta, history search, reports. */
import type { StoreSettings } from '../core/domain/receipt/store-settings.js';
import type { ReportRange, SaleRecords, SaleSearchQuery, SaleSearchResult, SalesReports } from '../core/records/records-types.js';
import type { SqliteDatabase } from './open-database.js';
import { searchSales } from './sale-search.js';
import { buildReports } from './sales-reports.js';
import { readStoreSettings, writeStoreSettings } from './store-settings-repository.js';

export class SqliteSaleRecords implements SaleRecords {
  constructor(private readonly db: SqliteDatabase) {}

  getStoreSettings(): StoreSettings {
    return readStoreSettings(this.db);
  }

  setStoreSettings(settings: StoreSettings): StoreSettings {
    return writeStoreSettings(this.db, settings);
  }

  searchSales(query: SaleSearchQuery): SaleSearchResult {
    return searchSales(this.db, query);
  }

  reports(range: ReportRange, now: number): SalesReports {
    return buildReports(this.db, range, now);
  }
}
