/**
 * The one interface the screen uses to reach the register, whichever transport carries it
 * (WebSocket in browser mode, contextBridge IPC in Electron).
 */
import type { RegisterApi, RegisterEvent } from '../../core/api.js';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'closed';

export interface ConnectionStatus {
  state: ConnectionState;
  /** Reconnect attempts since the last successful connection. */
  attempt: number;
  /** Delay before the next reconnect attempt, when reconnecting. */
  retryInMs?: number;
  /** Why the connection dropped or failed, for diagnostics. */
  reason?: string;
}

export interface RegisterConnection {
  api: RegisterApi;
  /** Pushed register events (state, message). Returns an unsubscribe function. */
  onEvent(listener: (event: RegisterEvent) => void): () => void;
  /** Called at once with the current status, then on every change. */
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
  close(): void;
}
