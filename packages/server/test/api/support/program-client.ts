// The program endpoints for API tests (api.md "Pipelines, templates and programs"), over the typed client's `call`,
// in its argument order: path ids, then the body, then `{ as, query }`. Answers are typed with @tandem/api's DTOs.
import type { BulkEnrollmentResultDto, EnrollmentDto, HandSharedShareDto, ProgramDto } from '@tandem/api';
import type { ApiClient, Body, Options } from './api-client.ts';
import type { NoContent, Page } from './api-types.ts';

const V1 = '/api/v1';

export function programClient(api: ApiClient) {
  const program = (id: string) => `${V1}/programs/${id}`;
  return {
    list: (o?: Options) => api.call<{ 200: Page<ProgramDto> }>('GET', `${V1}/programs`, o),
    create: (body: Body, o?: Options) => api.call<{ 201: { program: ProgramDto } }>('POST', `${V1}/programs`, { ...o, body }),
    get: (id: string, o?: Options) => api.call<{ 200: { program: ProgramDto } }>('GET', program(id), o),
    update: (id: string, body: Body, o?: Options) => api.call<{ 200: { program: ProgramDto } }>('PATCH', program(id), { ...o, body }),
    delete: (id: string, o?: Options) => api.call<NoContent>('DELETE', program(id), o),
    /** GET /programs/:id/enrollments: `query: { status, limit, cursor }`. */
    enrollments: (id: string, o?: Options) => api.call<{ 200: Page<EnrollmentDto> }>('GET', `${program(id)}/enrollments`, o),
    enroll: (id: string, body: Body, o?: Options) => api.call<{ 201: { enrollment: EnrollmentDto } }>('POST', `${program(id)}/enrollments`, { ...o, body }),
    enrollMany: (id: string, body: Body, o?: Options) => api.call<{ 200: BulkEnrollmentResultDto }>('POST', `${program(id)}/enrollments/bulk`, { ...o, body }),
    updateEnrollment: (enrollmentId: string, body: Body, o?: Options) => api.call<{ 200: { enrollment: EnrollmentDto } }>('PATCH', `${V1}/enrollments/${enrollmentId}`, { ...o, body }),
    share: (id: string, body: Body, o?: Options) => api.call<{ 201: { share: HandSharedShareDto } }>('POST', `${program(id)}/shares`, { ...o, body }),
    revokeShare: (id: string, shareId: string, o?: Options) => api.call<NoContent>('DELETE', `${program(id)}/shares/${shareId}`, o),
  };
}
export type ProgramClient = ReturnType<typeof programClient>;
