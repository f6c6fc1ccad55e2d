import type { MessageCode, RegisterMessage } from '../../core/domain/messages.js';

/** Messages that mean the cashier moved on: an older error no longer needs the banner. */
const PROGRESS: ReadonlySet<MessageCode> = new Set<MessageCode>([
  'scan.added',
  'scan.quantityChanged',
  'line.voided',
  'sale.completed',
  'sale.started',
]);

/** Identity of a message across state pushes (messages have no id). */
export function messageKey(message: RegisterMessage): string {
  return `${message.at}|${message.code}|${JSON.stringify(message.params)}`;
}

/**
 * The message the banner shows: the newest error or warning, unless progress came after it or the cashier moved
 * past it. messages are newest first. clearedKey is the key of the newest message when the cashier last moved on
 * (dismissed the banner, opened the tender): that message and every older one no longer show.
 */
export function bannerMessage(messages: readonly RegisterMessage[], clearedKey: string | null): RegisterMessage | null {
  for (const message of messages) {
    if (PROGRESS.has(message.code)) return null;
    if (clearedKey !== null && messageKey(message) === clearedKey) return null;
    if (message.level === 'error' || message.level === 'warning') return message;
  }
  return null;
}

/** Adds a pushed 'message' event to the list from the last state, newest first, without duplicates. */
/** The list with `message` first; the same list (so React skips a render) when it already holds it. */
export function mergeMessage(messages: readonly RegisterMessage[], message: RegisterMessage, max = 20): readonly RegisterMessage[] {
  const key = messageKey(message);
  if (messages.some((m) => messageKey(m) === key)) return messages;
  return [message, ...messages].slice(0, max);
}
