// How many attempts the public account endpoints take (D46): per client address and per account (the e-mail named,
// or the link used), each in a fixed window, plus the sign-in lockout after wrong passwords. The figures and why are
// in docs/decisions.md D46 and docs/reliability.md "Hardening"; TANDEM_RATE_LIMIT_FACTOR (config.ts) scales the
// counts, TANDEM_SIGN_IN_LOCK_* set the lockout.

export type Limit = { max: number; windowMs: number };
export type LimitPair = { perAddress: Limit; perAccount: Limit };

/** The endpoints that are limited: sign-in, sign-up, asking for and using a reset link, inviting and accepting. */
export const LIMITED_ACTIONS = ['signIn', 'signUp', 'passwordResetRequest', 'passwordResetComplete', 'invitationCreate', 'invitationAccept'] as const;
export type LimitedAction = (typeof LIMITED_ACTIONS)[number];

/** `max` wrong passwords for one e-mail within `windowMs` (from the first) lock its sign-in for `lockMs`. */
export type SignInLockPolicy = { max: number; windowMs: number; lockMs: number };

export type AttemptLimits = { actions: Record<LimitedAction, LimitPair>; signInLock: SignInLockPolicy };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const DEFAULT_ATTEMPT_LIMITS: AttemptLimits = {
  actions: {
    // An office behind one NAT signs in at 9:00; a guesser from one address gets 50 tries per 5 minutes at most.
    signIn: { perAddress: { max: 50, windowMs: 5 * MINUTE }, perAccount: { max: 20, windowMs: 15 * MINUTE } },
    signUp: { perAddress: { max: 10, windowMs: HOUR }, perAccount: { max: 5, windowMs: HOUR } },
    passwordResetRequest: { perAddress: { max: 10, windowMs: 15 * MINUTE }, perAccount: { max: 5, windowMs: 15 * MINUTE } },
    passwordResetComplete: { perAddress: { max: 20, windowMs: 15 * MINUTE }, perAccount: { max: 10, windowMs: 15 * MINUTE } },
    // Admins invite in batches from one address; one e-mail is invited again only when a mail was lost.
    invitationCreate: { perAddress: { max: 100, windowMs: HOUR }, perAccount: { max: 5, windowMs: HOUR } },
    invitationAccept: { perAddress: { max: 20, windowMs: 15 * MINUTE }, perAccount: { max: 10, windowMs: 15 * MINUTE } },
  },
  signInLock: { max: 10, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE },
};

/** Every count multiplied by `factor` (windows unchanged): for load tests and probes that sign in from one address. */
export function scaledAttemptLimits(limits: AttemptLimits, factor: number): AttemptLimits {
  const scale = (l: Limit): Limit => ({ max: Math.max(1, Math.round(l.max * factor)), windowMs: l.windowMs });
  const actions = Object.fromEntries(LIMITED_ACTIONS.map((a) => [a, {
    perAddress: scale(limits.actions[a].perAddress), perAccount: scale(limits.actions[a].perAccount),
  }])) as Record<LimitedAction, LimitPair>;
  return { actions, signInLock: { ...limits.signInLock, max: Math.max(1, Math.round(limits.signInLock.max * factor)) } };
}

/**
 * The key of one counter in rate_limit_counters: the action, whose count it is (`address` or `account`), and the
 * address or account (`email:<normalised>` or `link:<sha256>`).
 */
export function counterKey(action: LimitedAction, kind: 'address' | 'account', id: string): string {
  return `${action}:${kind}:${id}`;
}

/** Whole seconds until `until` (at least 1), for `Retry-After`. */
export function secondsUntil(until: number, now: number): number {
  return Math.max(1, Math.ceil((until - now) / 1000));
}
