/**
 * Keyboard-wedge reading on the cashier screen: every keydown goes to hardware/wedge's detector, which
 * tells a scanner's burst from a person typing by timing and KeyboardEvent.code (so a Japanese IME does not
 * matter). Keys are never held back: typing, editing and IME composition in the code input work as
 * always, and a typed code + Enter is keyed entry. Only when the suffix key ends a scanner burst is that
 * Enter taken (the screen never sees it), the burst's characters removed from the input again, and the
 * code sent as a scanner read.
 */
import { WedgeDetector, type WedgeKeyEvent, type WedgeOptions } from '../../hardware/wedge/wedge-detector.js';

/**
 * Scanners type a key every 1-10 ms; even a fast typist needs 60 ms or more between keys. 50 ms leaves
 * room for a busy page delaying keydown events.
 */
export const RENDERER_WEDGE: Partial<WedgeOptions> = { maxInterKeyMs: 50 };

export interface WedgeScan {
  data: string;
  aimId?: string;
  /** What the code input held before the burst: the input goes back to it. */
  restore: string;
}

export class WedgeInput {
  private readonly detector: WedgeDetector;
  private before = '';

  constructor(options: Partial<WedgeOptions> = RENDERER_WEDGE) {
    this.detector = new WedgeDetector(options);
  }

  /**
   * Feed a keydown. `currentText` is the code input's text before this key applies. Returns the scan when
   * this key ended a scanner burst (the caller must then cancel the key), otherwise null.
   */
  keydown(event: WedgeKeyEvent, currentText: string): WedgeScan | null {
    // keys held from before a pause are typing: let them go first, so the snapshot below is taken right
    this.detector.poll(event.timeStamp);
    if (this.detector.pending.length === 0) this.before = currentText;
    for (const decision of this.detector.push(event)) {
      if (decision.kind === 'scan') return { data: decision.data, ...(decision.aimId === undefined ? {} : { aimId: decision.aimId }), restore: this.before };
    }
    return null;
  }

  /** Focus left the code input (tender, another field): what was held cannot be a scan any more. */
  reset(): void {
    this.detector.flush();
  }
}
