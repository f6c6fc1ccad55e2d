/** Audit events for the limit decisions, so every caller records the same details. */
import type { ActiveOverride, LimitViolation } from '../limits/evaluate.js';
import type { PinAttempt } from '../limits/manager-pin.js';
import type { AuditEvent } from './audit-chain.js';
import type { JsonValue } from './canonical-json.js';

function violationDetails(v: LimitViolation): { [key: string]: JsonValue } {
  return {
    ruleId: v.ruleId, ruleName: v.ruleName, version: v.version, measure: v.measure, window: v.window,
    tender: v.tender, action: v.action, limit: v.limit, current: v.current, attempted: v.attempted, remaining: v.remaining,
  };
}

export function limitBlockedEvent(args: {
  at: number; cashierId: string; saleId: string; itemCode?: string; tender: string; walletId?: string; violations: readonly LimitViolation[];
}): AuditEvent {
  return {
    at: args.at,
    kind: 'limit.blocked',
    actor: args.cashierId,
    details: {
      saleId: args.saleId,
      itemCode: args.itemCode ?? null,
      tender: args.tender,
      walletId: args.walletId ?? null,
      violations: args.violations.map(violationDetails),
    },
  };
}

export function limitOverrideEvent(args: {
  override: ActiveOverride; cashierId: string; saleId: string; violation: LimitViolation;
}): AuditEvent {
  return {
    at: args.override.at,
    kind: 'limit.override',
    actor: args.override.managerId,
    details: {
      saleId: args.saleId,
      cashierId: args.cashierId,
      reasonCode: args.override.reasonCode,
      allowedUpTo: args.override.allowedUpTo,
      violation: violationDetails(args.violation),
    },
  };
}

/** A manager PIN attempt as an audit event: a success, a failure, or the failure that locked the id. */
/** The audit kinds a manager PIN attempt is written as (pinAttemptEvent). */
export const PIN_ATTEMPT_KINDS = ['manager.login', 'manager.loginFailed', 'manager.locked'] as const;

export function pinAttemptEvent(attempt: PinAttempt): AuditEvent {
  const kind = attempt.outcome === 'ok' ? 'manager.login' : attempt.lockedUntil !== undefined && attempt.outcome !== 'locked' ? 'manager.locked' : 'manager.loginFailed';
  return {
    at: attempt.at,
    kind,
    actor: attempt.staffId,
    details: {
      outcome: attempt.outcome,
      purpose: attempt.purpose,
      failures: attempt.failures,
      lockedUntil: attempt.lockedUntil ?? null,
    },
  };
}
