/** What a cashier or customer can actually see: rows of the screens' scrolling lists, and elements in the window. */
import type { Locator, Page } from 'playwright-core';

/** Whether the row is wholly visible now: inside its scrolling list `list` (below a sticky heading) and the window. */
export async function rowInView(row: Locator, list: string): Promise<boolean> {
  return row.page().evaluate(visibleIn, { row: await row.elementHandle(), list });
}

/** Whether the row comes into view within two seconds (the lists scroll at the next frame). */
export async function rowComesIntoView(row: Locator, list: string): Promise<boolean> {
  const arg = { row: await row.elementHandle(), list };
  return row.page().waitForFunction(visibleIn, arg, { timeout: 2000 }).then(() => true, () => false);
}

/** Whether the element with this test id is wholly inside the window. */
export function onScreen(page: Page, testId: string): Promise<boolean> {
  return page.getByTestId(testId).evaluate((el) => {
    const rect = el.getBoundingClientRect();
    return rect.height > 0 && rect.top >= 0 && rect.bottom <= window.innerHeight;
  });
}

/** Runs in the page. */
function visibleIn({ row, list }: { row: Element | null; list: string }): boolean {
  const box = row?.closest(list);
  if (!row || !box) return false;
  const view = box.getBoundingClientRect();
  const heading = box.querySelector('thead')?.getBoundingClientRect().height ?? 0;
  const top = Math.max(0, view.top + box.clientTop + heading);
  const bottom = Math.min(window.innerHeight, view.top + box.clientTop + box.clientHeight);
  const rect = row.getBoundingClientRect();
  return rect.top >= top - 0.5 && rect.bottom <= bottom + 0.5;
}
