// @tandem/api: the one description of Tandem's HTTP API. Zod schemas of every request and response the server's
// routes declare (its OpenAPI document is generated from them), their `z.infer` types for the web client and the
// test clients, and the error-code catalog. Depends on zod and @tandem/core only; never on the server or the web.
export * from './audit.ts';
export * from './bucket.ts';
export * from './calendar.ts';
export * from './common.ts';
export * from './contact.ts';
export * from './errors.ts';
export * from './access-review.ts';
export * from './explanation.ts';
export * from './grant.ts';
export * from './hand-shared.ts';
export * from './import.ts';
export * from './history.ts';
export * from './inbound.ts';
export * from './instant.ts';
export * from './integration.ts';
export * from './invitation.ts';
export * from './org.ts';
export * from './pipeline.ts';
export * from './program.ts';
export * from './share.ts';
export * from './team.ts';
export * from './template.ts';
export * from './token.ts';
export * from './user.ts';
