/**
 * Chooses the transport: Electron's preload bridge when present, otherwise the host's WebSocket
 * at /ws on the page's own host, authenticated by the token the host wrote into index.html.
 */
import { createElectronConnection, hasElectronBridge, type ElectronBridge } from './electron-connection.js';
import type { RegisterConnection } from './types.js';
import { createWsConnection, type WebSocketConstructor } from './ws-connection.js';

export const TOKEN_PLACEHOLDER = '%REGI_TOKEN%';

export interface PageEnvironment {
  location: { protocol: string; host: string };
  /** The content of <meta name="regi-token">, or null when absent. */
  token: string | null;
  bridge: ElectronBridge;
  WebSocket: WebSocketConstructor;
}

export function webSocketUrl(location: { protocol: string; host: string }, token: string | null): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const usable = token !== null && token !== '' && token !== TOKEN_PLACEHOLDER;
  return `${scheme}://${location.host}/ws${usable ? `?token=${encodeURIComponent(token)}` : ''}`;
}

export function connect(env: PageEnvironment): RegisterConnection {
  if (hasElectronBridge(env.bridge)) return createElectronConnection(env.bridge);
  return createWsConnection({ url: webSocketUrl(env.location, env.token), WebSocket: env.WebSocket });
}

/** Reads the environment from the real page. */
export function pageEnvironment(): PageEnvironment {
  const meta = document.querySelector('meta[name="regi-token"]');
  return {
    location: window.location,
    token: meta?.getAttribute('content') ?? null,
    bridge: window as unknown as ElectronBridge,
    WebSocket: window.WebSocket as unknown as WebSocketConstructor,
  };
}
