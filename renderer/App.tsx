/**
 * Hash routes served by the one index.html: #/ cashier, #/tester tester panel (others add theirs here:
 * #/manager, #/customer). Unknown routes fall back to the cashier screen.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { RegisterConnection } from './connection/types.js';
import { CashierScreen } from './register/CashierScreen.js';
import { TesterPanel } from './tester/TesterPanel.js';
import { CustomerDisplay } from './customer/CustomerDisplay.js';
import { ManagerConsole } from './manager/ManagerConsole.js';
import { HistoryScreen } from './history/HistoryScreen.js';
import { ReportsScreen } from './reports/ReportsScreen.js';
import { SettingsScreen } from './settings/SettingsScreen.js';

export type Route = 'cashier' | 'tester' | 'manager' | 'customer' | 'history' | 'reports' | 'settings';

export function routeOf(hash: string): Route {
  // A query after the path (#/history?sale=ID) is the screen's own business.
  const path = hash.replace(/^#/, '').split('?')[0]!.replace(/\/+$/, '') || '/';
  if (path === '/tester') return 'tester';
  if (path === '/manager') return 'manager';
  if (path === '/customer') return 'customer';
  if (path === '/history' || path === '/reports' || path === '/settings') return path.slice(1) as Route;
  return 'cashier';
}

export function App(props: { connection: RegisterConnection; storage: Storage | undefined }) {
  const [route, setRoute] = useState<Route>(() => routeOf(window.location.hash));
  useEffect(() => {
    const onHash = () => setRoute(routeOf(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const screens: Record<Route, () => ReactNode> = {
    cashier: () => <CashierScreen connection={props.connection} {...(props.storage ? { storage: props.storage } : {})} />,
    tester: () => <TesterPanel connection={props.connection} />,
    manager: () => <ManagerConsole connection={props.connection} />,
    customer: () => <CustomerDisplay connection={props.connection} />,
    history: () => <HistoryScreen connection={props.connection} {...(props.storage ? { storage: props.storage } : {})} />,
    reports: () => <ReportsScreen connection={props.connection} {...(props.storage ? { storage: props.storage } : {})} />,
    settings: () => <SettingsScreen connection={props.connection} {...(props.storage ? { storage: props.storage } : {})} />,
  };
  return <>{screens[route]()}</>;
}
