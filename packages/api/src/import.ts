// POST /imports (spec api.md "Export", issue 13 item 4): the answer of an import or its dry run. Counts, each row's
// refusal, and the column mapping used with the columns the file has, so a client can show the mapping and send it
// back edited as `mapping`.
import { z } from 'zod';

/** The contact fields a column can fill; `ignore` drops the column. */
export const IMPORT_FIELDS = ['name', 'firstName', 'lastName', 'company', 'title', 'emails', 'phones', 'tags', 'address', 'ignore'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** `mapping` as sent: a JSON object {column header → field}; columns it leaves out keep their detected field. */
export const importMappingSchema = z.record(z.string().max(200), z.enum(IMPORT_FIELDS));
export type ImportMapping = z.infer<typeof importMappingSchema>;

export const IMPORT_SKIP_REASONS = ['empty', 'duplicate-in-file', 'not-editable', 'unchanged'] as const;

export const importResultSchema = z.object({
  dryRun: z.boolean(),
  format: z.enum(['csv', 'vcard']),
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), message: z.string() }))
    .describe('rows refused by the contact validation; `row` counts data rows from 1 (a CSV header is not a row; a vCard is one row)'),
  skippedRows: z.array(z.object({ row: z.number().int(), reason: z.enum(IMPORT_SKIP_REASONS) })),
  columns: z.array(z.string()).describe('the CSV header as read (vCard: the properties the importer reads)'),
  mapping: importMappingSchema.describe('the mapping used: every column with its field'),
  failedBatch: z.object({ fromRow: z.number().int(), toRow: z.number().int(), message: z.string() }).nullable()
    .describe('a real run stops at the first batch that fails: none of its rows, and no later row, were written (D36)'),
});
export type ImportResultDto = z.infer<typeof importResultSchema>;
