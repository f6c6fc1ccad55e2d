/**
 * Ports: what core needs from the outside world. db/, hardware/, gateway/ and host/ implement them;
 * core never imports those folders.
 */
import type { CatalogItem } from './domain/catalog-item.js';
import type { CompletedSale } from './domain/sale.js';

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export interface Catalog {
  findByCode(code: string): CatalogItem | undefined;
  count(): number;
}

export interface SaleSummary {
  saleId: string;
  saleNo: number;
  completedAt: number;
  total: number;
  itemCount: number;
}

export interface SaleJournal {
  /**
   * Commits the sale, its lines, tenders and outbox rows in one transaction.
   * Returns only after the commit is durable; throws (and writes nothing) otherwise.
   */
  commitSale(sale: Omit<CompletedSale, 'saleNo'>): CompletedSale;
  nextSaleNo(): number;
  recentSales(limit: number): SaleSummary[];
  getSale(saleId: string): CompletedSale | undefined;
}

// ---- Scanners -------------------------------------------------------------------------------

export type ScannerKind = 'serial' | 'hid-pos' | 'hid-keyboard' | 'wedge';

export type ScannerState = 'connecting' | 'connected' | 'disconnected' | 'error';

/** One decoded read from a scanner, before the register interprets it. */
export interface ScanEvent {
  /** The barcode data with framing (suffix, AIM id) removed. */
  data: string;
  /** The bytes as received, framing included, for diagnostics and replay. */
  raw: Uint8Array;
  /** AIM symbology identifier such as "]E0", when the scanner sent one. */
  aimId?: string;
  /** Symbology named by the AIM id ("EAN-13", "Code 128", ...), or "unknown". */
  symbology: string;
  driverId: string;
  kind: ScannerKind;
  /** Clock time the first byte of this read arrived. */
  firstByteAt: number;
  /** Clock time the read was complete (suffix seen). */
  receivedAt: number;
}

/** A read the driver could not frame: never reaches the basket. */
export interface BadRead {
  driverId: string;
  kind: ScannerKind;
  reason: string;
  raw: Uint8Array;
  at: number;
}

export interface ScannerStatus {
  driverId: string;
  kind: ScannerKind;
  /** Human-oriented description: device path, vendor/product, "simulated". */
  description: string;
  state: ScannerState;
  simulated: boolean;
  /** Last error text when state is 'error'. */
  error?: string;
  scans: number;
  badReads: number;
}

export type Unsubscribe = () => void;

export interface ScannerDriver {
  readonly id: string;
  readonly kind: ScannerKind;
  open(): Promise<void>;
  close(): Promise<void>;
  status(): ScannerStatus;
  onScan(listener: (event: ScanEvent) => void): Unsubscribe;
  onBadRead(listener: (bad: BadRead) => void): Unsubscribe;
  onStatus(listener: (status: ScannerStatus) => void): Unsubscribe;
}
