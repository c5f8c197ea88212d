// Authentication: resolves `Authorization: Bearer <token>` or the session cookie to `request.auth`, on every
// request, against the database (a deactivated user's sessions fail on the very next request). Cookie requests
// that change state must echo the CSRF cookie in the `x-csrf-token` header (double submit).
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { ActorContext } from '@tandem/core';
import { canUseApiToken } from '../../domain/tokens-channel.ts';
import { AppError } from '../../errors.ts';
import { loadActorContext } from '../../storage/load-actor-context.ts';
import type { AppDeps } from '../app.ts';

export const SESSION_COOKIE = 'tandem_session';
export const CSRF_COOKIE = 'tandem_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export type AuthInfo = { userId: string; orgId: string; sessionId: string; via: 'bearer' | 'cookie'; kind: 'session' | 'api' };

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthInfo | null;
  }
}

export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function tokenOf(request: FastifyRequest): { token: string; via: 'bearer' | 'cookie' } | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return { token: header.slice(7).trim(), via: 'bearer' };
  const cookie = request.cookies[SESSION_COOKIE];
  return cookie ? { token: cookie, via: 'cookie' } : null;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Decorates every request with `auth` (null when not signed in). Routes call `requireAuth` / `actorContext`. */
export const authPlugin = fp<{ deps: AppDeps }>(async (app, { deps }) => {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request) => {
    const found = tokenOf(request);
    if (!found) return;
    const now = new Date(deps.clock.now());
    const row = await deps.db.selectFrom('sessions').innerJoin('users', (j) => j.onRef('users.org_id', '=', 'sessions.org_id').onRef('users.id', '=', 'sessions.user_id'))
      .innerJoin('orgs', 'orgs.id', 'sessions.org_id')
      .select(['sessions.id', 'sessions.org_id', 'sessions.user_id', 'sessions.kind', 'sessions.expires_at', 'sessions.revoked_at', 'users.status',
        'users.role', 'users.export_channels', 'orgs.export_enabled'])
      .where('sessions.token_hash', '=', hashToken(found.token)).executeTakeFirst();
    if (!row || row.revoked_at || row.status !== 'active' || (row.expires_at && new Date(row.expires_at) <= now)) return;
    // API tokens work only while their user may use the `api` export channel (spec §9).
    if (row.kind === 'api' && !canUseApiToken({
      orgId: row.org_id, userId: row.user_id, role: row.role, status: row.status, exportChannels: row.export_channels, exportEnabled: row.export_enabled,
    }, now.getTime())) return;
    // Sign-in and sign-up create credentials rather than use them: a stale cookie must not block them.
    const csrfExempt = (request.routeOptions.config as { csrfExempt?: boolean } | undefined)?.csrfExempt === true;
    if (found.via === 'cookie' && !SAFE_METHODS.has(request.method) && !csrfExempt) {
      const header = request.headers[CSRF_HEADER];
      if (!header || header !== request.cookies[CSRF_COOKIE]) throw new AppError('TANDEM_AUTH_CSRF');
    }
    request.auth = { userId: row.user_id, orgId: row.org_id, sessionId: row.id, via: found.via, kind: row.kind };
  });
});

export function requireAuth(request: FastifyRequest): AuthInfo {
  if (!request.auth) throw new AppError('TANDEM_AUTH_REQUIRED');
  return request.auth;
}

/** The caller's permission facts, loaded fresh for this request with the app's clock. */
export async function actorContext(deps: AppDeps, request: FastifyRequest): Promise<ActorContext> {
  const auth = requireAuth(request);
  const ctx = await loadActorContext(deps.db, auth.orgId, auth.userId, deps.clock.now());
  if (!ctx || ctx.actor.status !== 'active') throw new AppError('TANDEM_AUTH_REQUIRED');
  return ctx;
}

export function setSessionCookies(reply: FastifyReply, token: string, secure: boolean): string {
  const csrf = randomBytes(18).toString('base64url');
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', path: '/', secure, maxAge: 60 * 60 * 24 * 30 });
  reply.setCookie(CSRF_COOKIE, csrf, { httpOnly: false, sameSite: 'lax', path: '/', secure, maxAge: 60 * 60 * 24 * 30 });
  return csrf;
}
