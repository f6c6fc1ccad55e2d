/**
 * Everything the Register needs for purchase limits, age confirmation and the manager console,
 * made from the ports in one place (host/create-register.ts calls createRegisterLimits).
 */
import type { ManagerPinVerifier } from '../domain/limits/manager-pin.js';
import type { WalletSpendHistory } from '../domain/limits/wallet-history.js';
import type { Clock } from '../ports.js';
import { LimitsConsole } from './console.js';
import { LimitGuard } from './guard.js';
import type { AuditLog, RecordedSales, RuleSetStore, RulesCodec } from './ports.js';
import { ManagerSessions } from './sessions.js';

export interface RegisterLimits {
  guard: LimitGuard;
  console: LimitsConsole;
}

export interface RegisterLimitsDeps {
  clock: Clock;
  rules: RuleSetStore;
  audit: AuditLog;
  pins: ManagerPinVerifier;
  sales: RecordedSales;
  codec: RulesCodec;
  history?: WalletSpendHistory;
  /** Session tokens: unguessable (randomUUID in the host). */
  newToken: () => string;
  cashierId?: () => string;
}

export function createRegisterLimits(deps: RegisterLimitsDeps): RegisterLimits {
  const guard = new LimitGuard({
    clock: deps.clock, rules: deps.rules, audit: deps.audit, pins: deps.pins,
    ...(deps.history ? { history: deps.history } : {}), ...(deps.cashierId ? { cashierId: deps.cashierId } : {}),
  });
  const sessions = new ManagerSessions({ clock: deps.clock, pins: deps.pins, newToken: deps.newToken });
  const console = new LimitsConsole({ clock: deps.clock, rules: deps.rules, audit: deps.audit, sessions, sales: deps.sales, codec: deps.codec });
  return { guard, console };
}
