/** What a driver reports for a framed read: the same ScanEvent / BadRead shape for every transport. */
import type { BadRead, ScanEvent, ScannerKind } from '../../core/ports.js';
import type { BadFrame, Frame } from './types.js';

export function scanEventOf(frame: Frame, driverId: string, kind: ScannerKind): ScanEvent {
  return {
    data: frame.data,
    raw: frame.raw,
    ...(frame.aimId === undefined ? {} : { aimId: frame.aimId }),
    symbology: frame.symbology,
    driverId,
    kind,
    firstByteAt: frame.firstByteAt,
    receivedAt: frame.receivedAt,
  };
}

export function badReadOf(bad: BadFrame, driverId: string, kind: ScannerKind): BadRead {
  return { driverId, kind, reason: bad.reason, raw: bad.raw, at: bad.at };
}
