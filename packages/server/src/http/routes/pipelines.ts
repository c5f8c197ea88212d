// /pipelines (spec §6.6, api.md "Pipelines, templates and programs"). Being built in this session; its shares are
// hand-shared-shares.ts.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../deps.ts';

export const pipelinesRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  void app;
  void deps;
};
