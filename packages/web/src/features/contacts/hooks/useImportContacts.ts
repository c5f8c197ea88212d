// A contacts import: a multipart upload (api/files.ts), a dry run unless asked otherwise. Through the one mutation
// wrapper (D24) so a double click starts one import; a real run refreshes the contact lists.
import { useQueryClient } from '@tanstack/react-query';
import { uploadForm, type ImportField, type ImportReport } from '../../../api/files.ts';
import { useApiMutation } from '../../../api/useApiMutation.ts';

export type ImportInput = { file: File; dryRun: boolean; mapping: Record<string, ImportField> | null };

export function useImportContacts() {
  const client = useQueryClient();
  return useApiMutation<ImportReport, ImportInput, unknown>({
    // Not retried by itself: an import takes no idempotency key, so a lost answer must not import twice.
    retry: false,
    mutationFn: (input) => {
      const form = new FormData();
      form.set('dryRun', String(input.dryRun));
      if (input.mapping) form.set('mapping', JSON.stringify(input.mapping));
      // The file last: a streaming server reads the fields before it.
      form.set('file', input.file, input.file.name);
      return uploadForm<ImportReport>('importContacts', form);
    },
    onSuccess: (_report, input) => {
      if (!input.dryRun) void client.invalidateQueries({ queryKey: ['contacts'] });
    },
  });
}
