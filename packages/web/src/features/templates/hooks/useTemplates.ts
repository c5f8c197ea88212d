// Templates (spec §6.6): the list the caller sees (owned, shared with them, or all as an admin), one template, and
// every change to them through the one mutation wrapper (D24). Keys: ['templates'] and ['template', id], the ones the
// hand-shared share card refreshes after a share changes (features/hand-shared).
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { NewTemplate, TemplateDto, TemplatePatch, TemplatePreviewDto } from '@tandem/api';
import { ApiError, call } from '../../../api/client.ts';
import type { Page } from '../../../api/models.ts';
import { useApiMutation as useMutation } from '../../../api/useApiMutation.ts';

export const TEMPLATES_KEY = ['templates'] as const;
export const templateKey = (id: string) => ['template', id] as const;
export const templatePreviewKey = (id: string, contactId: string, version: string) => ['template-preview', id, contactId, version] as const;

/** Every template the caller sees, 200 a page. */
export async function fetchAllTemplates(signal?: AbortSignal): Promise<TemplateDto[]> {
  const templates: TemplateDto[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<TemplateDto> = await call('listTemplates', { query: { limit: 200, cursor }, signal });
    templates.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return templates;
}

export function useTemplates(enabled = true) {
  return useQuery({ queryKey: TEMPLATES_KEY, queryFn: ({ signal }) => fetchAllTemplates(signal), staleTime: 15_000, enabled });
}

export function useTemplate(id: string | null) {
  return useQuery({
    queryKey: templateKey(id ?? ''),
    queryFn: async ({ signal }) => (await call('getTemplate', { params: { id: id ?? '' }, signal })).template,
    enabled: id !== null,
    retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status < 500),
  });
}

/** The template rendered for one contact. A read (it changes nothing), so a query keyed by the template's version. */
export function fetchPreview(id: string, contactId: string, signal?: AbortSignal): Promise<TemplatePreviewDto> {
  return call('previewTemplate', { params: { id }, body: { contactId }, signal });
}

export function useTemplatePreview(template: TemplateDto, contactId: string | null) {
  return useQuery({
    queryKey: templatePreviewKey(template.id, contactId ?? '', template.updatedAt),
    queryFn: ({ signal }) => fetchPreview(template.id, contactId ?? '', signal),
    enabled: contactId !== null,
    retry: false,
  });
}

async function refreshTemplates(client: QueryClient, template?: TemplateDto): Promise<void> {
  if (template) client.setQueryData(templateKey(template.id), template);
  await Promise.all([
    client.invalidateQueries({ queryKey: TEMPLATES_KEY }),
    client.invalidateQueries({ queryKey: ['template-preview'] }),
  ]);
}

export function useTemplateMutations() {
  const client = useQueryClient();
  const create = useMutation({
    mutationFn: async (input: NewTemplate) => (await call('createTemplate', { body: input })).template,
    onSuccess: (template) => refreshTemplates(client, template),
  });
  const update = useMutation({
    mutationFn: async ({ id, ...patch }: { id: string } & TemplatePatch) => (await call('updateTemplate', { params: { id }, body: patch })).template,
    onSuccess: (template) => refreshTemplates(client, template),
  });
  const remove = useMutation({
    mutationFn: (id: string) => call('deleteTemplate', { params: { id } }),
    onSuccess: (_, id) => {
      client.removeQueries({ queryKey: templateKey(id) });
      return refreshTemplates(client);
    },
  });
  return { create, update, remove };
}
