// Export the contacts the caller may export (spec §9: `contact.export`, level `view` or more) under the list's
// filters, as keyset pages read one at a time, so a file of any size streams with flat memory (D35).
//
// The gate and the filters are checked when the export is opened, before a byte is sent, so a refusal is a problem
// document and never a cut file. The rows are then an async generator of pages: the policy is compiled here with
// @tandem/core (compileFilter of `contact.export`) and rendered by storage exactly as a list is (contact-page.ts over
// render-filter.ts); there is no second visibility query. The audit entry is written when the generator stops, with
// the number of rows read: at the end of the file, or early when the consumer gave up (a client that disconnects:
// `completed: false`, D35).
import { compileFilter, type ActorContext, type ExportChannel } from '@tandem/core';
import { countListed, type Cursor, type ListRequest } from '../../storage/contact-queries.ts';
import type { ContactRow } from '../../storage/contact-facts.ts';
import { selectExportPage, type ExportPageRow } from '../../storage/contact-export-queries.ts';
import { isUuid } from '../../storage/ids.ts';
import { appendAudit } from '../audit/audit-chain.ts';
import { loadBucketOrThrow } from '../buckets/bucket-guard.ts';
import type { Deps } from '../shared/deps.ts';
import { assertExportChannel } from './export-gate.ts';

/** The file formats a contacts export writes: each is the export channel of the same name (spec §9). */
export const EXPORT_FORMATS = ['csv', 'xlsx', 'vcard'] as const satisfies readonly ExportChannel[];
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The list's filters an export honours (api.md "Export"). Trashed contacts are never exported. */
export type ExportFilters = { q?: string; archived?: boolean; ownerId?: string; bucketId?: string };
export type ExportInput = ExportFilters & { format: ExportFormat };

/** One exported contact: the profile fields and the owner's name, nothing about who else can see it. */
export type ExportRow = Pick<ContactRow, 'id' | 'name' | 'company' | 'title' | 'emails' | 'phones' | 'tags' | 'address'> & {
  ownerName: string; createdAt: Date; updatedAt: Date;
};

/** Rows read per statement: large enough that a 100 K export is 200 statements, small enough to hold. */
export const EXPORT_PAGE_SIZE = 500;

export type ContactExport = {
  format: ExportFormat;
  /** The contacts page by page, in name order. Reading it to the end, or stopping early, writes the audit entry. */
  pages: AsyncGenerator<ExportRow[], void, undefined>;
  /** Rows handed out so far. */
  rowCount(): number;
  /** How many rows the file will hold (one more statement under the same policy and filters: a progress bar's total). */
  count(): Promise<number>;
};

function toExportRow(row: ExportPageRow): ExportRow {
  return {
    id: row.id, name: row.name, company: row.company, title: row.title, emails: row.emails, phones: row.phones,
    tags: row.tags, address: row.address, ownerName: row.owner_name ?? '', createdAt: new Date(row.created_at), updatedAt: new Date(row.updated_at),
  };
}

/** The filters as the audit records them: only those given. */
function auditedFilters(input: ExportFilters): Record<string, unknown> {
  const q = input.q?.trim();
  return {
    ...(q ? { q } : {}), archived: input.archived === true,
    ...(input.ownerId !== undefined ? { ownerId: input.ownerId } : {}), ...(input.bucketId !== undefined ? { bucketId: input.bucketId } : {}),
  };
}

/**
 * Opens an export: the gate (403 TANDEM_EXPORT_DISABLED or TANDEM_EXPORT_CHANNEL_BLOCKED), the bucket filter (404
 * when the caller cannot see the bucket, as the list), then the pages to read. `pageSize`: tests walk small pages.
 */
export async function openContactExport(deps: Deps, ctx: ActorContext, input: ExportInput, pageSize = EXPORT_PAGE_SIZE): Promise<ContactExport> {
  assertExportChannel(ctx, input.format);
  const { db } = deps;
  const bucketId = input.bucketId ? (await loadBucketOrThrow(db, ctx, input.bucketId, 'see')).row.id : undefined;
  const ownerId = input.ownerId?.toLowerCase();
  // An owner id that is no id matches nobody, as in the list; the file is then empty (and audited).
  const nobody = ownerId !== undefined && !isUuid(ownerId);
  const policy = compileFilter(ctx, 'contact.export', [input.archived ? 'archived' : 'active']);
  const q = input.q?.trim();
  const base: ListRequest = {
    limit: pageSize, sort: 'name',
    ...(q ? { q } : {}), ...(ownerId && !nobody ? { ownerId } : {}), ...(bucketId ? { bucketId } : {}),
  };
  let count = 0;

  async function* pages(): AsyncGenerator<ExportRow[], void, undefined> {
    let completed = false;
    try {
      let after: Cursor | undefined;
      while (!nobody) {
        const rows = await selectExportPage(db, ctx, policy, after ? { ...base, after } : base);
        const page = rows.slice(0, pageSize);
        if (page.length > 0) {
          count += page.length;
          yield page.map(toExportRow);
        }
        const last = page[page.length - 1];
        if (rows.length <= pageSize || !last) break;
        after = { sortName: last.sort_name, id: last.id };
      }
      completed = true;
    } finally {
      const after = { channel: input.format, filters: auditedFilters(input), rows: count, completed };
      await db.transaction().execute((trx) => appendAudit(trx, {
        orgId: ctx.actor.orgId, actorId: ctx.actor.userId, action: 'contact.export', targetType: 'contact', targetId: null, after, at: ctx.now,
      }));
    }
  }

  const total = async () => (nobody ? 0 : (await countListed(db, ctx, policy, base, Number.MAX_SAFE_INTEGER - 1)).count);
  return { format: input.format, pages: pages(), rowCount: () => count, count: total };
}
