/**
 * Electron mode: the preload exposes `window.regi` (one async function per RegisterApi method) and
 * `window.regiEvents.subscribe`. IPC has no socket to drop, so the status is always 'connected'.
 */
import { REGISTER_METHODS, type RegisterApi, type RegisterEvent } from '../../core/api.js';
import type { ConnectionStatus, RegisterConnection } from './types.js';

export interface RegiEventsBridge {
  subscribe(listener: (event: RegisterEvent) => void): () => void;
}

/** What the Electron preload puts on window. */
export interface ElectronBridge {
  regi?: RegisterApi;
  regiEvents?: RegiEventsBridge;
}

export function hasElectronBridge(bridge: ElectronBridge): bridge is Required<ElectronBridge> {
  return typeof bridge.regi === 'object' && bridge.regi !== null;
}

export function createElectronConnection(bridge: Required<ElectronBridge>): RegisterConnection {
  const missing = REGISTER_METHODS.filter((method) => typeof bridge.regi[method] !== 'function');
  if (missing.length > 0) {
    throw new Error(`window.regi is missing RegisterApi methods: ${missing.join(', ')} (preload out of date?)`);
  }
  if (typeof bridge.regiEvents?.subscribe !== 'function') {
    throw new Error('window.regiEvents.subscribe is missing: the preload must expose register events');
  }
  let status: ConnectionStatus = { state: 'connected', attempt: 0 };
  const statusListeners = new Set<(status: ConnectionStatus) => void>();
  const unsubscribers = new Set<() => void>();
  return {
    api: bridge.regi,
    onEvent(listener) {
      const off = bridge.regiEvents.subscribe(listener);
      unsubscribers.add(off);
      return () => {
        unsubscribers.delete(off);
        off();
      };
    },
    onStatus(listener) {
      statusListeners.add(listener);
      listener(status);
      return () => statusListeners.delete(listener);
    },
    close() {
      for (const off of unsubscribers) off();
      unsubscribers.clear();
      status = { state: 'closed', attempt: 0 };
      for (const listener of [...statusListeners]) listener(status);
    },
  };
}
