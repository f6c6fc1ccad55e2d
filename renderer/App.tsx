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

export type Route = 'cashier' | 'tester' | 'manager' | 'customer';

export function routeOf(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '') || '/';
  if (path === '/tester') return 'tester';
  if (path === '/manager') return 'manager';
  if (path === '/customer') return 'customer';
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
  };
  return <>{screens[route]()}</>;
}
