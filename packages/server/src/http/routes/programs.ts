// /programs and /enrollments (spec §6.6, api.md "Pipelines, templates and programs"): programs are hand-shared
// records (view to use, edit to change, owner or admin to delete); enrolments are decided on their contact
// (`contact.enroll`, collaborate). Its shares are hand-shared-shares.ts; its runner is jobs/program-steps-job.ts.
import {
  bulkEnrollmentResultSchema, bulkEnrollmentSchema, enrollmentListQuerySchema, enrollmentPatchSchema, enrollmentSchema,
  listQuerySchema, newEnrollmentSchema, newProgramSchema, pageOf, problems, programPatchSchema, programSchema,
} from '@tandem/api';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { changeEnrollment } from '../../domain/programs/change-enrollment.ts';
import { enrollContact, enrollContacts } from '../../domain/programs/enroll-contacts.ts';
import { listEnrollments } from '../../domain/programs/list-enrollments.ts';
import { createProgram, deleteProgram, getProgram, listPrograms, updateProgram } from '../../domain/programs/manage-programs.ts';
import { DEFAULT_PROGRAM_DAY_MS, type ProgramDeps } from '../../domain/programs/program-deps.ts';
import type { AppDeps } from '../deps.ts';
import { actorOf, signedIn } from '../plugins/actor.ts';
import { toBulkEnrollmentDto, toEnrollmentDto, toProgramDto } from '../serializers/program.ts';

const params = z.object({ id: z.string().max(100) });
const programAnswer = z.object({ program: programSchema });
const enrollmentAnswer = z.object({ enrollment: enrollmentSchema });

export const programsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const preValidation = signedIn(deps);
  const tags = ['programs'];
  const programDeps: ProgramDeps = { db: deps.db, programDayMs: deps.programDayMs ?? DEFAULT_PROGRAM_DAY_MS };

  app.get('/programs', {
    schema: { operationId: 'listPrograms', tags, summary: 'Programs the caller owns or has a share of (admins: all), by name', querystring: z.object(listQuerySchema), response: { 200: pageOf(programSchema), ...problems(400, 401) } },
    preValidation,
  }, async (request) => {
    const page = await listPrograms(deps, actorOf(request), request.query.limit, request.query.cursor);
    return { items: page.items.map(toProgramDto), nextCursor: page.nextCursor };
  });

  app.post('/programs', {
    schema: {
      operationId: 'createProgram', tags, summary: 'Create a program owned by the caller; each step\'s template must be one the caller may use',
      body: newProgramSchema, response: { 201: programAnswer, ...problems(400, 401, 404) },
    },
    preValidation,
  }, async (request, reply) => reply.status(201).send({ program: toProgramDto(await createProgram(deps, actorOf(request), request.body)) }));

  app.get('/programs/:id', {
    schema: { operationId: 'getProgram', tags, summary: 'One program (view on it)', params, response: { 200: programAnswer, ...problems(401, 404) } },
    preValidation,
  }, async (request) => ({ program: toProgramDto(await getProgram(deps, actorOf(request), request.params.id)) }));

  app.patch('/programs/:id', {
    schema: {
      operationId: 'updateProgram', tags, summary: 'Rename a program or replace its steps (edit on it)',
      description: '`steps` replaces the whole list; enrolments keep their position (a step index past the new end completes them).',
      params, body: programPatchSchema, response: { 200: programAnswer, ...problems(400, 401, 403, 404) },
    },
    preValidation,
  }, async (request) => ({ program: toProgramDto(await updateProgram(deps, actorOf(request), request.params.id, request.body)) }));

  app.delete('/programs/:id', {
    schema: { operationId: 'deleteProgram', tags, summary: 'Delete a program with its enrolments (owner or admin)', params, response: { 204: z.null().describe('Deleted'), ...problems(401, 403, 404) } },
    preValidation,
  }, async (request, reply) => {
    await deleteProgram(deps, actorOf(request), request.params.id);
    return reply.status(204).send(null);
  });

  app.get('/programs/:id/enrollments', {
    schema: {
      operationId: 'listEnrollments', tags, summary: "A program's enrolments of contacts the caller sees, oldest first (view on the program)",
      params, querystring: enrollmentListQuerySchema, response: { 200: pageOf(enrollmentSchema), ...problems(400, 401, 404) },
    },
    preValidation,
  }, async (request) => {
    const page = await listEnrollments(deps, actorOf(request), request.params.id, request.query);
    return { items: page.items.map(toEnrollmentDto), nextCursor: page.nextCursor };
  });

  app.post('/programs/:id/enrollments', {
    schema: {
      operationId: 'enroll', tags, summary: 'Enrol a contact (view on the program, collaborate on the contact)',
      params, body: newEnrollmentSchema, response: { 201: enrollmentAnswer, ...problems(400, 401, 403, 404, 409) },
    },
    preValidation,
  }, async (request, reply) => {
    const row = await enrollContact(programDeps, actorOf(request), request.params.id, request.body.contactId);
    return reply.status(201).send({ enrollment: toEnrollmentDto(row) });
  });

  app.post('/programs/:id/enrollments/bulk', {
    schema: {
      operationId: 'enrollMany', tags, summary: 'Enrol up to 200 contacts, each decided on its own (view on the program)',
      description: 'The allowed contacts are enrolled together; each refused one is listed with the code a single enrolment would have answered.',
      params, body: bulkEnrollmentSchema, response: { 200: bulkEnrollmentResultSchema, ...problems(400, 401, 403, 404) },
    },
    preValidation,
  }, async (request) => toBulkEnrollmentDto(await enrollContacts(programDeps, actorOf(request), request.params.id, request.body.contactIds)));

  app.patch('/enrollments/:id', {
    schema: {
      operationId: 'updateEnrollment', tags, summary: 'Pause, resume or stop an enrolment (collaborate on its contact, or edit on the program)',
      params, body: enrollmentPatchSchema, response: { 200: enrollmentAnswer, ...problems(400, 401, 403, 404, 409) },
    },
    preValidation,
  }, async (request) => ({ enrollment: toEnrollmentDto(await changeEnrollment(deps, actorOf(request), request.params.id, request.body)) }));
};
