// The pipeline endpoints for API tests (api.md "Pipelines, templates and programs"), over the typed client's `call`,
// in its argument order: path ids, then the body, then `{ as, query }`. Answers are typed with @tandem/api's DTOs.
import type { BoardDto, HandSharedShareDto, PipelineCardDto, PipelineDto } from '@tandem/api';
import type { ApiClient, Body, Options } from './api-client.ts';
import type { NoContent, Page } from './api-types.ts';

const V1 = '/api/v1';

export function pipelineClient(api: ApiClient) {
  const pipeline = (id: string) => `${V1}/pipelines/${id}`;
  const card = (id: string) => `${V1}/pipeline-cards/${id}`;
  return {
    list: (o?: Options) => api.call<{ 200: Page<PipelineDto> }>('GET', `${V1}/pipelines`, o),
    create: (body: Body, o?: Options) => api.call<{ 201: { pipeline: PipelineDto } }>('POST', `${V1}/pipelines`, { ...o, body }),
    get: (id: string, o?: Options) => api.call<{ 200: { pipeline: PipelineDto } }>('GET', pipeline(id), o),
    update: (id: string, body: Body, o?: Options) => api.call<{ 200: { pipeline: PipelineDto } }>('PATCH', pipeline(id), { ...o, body }),
    delete: (id: string, o?: Options) => api.call<NoContent>('DELETE', pipeline(id), o),
    /** GET /pipelines/:id/board: `query: { limit }` (cards per stage). */
    board: (id: string, o?: Options) => api.call<{ 200: BoardDto }>('GET', `${pipeline(id)}/board`, o),
    createCard: (id: string, body: Body, o?: Options) => api.call<{ 201: { card: PipelineCardDto } }>('POST', `${pipeline(id)}/cards`, { ...o, body }),
    updateCard: (cardId: string, body: Body, o?: Options) => api.call<{ 200: { card: PipelineCardDto } }>('PATCH', card(cardId), { ...o, body }),
    deleteCard: (cardId: string, o?: Options) => api.call<NoContent>('DELETE', card(cardId), o),
    share: (id: string, body: Body, o?: Options) => api.call<{ 201: { share: HandSharedShareDto } }>('POST', `${pipeline(id)}/shares`, { ...o, body }),
    listShares: (id: string, o?: Options) => api.call<{ 200: Page<HandSharedShareDto> }>('GET', `${pipeline(id)}/shares`, o),
    updateShare: (id: string, shareId: string, body: Body, o?: Options) => api.call<{ 200: { share: HandSharedShareDto } }>('PATCH', `${pipeline(id)}/shares/${shareId}`, { ...o, body }),
    revokeShare: (id: string, shareId: string, o?: Options) => api.call<NoContent>('DELETE', `${pipeline(id)}/shares/${shareId}`, o),
  };
}
export type PipelineClient = ReturnType<typeof pipelineClient>;
