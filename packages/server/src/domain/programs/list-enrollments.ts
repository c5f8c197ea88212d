// GET /programs/:id/enrollments: `program.view`, then a keyset page (oldest first) of the program's enrolments whose
// contact the caller sees at `profile` or more: the compiled `contact.view` policy rendered on the joined contact by
// storage, the one visibility mechanism of every list. Enrolments of contacts the caller cannot see are not counted
// or named anywhere in the answer.
import { compileFilter, type ActorContext } from '@tandem/core';
import { listEnrollments as listRows, type EnrollmentRow, type EnrollmentStatusValue } from '../../storage/program-queries.ts';
import type { Page } from '../contacts/list-contacts.ts';
import { loadHandSharedOrThrow } from '../hand-shared/hand-shared-guard.ts';
import { decodeCursor, pageOf } from '../shared/cursor.ts';
import type { Deps } from '../shared/deps.ts';

export type EnrollmentQuery = { status?: EnrollmentStatusValue | undefined; limit: number; cursor?: string | undefined };

export async function listEnrollments(deps: Deps, ctx: ActorContext, programId: string, query: EnrollmentQuery): Promise<Page<EnrollmentRow>> {
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  const program = await loadHandSharedOrThrow(deps.db, ctx, 'program', programId, 'view');
  const rows = await listRows(deps.db, ctx.actor.orgId, program.row.id, compileFilter(ctx, 'contact.view'), {
    status: query.status, limit: query.limit, after: after ? { at: after.key, id: after.id } : undefined,
  });
  const { page, nextCursor } = pageOf(rows, query.limit, (r) => [r.at_key, r.id]);
  return { items: page, nextCursor };
}
