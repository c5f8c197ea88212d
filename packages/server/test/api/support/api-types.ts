// What each route answers, as the types @tandem/api exports (each the `z.infer` of the zod schema the route
// encodes its answer with), keyed by status. The typed client (api-client.ts) declares every method with one
// of these, so `expectStatus(answer, 201)` returns the route's body type and a test reads typed fields.
import type { OutgoingHttpHeaders } from 'node:http';
import type {
  AccessHoldersDto, BucketDto, BucketShareDto, ContactDto, ContactPageDto, ExplanationDto, GrantDto, HistoryItemDto, InvitationDto, InvitationLinkDto, OrgDto,
  OrgSettingsDto, ProblemDetails, ShareDto, TeamDto, UserDto,
} from '@tandem/api';

export type {
  AccessHoldersDto, BucketDto, BucketShareDto, ContactDto, ContactPageDto, ExplanationDto, GrantDto, HistoryItemDto, InvitationDto, InvitationLinkDto, OrgDto, OrgSettingsDto, ShareDto,
  TeamDto, UserDto,
};

/** An RFC 9457 problem, as every refusal answers. */
export type Problem = ProblemDetails;

/** The statuses a problem may carry (errors.ts `statusOf`). */
export type ProblemStatus = 400 | 401 | 403 | 404 | 405 | 408 | 409 | 413 | 414 | 415 | 431 | 500;

/** A route's successful answers: status → body. */
export type Responses = { [status: number]: unknown };

/** A 204: the body is the empty text. */
export type NoContent = { 204: '' };

/**
 * One answer: a success the route declares (status and body typed together, so `status === 200` narrows the body)
 * or a problem.
 */
export type Answer<R extends Responses> =
  | { [S in keyof R & number]: { status: S; body: R[S]; headers: OutgoingHttpHeaders } }[keyof R & number]
  | { status: ProblemStatus; body: Problem; headers: OutgoingHttpHeaders };

/** Any answer, for helpers that read only the status and the problem code. */
export type SomeAnswer = { status: number; body: unknown; headers: Record<string, unknown> };

/** A keyset page (`nextCursor` null on the last page) and a whole list (always null). */
export type Page<T> = { items: T[]; nextCursor: string | null };
export type List<T> = { items: T[]; nextCursor: null };

// The two answers below are built by zod schemas private to their route files (routes/audit.ts, routes/tokens.ts),
// so they are written out here; moving those schemas to serializers/ would let this file import them.
export type AuditEntryDto = {
  seq: string; id: string; at: string; actorId: string | null; actorName: string | null; action: string; targetType: string;
  targetId: string | null; before: unknown; after: unknown; prevHash: string; hash: string;
};
export type AuditVerdictDto = { valid: boolean; entries: number; firstBadSeq: string | null };
export type AuditCheckpointDto = { orgId: string; seq: string; hash: string; at: string; publicKey: string; signature: string };
export type ApiTokenDto = { id: string; name: string; scope: 'read' | 'write'; createdAt: string; expiresAt: string | null };

/** What sign-up and sign-in answer. */
export type SignUpDto = { org: OrgDto; user: UserDto; token: string; csrfToken: string };
export type SignInDto = { token: string; user: UserDto; csrfToken: string };

/** What became of an e-mail a request sent (http/schemas.ts `deliverySchema`). */
export type Delivery = 'sent' | 'logged' | 'failed';

/** The parts of the OpenAPI document the tests read. */
export type OpenApiOperation = {
  tags?: string[];
  summary?: string;
  requestBody?: unknown;
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
};
export type OpenApiDocument = { openapi: string; info: { title: string; version: string }; paths: Record<string, Record<string, OpenApiOperation>> };
