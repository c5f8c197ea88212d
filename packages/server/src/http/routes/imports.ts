// POST /imports (api.md "Export", issue 13 item 4, D36): a CSV or vCard file as multipart/form-data, read by
// @fastify/multipart registered here only (every other route keeps its JSON-only parsers and its 1 MiB limit).
// Parts: `file` (at most 20 MiB: 413 TANDEM_IMPORT_FILE_TOO_LARGE), `dryRun` (`true` unless `false`), `mapping`
// (JSON {column: field}). The use case does the rest (domain/imports/import-contacts.ts).
import multipart from '@fastify/multipart';
import { importResultSchema, problems, problemSchema, type ImportMapping } from '@tandem/api';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { IMPORT_MAX_BYTES, importContacts } from '../../domain/imports/import-contacts.ts';
import { parseImportMapping } from '../../domain/imports/import-mapping.ts';
import { AppError } from '../../errors.ts';
import type { AppDeps } from '../deps.ts';
import { actorOf, signedIn } from '../plugins/actor.ts';

type ImportParts = { fileName: string; data: Buffer; dryRun: boolean; mapping: ImportMapping | undefined };

function parseDryRun(text: string): boolean {
  if (text === 'true' || text === '') return true;
  if (text === 'false') return false;
  throw new AppError('TANDEM_INPUT_INVALID', 'dryRun: "true" or "false"');
}

async function readParts(request: FastifyRequest): Promise<ImportParts> {
  if (!request.isMultipart()) {
    throw new AppError('TANDEM_REQUEST_UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data with a `file` part.');
  }
  let file: { fileName: string; data: Buffer } | undefined;
  let dryRun = true;
  let mapping: ImportMapping | undefined;
  try {
    for await (const part of request.parts({ limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 10, fieldSize: 1024 * 1024 } })) {
      if (part.type === 'file') {
        const data = await part.toBuffer();
        if (part.fieldname === 'file') file = { fileName: part.filename, data };
      } else if (part.fieldname === 'dryRun') {
        dryRun = parseDryRun(String(part.value));
      } else if (part.fieldname === 'mapping') {
        mapping = parseImportMapping(String(part.value));
      }
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError('TANDEM_IMPORT_FILE_TOO_LARGE', `The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MiB: split it and import each part.`);
    }
    throw error;
  }
  if (!file) throw new AppError('TANDEM_INPUT_INVALID', 'file: a CSV or vCard file part named `file` is required');
  return { ...file, dryRun, mapping };
}

export const importsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  await app.register(multipart);

  app.post('/imports', {
    schema: {
      operationId: 'importContacts',
      tags: ['contacts'], summary: 'Import contacts from a CSV or vCard file (a dry run unless dryRun=false)',
      description: [
        'multipart/form-data: `file` (CSV with a header row, delimiter `,` `;` or tab, UTF-8 with or without a BOM; or vCard 3.0/4.0; at most 20 MiB),',
        '`dryRun` (`true` by default: nothing is written), `mapping` (JSON {column: field}, fields: name, firstName, lastName, company, title, emails, phones, tags, address, ignore;',
        'columns left out keep the field detected from their header). Rows matching a contact you can see by e-mail update it when you may edit it',
        '(empty fields filled, e-mails, phones and tags added), else are skipped; other rows create contacts you own. A real run writes 500 rows per',
        'transaction and stops at the first batch that fails (`failedBatch`); importing the file again finishes it (D36).',
      ].join(' '),
      response: { 200: importResultSchema, ...problems(400, 401), 413: problemSchema, 415: problemSchema },
    },
    bodyLimit: IMPORT_MAX_BYTES + 1024 * 1024,
    preValidation: signedIn(deps),
  }, async (request) => {
    const parts = await readParts(request);
    return importContacts(deps, actorOf(request), {
      ...parts,
      onBatchFailed: ({ fromRow, toRow, error }) => request.log.error({ err: error, fileName: parts.fileName, fromRow, toRow }, 'import batch failed: rolled back, import stopped'),
    });
  });
};
