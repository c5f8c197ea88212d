// POST /imports and `tandem import` (issue 13, item 4; D36): contacts from a CSV or vCard file. Each row is validated
// as POST /contacts validates its body, then matched by e-mail (case-insensitive) among the contacts the caller can
// see (the core's compiled filter; an invisible contact is never read, so a row that would match it creates a new
// contact and nothing in the answer tells it exists: docs/permissions.md). A match the caller may `contact.edit` is
// filled and merged (merge-import.ts), one they may not is skipped, a second row with an e-mail an earlier row had is
// skipped, and an empty row is skipped. A real run writes 500 rows per transaction, each batch audited as
// `contact.import` inside it; the first batch that fails stops the run and is left wholly unwritten (D36). A dry run
// does the same reading and matching and writes nothing.
import { compileFilter, type ActorContext } from '@tandem/core';
import { contactInputSchema, contactPatchSchema, type ImportMapping, type ImportResultDto } from '@tandem/api';
import type { Db } from '../../storage/connect.ts';
import type { ContactWithFacts } from '../../storage/contact-facts.ts';
import { updateContactFields, type ContactFields } from '../../storage/contact-writes.ts';
import { insertContactRows, selectContactsByEmails } from '../../storage/import-queries.ts';
import { appendAudit } from '../audit/audit-chain.ts';
import { contactRefusal } from '../contacts/contact-guard.ts';
import { normalizeContactInput } from '../contacts/contact-input.ts';
import type { Deps } from '../shared/deps.ts';
import { readImportFile } from './import-file.ts';
import { resolveMapping, rowToInput } from './import-mapping.ts';
import { mergeImported } from './merge-import.ts';

/** Rows per transaction. */
export const IMPORT_BATCH = 500;
/** The largest file taken (the route and the CLI refuse bigger ones with TANDEM_IMPORT_FILE_TOO_LARGE). */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;

export type ImportRequest = {
  fileName: string;
  data: Buffer;
  dryRun: boolean;
  mapping?: ImportMapping | undefined;
  /** Called after each batch (progress bars): rows handled so far, of `total`. */
  onBatch?: (done: number, total: number) => void;
  /**
   * Called with the database's error when a batch fails (the route logs it, the CLI prints it): the answer tells the
   * caller which rows were not written, never why (a constraint or trigger message is not theirs to read).
   */
  onBatchFailed: (failure: BatchFailure) => void;
};
export type BatchFailure = { fromRow: number; toRow: number; error: unknown };
export type ImportResult = ImportResultDto;
type Skip = ImportResult['skippedRows'][number];
type RowError = ImportResult['errors'][number];

/** A row that passed validation and the in-file duplicate check. */
type Candidate = { row: number; fields: ContactFields };
type Prepared = { candidates: Candidate[]; skips: Skip[]; errors: RowError[] };

function issuesText(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues.map((i) => `${i.path.map(String).join('.') || 'row'}: ${i.message}`).join('; ');
}

/** Validates the rows of one batch (as POST /contacts does) and drops e-mails an earlier row of the file had. */
function prepareRows(inputs: ReturnType<typeof rowToInput>[], firstRow: number, seenEmails: Set<string>): Prepared {
  const out: Prepared = { candidates: [], skips: [], errors: [] };
  inputs.forEach((input, i) => {
    const row = firstRow + i;
    if (input === null) return void out.skips.push({ row, reason: 'empty' });
    const parsed = contactInputSchema.safeParse(input);
    if (!parsed.success) return void out.errors.push({ row, message: issuesText(parsed.error.issues) });
    const fields = normalizeContactInput(parsed.data);
    if (fields.emails.some((e) => seenEmails.has(e))) return void out.skips.push({ row, reason: 'duplicate-in-file' });
    for (const e of fields.emails) seenEmails.add(e);
    out.candidates.push({ row, fields });
  });
  return out;
}

type Known = { facts: ContactWithFacts['facts']; fields: ContactFields };
type Plan = { creates: ContactFields[]; updates: Map<string, Partial<ContactFields>>; created: number; updated: number; skips: Skip[]; errors: RowError[] };

function fieldsOf(c: ContactWithFacts): ContactFields {
  const { name, company, title, emails, phones, tags, address } = c.row;
  return { name, company, title, emails, phones, tags, address };
}

/** Decides each candidate of a batch against the visible matches (`known` carries merges across batches). */
function planBatch(ctx: ActorContext, candidates: Candidate[], matches: ContactWithFacts[], known: Map<string, Known>): Plan {
  const plan: Plan = { creates: [], updates: new Map(), created: 0, updated: 0, skips: [], errors: [] };
  for (const m of matches) if (!known.has(m.row.id)) known.set(m.row.id, { facts: m.facts, fields: fieldsOf(m) });
  for (const { row, fields } of candidates) {
    const match = matches.find((m) => m.row.emails.some((e) => fields.emails.includes(e.toLowerCase())));
    if (!match) {
      plan.creates.push(fields);
      plan.created += 1;
      continue;
    }
    const current = known.get(match.row.id) as Known;
    if (contactRefusal(ctx, 'contact.edit', current.facts)) {
      plan.skips.push({ row, reason: 'not-editable' });
      continue;
    }
    const patch = mergeImported(current.fields, fields);
    if (Object.keys(patch).length === 0) {
      plan.skips.push({ row, reason: 'unchanged' });
      continue;
    }
    const checked = contactPatchSchema.safeParse(patch);
    if (!checked.success) {
      plan.errors.push({ row, message: `merged into the contact with the same e-mail: ${issuesText(checked.error.issues)}` });
      continue;
    }
    known.set(match.row.id, { facts: current.facts, fields: { ...current.fields, ...patch } });
    plan.updates.set(match.row.id, { ...plan.updates.get(match.row.id), ...patch });
    plan.updated += 1;
  }
  return plan;
}

async function writeBatch(trx: Db, ctx: ActorContext, plan: Plan, audit: Record<string, unknown>): Promise<void> {
  await insertContactRows(trx, ctx.actor.orgId, ctx.actor.userId, plan.creates, ctx.now);
  for (const [id, patch] of plan.updates) await updateContactFields(trx, ctx.actor.orgId, id, patch, ctx.now);
  await appendAudit(trx, {
    orgId: ctx.actor.orgId, actorId: ctx.actor.userId, action: 'contact.import', targetType: 'import', targetId: null, at: ctx.now,
    after: { ...audit, created: plan.created, updated: plan.updated, skipped: plan.skips.length, errors: plan.errors.length },
  });
}

export async function importContacts(deps: Deps, ctx: ActorContext, request: ImportRequest): Promise<ImportResult> {
  const table = readImportFile(request.fileName, request.data);
  const mapping = resolveMapping(table.columns, request.mapping);
  const policy = compileFilter(ctx, 'contact.view', ['active', 'archived']);
  const result: ImportResult = {
    dryRun: request.dryRun, format: table.format, created: 0, updated: 0, skipped: 0, errors: [], skippedRows: [],
    columns: table.columns, mapping, failedBatch: null,
  };
  const seenEmails = new Set<string>();
  const known = new Map<string, Known>();
  const total = table.rows.length;
  for (let start = 0; start < total; start += IMPORT_BATCH) {
    const rows = table.rows.slice(start, start + IMPORT_BATCH);
    const fromRow = start + 1;
    const toRow = start + rows.length;
    const prepared = prepareRows(rows.map((r) => rowToInput(r, table.columns, mapping)), fromRow, seenEmails);
    const emails = [...new Set(prepared.candidates.flatMap((c) => c.fields.emails))];
    let plan: Plan;
    if (request.dryRun) {
      plan = planBatch(ctx, prepared.candidates, await selectContactsByEmails(deps.db, ctx, policy, emails, false), known);
    } else {
      const staged = new Map(known);
      try {
        plan = await deps.db.transaction().execute(async (trx) => {
          const p = planBatch(ctx, prepared.candidates, await selectContactsByEmails(trx, ctx, policy, emails, true), staged);
          await writeBatch(trx, ctx, p, { fileName: request.fileName, format: table.format, fromRow, toRow });
          return p;
        });
      } catch (error) {
        // The database refused the batch: its transaction rolled back, so none of its rows was written. Stop here.
        request.onBatchFailed({ fromRow, toRow, error });
        result.failedBatch = {
          fromRow, toRow,
          message: `Rows ${fromRow}-${toRow} could not be written and nothing from row ${fromRow} on was imported; rows before it were. Import the file again to finish (rows with an e-mail are matched, not duplicated).`,
        };
        break;
      }
      for (const [id, k] of staged) known.set(id, k);
    }
    result.created += plan.created;
    result.updated += plan.updated;
    const skips = [...prepared.skips, ...plan.skips].sort((a, b) => a.row - b.row);
    result.skippedRows.push(...skips);
    result.errors.push(...[...prepared.errors, ...plan.errors].sort((a, b) => a.row - b.row));
    request.onBatch?.(toRow, total);
  }
  result.skipped = result.skippedRows.length;
  return result;
}
