/**
 * Request and reply shapes of the purchase-limit, age and manager-console RegisterApi methods
 * (core/api.ts lists the methods; host/limits/limits-schemas.ts validates them on the wire).
 */
import type { AuditEntry, ChainVerdict } from '../domain/audit/audit-chain.js';
import type { LimitRule, RuleSet } from '../domain/limits/rule.js';
import type { DraftRequest, DryRunReport, LimitsOverview, RulesImportResult, SessionRequest } from './console.js';
import type { AgeCheck, PendingOverride } from './guard.js';
import type { ManagerSession } from './sessions.js';

export type { AgeCheck, AuditEntry, ChainVerdict, DraftRequest, DryRunReport, LimitRule, LimitsOverview, ManagerSession, PendingOverride, RuleSet, RulesImportResult, SessionRequest };

export interface ApproveOverrideRequest {
  managerId: string;
  pin: string;
  /** One of OVERRIDE_REASON_CODES (core/domain/limits/manager-pin.ts). */
  reasonCode: string;
}

export interface ConfirmAgeRequest {
  confirmed: boolean;
}

/** What RegisterState adds for limits and age confirmation. */
export interface LimitsStateFields {
  /** A refused change waiting for a manager's approval, or null. */
  pendingOverride?: PendingOverride | null;
  /** Age confirmation of this sale ('not-required' when nothing age-restricted is in the basket). */
  ageCheck?: AgeCheck;
}

/** A basket change the guard checks before the register applies it. */
export type { BasketChange } from './guard.js';
