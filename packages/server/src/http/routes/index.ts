// Every /api/v1 resource, registered in one place. Each file owns one resource.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';

export async function registerApiRoutes(api: FastifyInstance, deps: AppDeps): Promise<void> {
  void api;
  void deps;
}
