/**
 * Manager console sessions: a successful PIN check gives a short-lived token. The clock decides
 * expiry: a session lasts SESSION_IDLE_MS after its last use and never more than SESSION_MAX_MS
 * after login, so a console left open at the back office does not stay unlocked.
 */
import { RegisterError } from '../api.js';
import type { ManagerPinVerifier, StaffMember } from '../domain/limits/manager-pin.js';
import type { Clock } from '../ports.js';

export const SESSION_IDLE_MS = 15 * 60_000;
export const SESSION_MAX_MS = 8 * 60 * 60_000;

export interface ManagerSession {
  token: string;
  managerId: string;
  name: string;
  expiresAt: number;
}

interface Live {
  staff: StaffMember;
  createdAt: number;
  lastUsed: number;
}

export class ManagerSessions {
  private readonly live = new Map<string, Live>();

  constructor(
    private readonly deps: { clock: Clock; pins: ManagerPinVerifier; newToken: () => string },
  ) {}

  async login(managerId: string, pin: string): Promise<ManagerSession> {
    const result = await this.deps.pins.verify(managerId, pin, 'console.login');
    if (!result.ok) throw pinRefusal(result.reason, result.lockedUntil);
    const now = this.deps.clock.now();
    const token = this.deps.newToken();
    this.live.set(token, { staff: result.staff, createdAt: now, lastUsed: now });
    return { token, managerId: result.staff.staffId, name: result.staff.name, expiresAt: this.expiry({ createdAt: now, lastUsed: now }) };
  }

  /** The manager behind a token; refuses a missing, unknown or expired one. Using it extends the idle time. */
  require(token: string | undefined): StaffMember {
    const now = this.deps.clock.now();
    const live = token === undefined ? undefined : this.live.get(token);
    if (!live || now >= this.expiry(live)) {
      if (token !== undefined) this.live.delete(token);
      throw new RegisterError('unauthorized', 'manager session missing or expired: log in to the manager console again');
    }
    live.lastUsed = now;
    return live.staff;
  }

  logout(token: string): StaffMember | undefined {
    const live = this.live.get(token);
    this.live.delete(token);
    return live?.staff;
  }

  private expiry(live: { createdAt: number; lastUsed: number }): number {
    return Math.min(live.lastUsed + SESSION_IDLE_MS, live.createdAt + SESSION_MAX_MS);
  }
}

/** One wording for every failed PIN: which id exists is not told to the person typing. */
export function pinRefusal(reason: string, lockedUntil?: number): RegisterError {
  if (reason === 'locked' || lockedUntil !== undefined) {
    return new RegisterError('unauthorized', 'too many wrong PINs: this manager id is locked for a while', {
      reason: 'locked', ...(lockedUntil !== undefined ? { lockedUntil } : {}),
    });
  }
  if (reason === 'not-manager') return new RegisterError('unauthorized', 'this staff member is not a manager', { reason });
  return new RegisterError('unauthorized', 'manager id or PIN is wrong', { reason: 'wrong-pin' });
}
