// Pipelines (spec §6.6): the list, one board, and every change to them. Keys: ['pipelines'] for the list and
// ['pipeline', id, ...] for one (features/hand-shared refreshes both after a share change). Every change goes through
// the one mutation wrapper (D24). A move is shown at once (optimistic) and rolled back when the server refuses it.
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { NewPipeline, NewPipelineCard, PipelineCardPatch, PipelineDto, PipelinePatch } from '@tandem/api';
import { ApiError, call } from '../../../api/client.ts';
import type { Page } from '../../../api/models.ts';
import { useApiMutation as useMutation } from '../../../api/useApiMutation.ts';
import { moveCardOnBoard, replaceCard, type Board } from '../board-moves.ts';

export const PIPELINES_KEY = ['pipelines'] as const;
export const boardKey = (id: string) => ['pipeline', id, 'board'] as const;

const noRetryOnAnswer = (count: number, error: Error) => count < 2 && !(error instanceof ApiError && error.status < 500);

/** Every pipeline the caller sees (owned, shared with them; admins: all), 200 a page. */
export async function fetchAllPipelines(signal?: AbortSignal): Promise<PipelineDto[]> {
  const out: PipelineDto[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<PipelineDto> = await call('listPipelines', { query: { limit: 200, cursor }, signal });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

export function usePipelines() {
  return useQuery({ queryKey: PIPELINES_KEY, queryFn: ({ signal }) => fetchAllPipelines(signal), staleTime: 15_000 });
}

export function useBoard(id: string) {
  return useQuery({
    queryKey: boardKey(id),
    queryFn: ({ signal }) => call('getBoard', { params: { id }, signal }),
    retry: noRetryOnAnswer,
  });
}

async function refreshPipelines(client: QueryClient, id?: string): Promise<void> {
  await Promise.all([
    client.invalidateQueries({ queryKey: PIPELINES_KEY }),
    id ? client.invalidateQueries({ queryKey: ['pipeline', id] }) : Promise.resolve(),
  ]);
}

export function usePipelineMutations() {
  const client = useQueryClient();
  const create = useMutation({
    mutationFn: async (input: NewPipeline) => (await call('createPipeline', { body: input })).pipeline,
    onSuccess: (pipeline) => refreshPipelines(client, pipeline.id),
  });
  const update = useMutation({
    mutationFn: async ({ id, patch }: { id: string; patch: PipelinePatch }) => (await call('updatePipeline', { params: { id }, body: patch })).pipeline,
    onSuccess: (pipeline) => refreshPipelines(client, pipeline.id),
  });
  const remove = useMutation({
    mutationFn: (id: string) => call('deletePipeline', { params: { id } }),
    onSuccess: (_, id) => {
      client.removeQueries({ queryKey: ['pipeline', id] });
      return refreshPipelines(client);
    },
  });
  return { create, update, remove };
}

export type MoveInput = { cardId: string; stageId: string; position: number };

/** Cards on one board: create, edit, delete, and move (optimistic, rolled back on refusal). */
export function useCardMutations(pipelineId: string) {
  const client = useQueryClient();
  const key = boardKey(pipelineId);
  const setBoard = (update: (board: Board) => Board) => client.setQueryData<Board>(key, (board) => (board ? update(board) : board));
  const refresh = () => client.invalidateQueries({ queryKey: key });

  const create = useMutation({
    mutationFn: async (input: NewPipelineCard) => (await call('createCard', { params: { id: pipelineId }, body: input })).card,
    onSuccess: refresh,
  });
  const update = useMutation({
    mutationFn: async ({ cardId, patch }: { cardId: string; patch: PipelineCardPatch }) => (await call('updateCard', { params: { id: cardId }, body: patch })).card,
    onSuccess: (card) => {
      setBoard((board) => replaceCard(board, card));
      return refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (cardId: string) => call('deleteCard', { params: { id: cardId } }),
    onSuccess: refresh,
  });
  const move = useMutation({
    mutationFn: async ({ cardId, stageId, position }: MoveInput) => (await call('updateCard', { params: { id: cardId }, body: { stageId, position } })).card,
    onMutate: async ({ cardId, stageId, position }: MoveInput) => {
      await client.cancelQueries({ queryKey: key });
      const before = client.getQueryData<Board>(key);
      setBoard((board) => moveCardOnBoard(board, cardId, stageId, position));
      return { before };
    },
    onError: (_error, _input, context) => {
      if (context?.before) client.setQueryData(key, context.before);
    },
    onSuccess: (card) => setBoard((board) => replaceCard(board, card)),
    onSettled: refresh,
  });
  return { create, update, remove, move };
}
