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
  /** Fetches the page's HTML again (browser mode), to pick up a restarted host's new token. */
  fetchPage?: () => Promise<string>;
}

export function webSocketUrl(location: { protocol: string; host: string }, token: string | null): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const usable = token !== null && token !== '' && token !== TOKEN_PLACEHOLDER;
  return `${scheme}://${location.host}/ws${usable ? `?token=${encodeURIComponent(token)}` : ''}`;
}

/** The token in a page's <meta name="regi-token" content="...">, or null. */
export function tokenFromHtml(html: string): string | null {
  const match = /<meta\s+name="regi-token"\s+content="([^"]*)"/i.exec(html);
  return match ? match[1]! : null;
}

export function connect(env: PageEnvironment): RegisterConnection {
  if (hasElectronBridge(env.bridge)) return createElectronConnection(env.bridge);
  const fetchPage = env.fetchPage;
  return createWsConnection({
    url: webSocketUrl(env.location, env.token),
    WebSocket: env.WebSocket,
    // A restarted host has a new token: read it from the page before reconnecting.
    ...(fetchPage ? { resolveUrl: async () => webSocketUrl(env.location, tokenFromHtml(await fetchPage()) ?? env.token) } : {}),
  });
}

/** Reads the environment from the real page. */
export function pageEnvironment(): PageEnvironment {
  const meta = document.querySelector('meta[name="regi-token"]');
  return {
    location: window.location,
    token: meta?.getAttribute('content') ?? null,
    bridge: window as unknown as ElectronBridge,
    WebSocket: window.WebSocket as unknown as WebSocketConstructor,
    fetchPage: async () => {
      const response = await fetch(window.location.pathname, { cache: 'no-store' });
      if (!response.ok) throw new Error(`GET ${window.location.pathname} answered ${response.status}`);
      return response.text();
    },
  };
}
