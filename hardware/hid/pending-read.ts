/**
 * The partial read both HID decoders keep between reports, and its end when no read comes of it: it
 * expires timeoutMs after its last report (or at once when flushed: the driver's timer fired, or the device
 * went away), and a report that cannot be part of a read takes the partial read down with it. What a read
 * holds and how it is described stay with each decoder.
 */
import type { BadFrame, FramerOutput } from '../framing/types.js';
import { concatBytes } from './report-decoder.js';

export interface PendingRead {
  reports: Uint8Array[];
  firstByteAt: number;
  lastAt: number;
}

export abstract class PendingReadDecoder<P extends PendingRead> {
  protected pending: P | undefined;

  /** A partial read with no report for this long is bad. */
  abstract get timeoutMs(): number;

  /** Why a partial read ended without its end: `reason` when the device went away, undefined when it timed out. */
  protected abstract unfinishedReason(pending: P, reason: string | undefined): string;

  /** Names the partial read when a bad report drops it: "the read in progress (3 characters)". */
  protected abstract describeInProgress(pending: P): string;

  nextDeadline(): number | undefined {
    return this.pending === undefined ? undefined : this.pending.lastAt + this.timeoutMs;
  }

  poll(now: number): FramerOutput[] {
    const deadline = this.nextDeadline();
    return deadline !== undefined && now >= deadline ? this.flush(now) : [];
  }

  flush(now: number, reason?: string): FramerOutput[] {
    const pending = this.pending;
    if (!pending) return [];
    this.pending = undefined;
    return [{ kind: 'bad', reason: this.unfinishedReason(pending, reason), raw: concatBytes(pending.reports), firstByteAt: pending.firstByteAt, at: now }];
  }

  /** A report that cannot be part of a read: a bad read alone, or together with the partial read it spoils. */
  protected badReport(reason: string, report: Uint8Array, now: number): BadFrame {
    const pending = this.pending;
    this.pending = undefined;
    if (!pending) return { kind: 'bad', reason, raw: report, firstByteAt: now, at: now };
    return {
      kind: 'bad',
      reason: `${reason}; ${this.describeInProgress(pending)} is dropped with it`,
      raw: concatBytes([...pending.reports, report]),
      firstByteAt: pending.firstByteAt,
      at: now,
    };
  }
}
