/** A small listener set whose throwing listeners are logged, not propagated into the I/O loop. */
import type { Unsubscribe } from '../core/ports.js';

export class ListenerSet<T> {
  private readonly listeners = new Set<(value: T) => void>();

  /** `label` starts the log line of a throwing listener: `[regi] <label>: a listener threw: ...`. */
  constructor(private readonly label: string) {}

  add(listener: (value: T) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }

  emit(value: T): void {
    // a copy: a listener may unsubscribe (itself or another) while being called
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        console.error(`[regi] ${this.label}: a listener threw: ${errorText(error)}`);
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
