// The caller's permission facts as `request.actor`, fresh from the database every request (spec §1.5: no cache
// outlives a change). The auth hook (plugins/auth.ts) reads them in the same statement as the session, so the hooks
// here cost nothing more; `loadActor` reads them itself only for a request authenticated some other way. Routes
// declare who may call them with a preValidation hook, so a signed-out caller gets 401 before input validation
// answers 400.
import type { ActorContext } from '@tandem/core';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { requireAdminOrThrow } from '../../domain/shared/admin-guard.ts';
import { AppError } from '../../errors.ts';
import { loadActorContext } from '../../storage/load-actor-context.ts';
import type { AppDeps } from '../deps.ts';
import { requireAuth } from './auth.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: ActorContext | null;
  }
}

export const actorPlugin = fp(async (app) => {
  app.decorateRequest('actor', null);
});

/** The caller's facts for this request (loaded with the session), with the app's clock read once as `ctx.now`. */
export async function loadActor(deps: AppDeps, request: FastifyRequest): Promise<ActorContext> {
  if (request.actor) return request.actor;
  const auth = requireAuth(request);
  const ctx = await loadActorContext(deps.db, auth.orgId, auth.userId, deps.clock.now());
  if (!ctx || ctx.actor.status !== 'active') throw new AppError('TANDEM_AUTH_REQUIRED');
  request.actor = ctx;
  return ctx;
}

/** preValidation: any signed-in, active user. */
export function signedIn(deps: AppDeps) {
  return async (request: FastifyRequest): Promise<void> => {
    await loadActor(deps, request);
  };
}

/** preValidation: active admins only (spec §8). */
export function adminOnly(deps: AppDeps) {
  return async (request: FastifyRequest): Promise<void> => {
    requireAdminOrThrow(await loadActor(deps, request));
  };
}

/** The actor a `signedIn` or `adminOnly` hook loaded. */
export function actorOf(request: FastifyRequest): ActorContext {
  if (!request.actor) throw new AppError('TANDEM_AUTH_REQUIRED');
  return request.actor;
}
