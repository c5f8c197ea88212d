// Programs (spec §6.6): the list, one program, its enrolments, the templates its steps may use, and every change.
// Every change goes through the one mutation wrapper (D24): a change in flight disables its control and a second click
// joins it. An enrolment changes the program's counts, so enrolment changes refresh the program and the list too.
import { useInfiniteQuery, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { NewProgram, ProgramDto, ProgramPatch, TemplateDto } from '@tandem/api';
import { ApiError, call } from '../../../api/client.ts';
import type { Page } from '../../../api/models.ts';
import { useApiMutation as useMutation } from '../../../api/useApiMutation.ts';
import { enrollmentPollMs } from '../program-words.ts';

export const PROGRAMS_KEY = ['programs'] as const;
export const programKey = (id: string) => ['program', id] as const;
export const enrollmentsKey = (id: string) => ['program-enrollments', id] as const;

/** Every page of a paged list (200 a page). */
async function everyPage<T>(read: (cursor: string | null) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await read(cursor);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

const noRetryOn4xx = (count: number, error: Error) => count < 2 && !(error instanceof ApiError && error.status < 500);

/** Every program the caller sees (owned, shared with them; admins: all). */
export function usePrograms() {
  return useQuery({
    queryKey: PROGRAMS_KEY,
    queryFn: ({ signal }) => everyPage((cursor) => call('listPrograms', { query: { limit: 200, cursor }, signal })),
    staleTime: 15_000,
  });
}

export function useProgram(id: string) {
  return useQuery({
    queryKey: programKey(id),
    queryFn: async ({ signal }) => (await call('getProgram', { params: { id }, signal })).program,
    retry: noRetryOn4xx,
  });
}

/** The templates the caller sees, each one they may use in a step (`view` or more). */
export function useUsableTemplates() {
  return useQuery({
    queryKey: ['templates', 'usable-in-programs'],
    queryFn: ({ signal }) => everyPage<TemplateDto>((cursor) => call('listTemplates', { query: { limit: 200, cursor }, signal })),
    staleTime: 15_000,
    select: (templates) => templates.filter((t) => t.access.actions.includes('view')),
  });
}

/**
 * The program's enrolments of contacts the caller sees, oldest first, 50 a page ("Load more" for the next). While
 * some of those loaded are active the runner moves them on by itself, so the loaded pages are read again shortly
 * after the earliest step is due (enrollmentPollMs); a program with thousands enrolled costs only what is shown.
 */
export function useEnrollments(programId: string) {
  return useInfiniteQuery({
    queryKey: enrollmentsKey(programId),
    queryFn: ({ pageParam, signal }) => call('listEnrollments', { params: { id: programId }, query: { limit: 50, cursor: pageParam }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: (query) => enrollmentPollMs(query.state.data?.pages.flatMap((p) => p.items) ?? []) ?? false,
  });
}

async function refreshPrograms(client: QueryClient, program?: ProgramDto): Promise<void> {
  if (program) client.setQueryData(programKey(program.id), program);
  await Promise.all([
    client.invalidateQueries({ queryKey: PROGRAMS_KEY }),
    client.invalidateQueries({ queryKey: ['program'] }),
    client.invalidateQueries({ queryKey: ['program-enrollments'] }),
  ]);
}

export function useProgramMutations() {
  const client = useQueryClient();
  const create = useMutation({
    mutationFn: async (input: NewProgram) => (await call('createProgram', { body: input })).program,
    onSuccess: (program) => refreshPrograms(client, program),
  });
  const update = useMutation({
    mutationFn: async ({ id, patch }: { id: string; patch: ProgramPatch }) => (await call('updateProgram', { params: { id }, body: patch })).program,
    onSuccess: (program) => refreshPrograms(client, program),
  });
  const remove = useMutation({
    mutationFn: (id: string) => call('deleteProgram', { params: { id } }),
    onSuccess: (_, id) => {
      client.removeQueries({ queryKey: programKey(id) });
      // The list is not on screen now: drop the program from it, or it shows there until the list is read again.
      client.setQueryData<ProgramDto[]>(PROGRAMS_KEY, (list) => list?.filter((p) => p.id !== id));
      return refreshPrograms(client);
    },
  });
  return { create, update, remove };
}

export function useEnrollmentMutations() {
  const client = useQueryClient();
  const refresh = () => refreshPrograms(client);
  const enroll = useMutation({
    mutationFn: async ({ programId, contactId }: { programId: string; contactId: string }) =>
      (await call('enroll', { params: { id: programId }, body: { contactId } })).enrollment,
    onSuccess: refresh,
  });
  const enrollMany = useMutation({
    mutationFn: ({ programId, contactIds }: { programId: string; contactIds: string[] }) => call('enrollMany', { params: { id: programId }, body: { contactIds } }),
    onSuccess: refresh,
  });
  const setStatus = useMutation({
    mutationFn: async ({ id, status }: { id: string; status: 'paused' | 'active' | 'stopped' }) => (await call('updateEnrollment', { params: { id }, body: { status } })).enrollment,
    onSuccess: refresh,
  });
  return { enroll, enrollMany, setStatus };
}
