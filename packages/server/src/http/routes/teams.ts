// Teams: list (any signed-in member); create, rename, set members, delete (admins).
import { teamSchema } from '@tandem/api';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createTeam } from '../../domain/teams/create-team.ts';
import { deleteTeam } from '../../domain/teams/delete-team.ts';
import { listTeams } from '../../domain/teams/list-teams.ts';
import { renameTeam } from '../../domain/teams/rename-team.ts';
import { setTeamMembers } from '../../domain/teams/set-team-members.ts';
import type { AppDeps } from '../deps.ts';
import { actorOf, adminOnly, signedIn } from '../plugins/actor.ts';
import { serializeTeam } from '../serializers/team.ts';

const teamName = z.string().trim().min(1).max(100);
const memberIds = z.array(z.string().max(100)).max(1000);
const teamParams = z.object({ id: z.string() });
const teamAnswer = z.object({ team: teamSchema });

export const teamsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const signedInHook = signedIn(deps);
  const adminOnlyHook = adminOnly(deps);

  app.get('/teams', {
    schema: {
      operationId: 'listTeams',
      tags: ['teams'], summary: "The organisation's teams and their members",
      response: { 200: z.object({ items: z.array(teamSchema), nextCursor: z.null() }) },
    },
    preValidation: signedInHook,
  }, async (request) => {
    const teams = await listTeams(deps, actorOf(request));
    return { items: teams.map(serializeTeam), nextCursor: null };
  });

  app.post('/teams', {
    schema: {
      operationId: 'createTeam',
      tags: ['teams'], summary: 'Create a team (admin)',
      body: z.object({ name: teamName, memberIds: memberIds.default([]) }),
      response: { 201: teamAnswer },
    },
    preValidation: adminOnlyHook,
  }, async (request, reply) => {
    const team = await createTeam(deps, actorOf(request), request.body);
    return reply.status(201).send({ team: serializeTeam(team) });
  });

  app.patch('/teams/:id', {
    schema: { operationId: 'renameTeam', tags: ['teams'], summary: 'Rename a team (admin)', params: teamParams, body: z.object({ name: teamName }).strict(), response: { 200: teamAnswer } },
    preValidation: adminOnlyHook,
  }, async (request) => {
    const team = await renameTeam(deps, actorOf(request), request.params.id, request.body.name);
    return { team: serializeTeam(team) };
  });

  app.put('/teams/:id/members', {
    schema: { operationId: 'setTeamMembers', tags: ['teams'], summary: "Replace a team's members (admin)", params: teamParams, body: z.object({ memberIds }), response: { 200: teamAnswer } },
    preValidation: adminOnlyHook,
  }, async (request) => {
    const team = await setTeamMembers(deps, actorOf(request), request.params.id, request.body.memberIds);
    return { team: serializeTeam(team) };
  });

  app.delete('/teams/:id', {
    schema: {
      operationId: 'deleteTeam',
      tags: ['teams'], summary: 'Delete a team (admin)', description: 'Grants, record shares and bucket shares naming the team are removed with it.',
      params: teamParams, response: { 204: z.null().describe('Deleted') },
    },
    preValidation: adminOnlyHook,
  }, async (request, reply) => {
    await deleteTeam(deps, actorOf(request), request.params.id);
    return reply.status(204).send(null);
  });
};
