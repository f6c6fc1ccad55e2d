/**
 * Which windows the shell opens and where: the register on the primary display and the customer display
 * (#/customer) full screen on a second display when there is one, else beside the register. Pure (no
 * 'electron' import) so electron/windows.test.ts can check the placement for any display layout.
 */
import { APP_ENTRY_URL } from './security.js';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The parts of Electron's Display that placement needs. */
export interface DisplayInfo {
  id: number;
  workArea: Rect;
}

export type WindowRole = 'register' | 'customer';

export interface WindowPlan {
  role: WindowRole;
  url: string;
  title: string;
  bounds: Rect;
  /** Full screen on its own display (the customer-facing monitor). */
  fullscreen: boolean;
}

export const REGISTER_SIZE = { width: 1280, height: 800 } as const;
export const CUSTOMER_SIZE = { width: 800, height: 600 } as const;
export const CUSTOMER_URL = `${APP_ENTRY_URL}#/customer`;

/** REGI_CUSTOMER_WINDOW: unset, "1" or "on" opens the customer window; "0" or "off" does not. */
export function parseCustomerWindowSetting(value: string | undefined): boolean {
  if (value === undefined || value === '' || value === '1' || value === 'on') return true;
  if (value === '0' || value === 'off') return false;
  throw new Error(`REGI_CUSTOMER_WINDOW must be "on" or "off" (or 1/0), got "${value}"`);
}

function fit(size: { width: number; height: number }, area: Rect): { width: number; height: number } {
  return { width: Math.min(size.width, area.width), height: Math.min(size.height, area.height) };
}

function centred(size: { width: number; height: number }, area: Rect): Rect {
  const s = fit(size, area);
  return { x: area.x + Math.floor((area.width - s.width) / 2), y: area.y + Math.floor((area.height - s.height) / 2), ...s };
}

/**
 * The windows to open, register first. primaryId names the display the register goes on; an unknown id
 * falls back to the first display. No display at all is an error (nothing could be shown).
 */
export function planWindows(displays: readonly DisplayInfo[], primaryId: number, options: { customer: boolean }): WindowPlan[] {
  const primary = displays.find((d) => d.id === primaryId) ?? displays[0];
  if (!primary) throw new Error('no display to open the register window on');
  const register: WindowPlan = { role: 'register', url: APP_ENTRY_URL, title: 'Regi', bounds: centred(REGISTER_SIZE, primary.workArea), fullscreen: false };
  if (!options.customer) return [register];

  const second = displays.find((d) => d.id !== primary.id);
  if (second) {
    return [register, { role: 'customer', url: CUSTOMER_URL, title: 'Regi — お客様表示', bounds: { ...second.workArea }, fullscreen: true }];
  }

  // One display: side by side when both fit, else the customer window in the bottom-right corner over the register.
  const area = primary.workArea;
  const reg = fit(REGISTER_SIZE, area);
  const cust = fit(CUSTOMER_SIZE, area);
  if (reg.width + cust.width <= area.width) {
    const left = area.x + Math.floor((area.width - reg.width - cust.width) / 2);
    const top = area.y + Math.floor((area.height - reg.height) / 2);
    register.bounds = { x: left, y: top, ...reg };
    const customerBounds = { x: left + reg.width, y: top, ...cust };
    return [register, { role: 'customer', url: CUSTOMER_URL, title: 'Regi — お客様表示', bounds: customerBounds, fullscreen: false }];
  }
  const corner = { x: area.x + area.width - cust.width, y: area.y + area.height - cust.height, ...cust };
  return [register, { role: 'customer', url: CUSTOMER_URL, title: 'Regi — お客様表示', bounds: corner, fullscreen: false }];
}
