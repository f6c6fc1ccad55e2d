/** Renderer entry: pick the transport (Electron bridge or WebSocket) and mount the cashier screen. */
import { createRoot } from 'react-dom/client';
import { connect, pageEnvironment } from './connection/connect.js';
import { CashierScreen } from './register/CashierScreen.js';

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
createRoot(rootElement).render(<CashierScreen connection={connection} storage={storageOrUndefined()} />);
