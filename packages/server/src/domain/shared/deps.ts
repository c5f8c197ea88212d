// What every use case receives: `(deps, ctx, input)`. `deps` are the long-lived ports (the database; the mailer for
// the use cases that send mail; the job queue and connectors join them here), `ctx` is who is asking and when:
// `ctx.now` is the only clock a use case reads, taken once per request at the edge, so a request judges every
// window at one instant.
import type { Db } from '../../storage/connect.ts';
import type { ReadReplica } from '../../storage/replica.ts';
import type { Mailer } from './mailer.ts';

/** `replica`: where heavy lists read when DATABASE_REPLICA_URL is set (storage/replica.ts, D49); access is decided on `db`. */
export type Deps = { db: Db; replica?: ReadReplica | undefined };

/** The ports of a use case that sends e-mail: the mailer, and the public base URL its links start with. */
export type MailDeps = Deps & { mailer: Mailer; publicUrl: string };

/** The moment of a request that has no signed-in actor yet (sign-in, sign-up). */
export type Moment = { now: number };
