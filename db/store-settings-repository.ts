/** Store settings (receipt header) as one JSON value in the meta table; defaults until a manager sets them. */
import { DEFAULT_STORE_SETTINGS, type StoreSettings } from '../core/domain/receipt/store-settings.js';
import type { SqliteDatabase } from './open-database.js';

const KEY = 'store_settings';

export function readStoreSettings(db: SqliteDatabase): StoreSettings {
  const row = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(KEY);
  if (!row) return { ...DEFAULT_STORE_SETTINGS };
  let stored: unknown;
  try {
    stored = JSON.parse(row.value);
  } catch {
    // A damaged value must not stop receipts: fall back to defaults and let the manager re-save.
    console.error(`[regi] meta ${KEY} is not valid JSON; using default store settings`);
    return { ...DEFAULT_STORE_SETTINGS };
  }
  const merged: StoreSettings = { ...DEFAULT_STORE_SETTINGS };
  if (typeof stored === 'object' && stored !== null) {
    for (const field of Object.keys(DEFAULT_STORE_SETTINGS) as (keyof StoreSettings)[]) {
      const value = (stored as Record<string, unknown>)[field];
      if (typeof value === 'string') merged[field] = value;
    }
  }
  return merged;
}

export function writeStoreSettings(db: SqliteDatabase, settings: StoreSettings): StoreSettings {
  const value: StoreSettings = {
    storeName: settings.storeName,
    address: settings.address,
    phone: settings.phone,
    registrationNumber: settings.registrationNumber,
  };
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(KEY, JSON.stringify(value));
  return value;
}
