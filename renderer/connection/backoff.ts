export interface BackoffOptions {
  /** First retry delay. */
  initialMs: number;
  /** Upper bound for any delay. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 250, maxMs: 5000 };

/** Exponential backoff: initial, 2x, 4x, ... capped at maxMs. attempt counts from 0. */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const exponent = Math.min(Math.max(0, Math.trunc(attempt)), 30);
  return Math.min(options.maxMs, options.initialMs * 2 ** exponent);
}
