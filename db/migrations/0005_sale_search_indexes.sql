-- 0005_sale_search_indexes: indexes for the sale history search (db/sale-search.ts) and reports.
-- sales.completed_at is indexed by 0001; these cover the barcode, wallet transaction id and amount filters.

CREATE INDEX sale_lines_code ON sale_lines (code, sale_id);
CREATE INDEX tenders_reference ON tenders (reference) WHERE reference IS NOT NULL;
CREATE INDEX sales_total ON sales (total);
