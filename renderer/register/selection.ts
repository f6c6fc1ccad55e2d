/** Which basket line the cashier has selected, kept sensible as the basket changes under it. */
import { MAX_LINE_QUANTITY } from '../../core/domain/basket.js';

interface LineRef {
  lineId: string;
}

/**
 * After a state update: a new scan selects the scanned line; otherwise keep the selection if the
 * line still exists, else fall back to the last line (or nothing in an empty basket).
 */
export function reconcileSelection(
  lines: readonly LineRef[],
  selected: string | null,
  previousLastLineId: string | null,
  lastLineId: string | null,
): string | null {
  if (lastLineId !== null && lastLineId !== previousLastLineId && lines.some((l) => l.lineId === lastLineId)) {
    return lastLineId;
  }
  if (selected !== null && lines.some((l) => l.lineId === selected)) return selected;
  return lines.at(-1)?.lineId ?? null;
}

/** ↑ (delta -1) / ↓ (delta +1), stopping at the ends. With nothing selected, starts at the last line. */
export function moveSelection(lines: readonly LineRef[], selected: string | null, delta: number): string | null {
  if (lines.length === 0) return null;
  const index = lines.findIndex((l) => l.lineId === selected);
  if (index < 0) return lines.at(-1)!.lineId;
  const next = Math.min(lines.length - 1, Math.max(0, index + delta));
  return lines[next]!.lineId;
}

/** + / - on a line: the new quantity, or null when it would leave 1..MAX_LINE_QUANTITY. */
export function stepQuantity(quantity: number, delta: number): number | null {
  const next = quantity + delta;
  return next >= 1 && next <= MAX_LINE_QUANTITY ? next : null;
}

/** A refusal names its UI text (translated by the screen) and what was typed. */
export type QuantityParse = { ok: true; quantity: number } | { ok: false; problem: 'badQuantity'; got: string };

/** A quantity typed before `*`. */
export function parseQuantity(text: string): QuantityParse {
  const trimmed = text.trim();
  if (!/^\d{1,3}$/.test(trimmed)) {
    return { ok: false, problem: 'badQuantity', got: trimmed };
  }
  const quantity = Number(trimmed);
  if (quantity < 1 || quantity > MAX_LINE_QUANTITY) {
    return { ok: false, problem: 'badQuantity', got: trimmed };
  }
  return { ok: true, quantity };
}
