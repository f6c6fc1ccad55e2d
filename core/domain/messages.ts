/**
 * Everything core tells a person is a code plus parameters; the renderer translates it.
 * Keep codes stable: tests, scenario files and translations refer to them.
 */
export type MessageLevel = 'info' | 'warning' | 'error';

export type MessageParams = Readonly<Record<string, string | number>>;

export interface RegisterMessage {
  code: MessageCode;
  level: MessageLevel;
  params: MessageParams;
  /** Epoch milliseconds from the register's clock. */
  at: number;
}

export const MESSAGE_CODES = [
  'scan.added',
  'scan.unknownItem',
  'scan.badRead',
  'scan.notSellable',
  'scan.quantityChanged',
  'line.voided',
  'sale.completed',
  'sale.emptyBasket',
  'sale.insufficientCash',
  'sale.started',
  'sale.stillOpen',
  'scanner.connected',
  'scanner.disconnected',
  'scanner.error',
  'input.invalid',
  'limit.blocked',
  'limit.overrideRequired',
  'limit.warning',
  'limit.overridden',
  'age.confirmationRequired',
  'age.confirmed',
  'age.refused',
  'wallet.enterCode',
  'wallet.sending',
  'wallet.pending',
  'wallet.unknown',
  'wallet.cancelling',
  'wallet.cancelUnknown',
  'wallet.succeeded',
  'wallet.declined',
  'wallet.voided',
  'wallet.reversed',
  'wallet.offline',
  'wallet.busy',
  'wallet.partPaid',
  'wallet.refundFailed',
  'sale.refunded',
] as const;

export type MessageCode = (typeof MESSAGE_CODES)[number];
