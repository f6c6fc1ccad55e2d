/** Renderer entry: pick the transport (Electron bridge or WebSocket) and mount the routed app (App.tsx). */
import { createRoot } from 'react-dom/client';
import { connect, pageEnvironment } from './connection/connect.js';
import { App } from './App.js';

function storageOrUndefined(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root element');
const connection = connect(pageEnvironment());
createRoot(rootElement).render(<App connection={connection} storage={storageOrUndefined()} />);
