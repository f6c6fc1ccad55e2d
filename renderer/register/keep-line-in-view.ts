/**
 * Keeps one basket line in view inside a scrolling box: the cashier's basket and the customer display both show
 * the line just scanned, however long the basket grows.
 */
import { useLayoutEffect, type RefObject } from 'react';

/**
 * Scrolls `box` so the row `[data-line-id=lineId]` is wholly visible whenever `lineId` or `when` changes (a new
 * line, or the same line's quantity moving). The layout effect runs in the render's own task and asks for an
 * animation frame, so the frame that first paints the line also has it in view; measuring right after the render
 * instead would force one more layout per scan before the frame's own.
 */
export function useKeepLineInView(box: RefObject<HTMLElement | null>, lineId: string | null, when: string): void {
  useLayoutEffect(() => {
    if (lineId === null) return;
    const frame = requestAnimationFrame(() => {
      const scroller = box.current;
      const row = scroller?.querySelector<HTMLElement>(`[data-line-id="${CSS.escape(lineId)}"]`);
      if (scroller && row) keepRowInView(scroller, row);
    });
    return () => cancelAnimationFrame(frame);
  }, [box, lineId, when]);
}

/** Scrolls `box` just enough that `row` is wholly visible, below a sticky table heading if the box has one. */
function keepRowInView(box: HTMLElement, row: HTMLElement): void {
  const view = box.getBoundingClientRect();
  const top = view.top + box.clientTop + (box.querySelector('thead')?.getBoundingClientRect().height ?? 0);
  const bottom = view.top + box.clientTop + box.clientHeight;
  const rect = row.getBoundingClientRect();
  if (rect.bottom > bottom) box.scrollTop += rect.bottom - bottom;
  else if (rect.top < top) box.scrollTop -= top - rect.top;
}
