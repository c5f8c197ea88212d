// GET /contacts/export (spec §9, api.md "Export"): the contacts the caller may export, under the list's filters, as
// one CSV, XLSX or vCard file streamed page by page. The gate and the filters are checked before the first byte, so a
// refusal is a problem document; once the file has started, the stream carries it to the end (D35).
import { problems } from '@tandem/api';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EXPORT_FORMATS, openContactExport } from '../../domain/export/export-contacts.ts';
import { EXPORT_MEDIA_TYPES, exportFileName, exportFileStream } from '../../domain/export/export-file.ts';
import type { AppDeps } from '../deps.ts';
import { actorOf, signedIn } from '../plugins/actor.ts';

const flag = z.enum(['true', 'false']).optional();

export const contactsExportRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get('/contacts/export', {
    schema: {
      operationId: 'exportContacts',
      tags: ['contacts'],
      summary: 'Download the contacts the caller may export (view or more) as CSV, XLSX or vCard',
      description: [
        'The file holds the contacts the caller sees at `view` or more (an admin\'s profile-only contacts are not exported), active by default, the archive with `archived=true`; never the trash.',
        '`q`, `ownerId` and `bucketId` narrow it as they narrow the list. Sorted by name. `bom=true` starts a CSV with a byte order mark for Excel.',
        'CSV cells starting with = + - @, a tab or a carriage return get a leading apostrophe (formula injection).',
        'Allowed to admins, and to members when the team switch is on and the format is among their export channels:',
        'otherwise 403 `TANDEM_EXPORT_DISABLED` (switch off) or `TANDEM_EXPORT_CHANNEL_BLOCKED` (not their channel). Every export is audited (`contact.export`).',
      ].join(' '),
      querystring: z.object({
        format: z.enum(EXPORT_FORMATS), q: z.string().max(200).optional(), archived: flag,
        ownerId: z.string().max(100).optional(), bucketId: z.string().max(100).optional(), bom: flag,
      }),
      response: { 200: z.string().describe('the file: text/csv, the xlsx type, or text/vcard'), ...problems(400, 401, 403, 404) },
    },
    preValidation: signedIn(deps),
  }, async (request, reply) => {
    const ctx = actorOf(request);
    const { format, archived, bom, ...filters } = request.query;
    const exp = await openContactExport(deps, ctx, { format, archived: archived === 'true', ...filters });
    const file = exportFileStream(exp, { bom: bom === 'true' });
    return reply
      .type(EXPORT_MEDIA_TYPES[format])
      .header('content-disposition', `attachment; filename="${exportFileName(format, ctx.now)}"`)
      .header('cache-control', 'private, no-store')
      // A stream is piped as it is (Fastify never serializes one); the 200 schema above only documents the body.
      .send(file as unknown as string);
  });
};
