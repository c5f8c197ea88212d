// Authentication: resolves `Authorization: Bearer <token>` or the session cookie to `request.auth`, on every
// request, against the database (a deactivated user's sessions fail on the very next request). Cookie requests
// that change state must echo the CSRF cookie in the `x-csrf-token` header (double submit). The same statement
// brings the caller's permission facts, so `request.actor` (plugins/actor.ts) is ready before any route hook runs:
// one statement per signed-in request, and nothing kept from one request to the next (spec §1.5).
import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hashToken } from '../../domain/accounts/session-token.ts';
import { canUseApiToken } from '../../domain/tokens/token-channel.ts';
import { AppError } from '../../errors.ts';
import { loadSessionActor } from '../../storage/load-actor-context.ts';
import type { AppDeps } from '../deps.ts';

export const SESSION_COOKIE = 'tandem_session';
export const CSRF_COOKIE = 'tandem_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export type AuthInfo = { userId: string; orgId: string; sessionId: string; via: 'bearer' | 'cookie'; kind: 'session' | 'api' };

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthInfo | null;
  }
  /** Routes a stranger calls with no session (sign-in, sign-up, links) need no CSRF header. */
  interface FastifyContextConfig {
    csrfExempt?: boolean;
  }
}

function tokenOf(request: FastifyRequest): { token: string; via: 'bearer' | 'cookie' } | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return { token: header.slice(7).trim(), via: 'bearer' };
  const cookie = request.cookies[SESSION_COOKIE];
  return cookie ? { token: cookie, via: 'cookie' } : null;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** What a `read` API token may send (D37). */
const READ_METHODS = new Set(['GET', 'HEAD']);

/** Decorates every request with `auth` (null when not signed in). Routes reach the actor through plugins/actor.ts. */
export const authPlugin = fp<{ deps: AppDeps }>(async (app, { deps }) => {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request) => {
    const credential = tokenOf(request);
    if (!credential) return;
    const at = deps.clock.now();
    const loaded = await loadSessionActor(deps.db, hashToken(credential.token), at);
    if (!loaded) return;
    const { me: row, ctx } = loaded;
    if (row.revoked || row.status !== 'active' || (row.expires_at !== null && row.expires_at <= at)) return;
    // API tokens work only while their user may use the `api` export channel (spec §9).
    if (row.kind === 'api' && !canUseApiToken({
      orgId: row.org_id, userId: row.user_id, role: row.role, status: row.status, exportChannels: row.export_channels, exportEnabled: row.export_enabled,
    }, at)) return;
    // A read-only token is known and live, so it is a 403 (the caller is who they say), not a 401.
    if (row.kind === 'api' && row.scope === 'read' && !READ_METHODS.has(request.method)) throw new AppError('TANDEM_TOKEN_READ_ONLY');
    // Sign-in and sign-up create credentials rather than use them: a stale cookie must not block them.
    const csrfExempt = request.routeOptions.config.csrfExempt === true;
    if (credential.via === 'cookie' && !SAFE_METHODS.has(request.method) && !csrfExempt) {
      const header = request.headers[CSRF_HEADER];
      if (!header || header !== request.cookies[CSRF_COOKIE]) throw new AppError('TANDEM_AUTH_CSRF');
    }
    request.auth = { userId: row.user_id, orgId: row.org_id, sessionId: row.session_id as string, via: credential.via, kind: row.kind as AuthInfo['kind'] };
    // The facts came with the session: `ctx.now` is the clock read once for this request.
    request.actor = ctx;
  });
});

export function requireAuth(request: FastifyRequest): AuthInfo {
  if (!request.auth) throw new AppError('TANDEM_AUTH_REQUIRED');
  return request.auth;
}

export function setSessionCookies(reply: FastifyReply, token: string, secure: boolean): string {
  const csrf = randomBytes(18).toString('base64url');
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', path: '/', secure, maxAge: 60 * 60 * 24 * 30 });
  reply.setCookie(CSRF_COOKIE, csrf, { httpOnly: false, sameSite: 'lax', path: '/', secure, maxAge: 60 * 60 * 24 * 30 });
  return csrf;
}
