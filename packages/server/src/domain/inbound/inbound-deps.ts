// The ports of the inbound use cases: the database, and how a reply address names its owner (the HTTP layer and the
// SMTP receiver build it from mail/reply-address.ts and the configured inbound domain; domain/ never imports mail/).
import type { Deps } from '../shared/deps.ts';
import type { ReplyOwnerOf } from './match-reply.ts';

export type InboundDeps = Deps & { replyOwnerOf: ReplyOwnerOf };
