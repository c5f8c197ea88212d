// What every use case receives: `(deps, ctx, input)`. `deps` are the long-lived ports (today the database; the
// mailer, the job queue and connectors join it here), `ctx` is who is asking and when: `ctx.now` is the only clock
// a use case reads, taken once per request at the edge, so a request judges every window at one instant.
import type { Db } from '../../storage/connect.ts';

export type Deps = { db: Db };

/** The moment of a request that has no signed-in actor yet (sign-in, sign-up). */
export type Moment = { now: number };
