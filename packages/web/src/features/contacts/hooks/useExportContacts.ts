// The contacts export: a file download through the session (api/files.ts), saved under the server's file name.
// Through the one mutation wrapper (D24) so a double click starts one export; it takes no Idempotency-Key.
import { downloadFile, saveBlob, type DownloadedFile } from '../../../api/files.ts';
import { useApiMutation } from '../../../api/useApiMutation.ts';
import type { ExportQuery } from '../export-options.ts';

const EXTENSION = { csv: 'csv', xlsx: 'xlsx', vcard: 'vcf' } as const;

export function useExportContacts() {
  return useApiMutation<DownloadedFile, ExportQuery, unknown>({
    mutationFn: async (query) => {
      const file = await downloadFile('exportContacts', query, `contacts.${EXTENSION[query.format]}`);
      saveBlob(file);
      return file;
    },
  });
}
