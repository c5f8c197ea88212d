// The access review as CSV and XLSX downloads (issue 13 item 5, D38): the same rows the screen shows, admins only,
// each download audited (`access_review.export`, with the kind, the format and the row count). The user review is
// read page by page through the same use case, so the file holds exactly what the pages hold.
import type { AccessReviewFormat } from '@tandem/api';
import type { ActorContext } from '@tandem/core';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { appendAudit } from '../audit/audit-chain.ts';
import type { Deps } from '../shared/deps.ts';
import { accessMatrix } from './access-matrix.ts';
import { reviewedUserOf, reviewPage } from './review-user.ts';

export type ReviewFile = { body: Buffer; mediaType: string; fileName: string; rows: number };
type Sheet = { name: string; rows: string[][] };

export const REVIEW_MEDIA_TYPES: Record<AccessReviewFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** A cell a spreadsheet would read as a formula gets a leading apostrophe (OWASP CSV injection). */
export function neutralised(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

async function render(format: AccessReviewFormat, sheets: Sheet[]): Promise<Buffer> {
  if (format === 'csv') {
    // One CSV holds one table; several are separated by an empty line, each with its own header row.
    return Buffer.from(sheets.map((s) => stringify(s.rows.map((r) => r.map(neutralised)), { record_delimiter: '\r\n' })).join('\r\n'), 'utf8');
  }
  const book = new ExcelJS.Workbook();
  for (const sheet of sheets) book.addWorksheet(sheet.name).addRows(sheet.rows);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const PAGE = 200;

export async function userReviewFile(deps: Deps, ctx: ActorContext, userId: string, format: AccessReviewFormat): Promise<ReviewFile> {
  const { user, target } = await reviewedUserOf(deps, ctx, userId);
  const rows: string[][] = [['contact_id', 'contact', 'state', 'owner', 'level', 'sources']];
  let cursor: string | undefined;
  do {
    const page = await reviewPage(deps, ctx.actor.orgId, target, PAGE, cursor);
    for (const c of page.items) {
      const sources = c.sources.map((s) => [s.kind, s.level, s.viaTeamName ? `team ${s.viaTeamName}` : '', s.bucketName ? `bucket ${s.bucketName}` : '']
        .filter(Boolean).join(' ')).join('; ');
      rows.push([c.contactId, c.name, c.state, c.ownerName, c.level, sources]);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const body = await render(format, [{ name: 'Contacts', rows }]);
  await audited(deps, ctx, { kind: 'user', targetType: 'user', targetId: user.id, format, rows: rows.length - 1 });
  return { body, mediaType: REVIEW_MEDIA_TYPES[format], fileName: `access-review-${user.id}.${format}`, rows: rows.length - 1 };
}

export async function matrixFile(deps: Deps, ctx: ActorContext, format: AccessReviewFormat): Promise<ReviewFile> {
  const m = await accessMatrix(deps, ctx);
  const owners: string[][] = [['user', 'role', 'status', ...m.owners.map((o) => o.name)]];
  const buckets: string[][] = [['user', 'role', 'status', ...m.buckets.map((b) => b.name)]];
  m.users.forEach((u, i) => {
    owners.push([u.name, u.role, u.status, ...(m.ownerCells[i] ?? []).map((c) => c.level)]);
    buckets.push([u.name, u.role, u.status, ...(m.bucketCells[i] ?? [])]);
  });
  const body = await render(format, [{ name: 'Users x owners', rows: owners }, { name: 'Users x buckets', rows: buckets }]);
  await audited(deps, ctx, { kind: 'matrix', targetType: 'org', targetId: ctx.actor.orgId, format, rows: m.users.length });
  return { body, mediaType: REVIEW_MEDIA_TYPES[format], fileName: `access-matrix.${format}`, rows: m.users.length };
}

async function audited(deps: Deps, ctx: ActorContext, e: { kind: 'user' | 'matrix'; targetType: string; targetId: string; format: AccessReviewFormat; rows: number }): Promise<void> {
  await deps.db.transaction().execute((trx) => appendAudit(trx, {
    orgId: ctx.actor.orgId, actorId: ctx.actor.userId, action: 'access_review.export', targetType: e.targetType, targetId: e.targetId,
    after: { kind: e.kind, format: e.format, rows: e.rows }, at: ctx.now,
  }));
}
