/** The control API's simulated-scanner shapes (host/simulator-control.ts), as the tester panel reads them. */
import type { RegisterMessage } from '../../core/domain/messages.js';
import type { ScannerStatus } from '../../core/ports.js';

export const SIM_KINDS = ['serial', 'hid-pos', 'hid-keyboard'] as const;
export type SimKind = (typeof SIM_KINDS)[number];

export interface SimScanner {
  id: string;
  kind: SimKind;
  devicePath: string;
  usbId?: string;
  plugged: boolean;
  status: ScannerStatus;
  faults: string[];
}

export type Delivery = { result: 'scan'; data: string; aimId?: string; symbology: string } | { result: 'bad-read'; reason: string } | { result: 'nothing' };

export interface ScanAnswer {
  delivery: Delivery;
  message: RegisterMessage | null;
}

export interface FaultAnswer extends ScanAnswer {
  fault: string;
  deliveries: Delivery[];
}

/** One line of the panel's result log. */
export interface ResultEntry {
  n: number;
  scanner: string;
  action: string;
  outcome: 'scan' | 'bad-read' | 'nothing' | 'error' | 'info';
  text: string;
}

export function describeDelivery(d: Delivery): { outcome: ResultEntry['outcome']; text: string } {
  if (d.result === 'scan') return { outcome: 'scan', text: `scan ${d.data}${d.aimId ? ` (${d.aimId} ${d.symbology})` : ''}` };
  if (d.result === 'bad-read') return { outcome: 'bad-read', text: `bad read: ${d.reason}` };
  return { outcome: 'nothing', text: 'the driver reported nothing' };
}
