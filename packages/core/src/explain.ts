// "Why can X see this?": the effective level and every active source behind it (spec §10), for any resource.
import type { FactsOf, Resource } from './actions.ts';
import { evaluateCondition, matchingShares } from './condition.ts';
import { computeLevelOn } from './decide.ts';
import type { ActorContext, BucketFacts, ContactFacts, Provenance } from './facts.ts';
import { levelRank, type Level } from './levels.ts';
import { rulesOf } from './policy.ts';
import type { SourceKind } from './rules.ts';

export type ExplainedSource = {
  kind: SourceKind;
  level: Level;
  /** The grant, share or bucket share behind the source; absent for owner, admin and share_all. */
  id?: string;
  grantedBy?: string | null;
  grantedAt?: number;
  startsAt?: number | null;
  expiresAt?: number | null;
  /** Set when the source names a team the user is in rather than the user. */
  viaTeamId?: string;
  /** For bucket shares and user grants: the bucket or the owner whose contacts are granted. */
  bucketId?: string;
  ownerId?: string;
};

export type Explanation = { level: Level; sources: ExplainedSource[] };

function provenance(p: Provenance): Omit<ExplainedSource, 'kind' | 'level'> {
  const out: Omit<ExplainedSource, 'kind' | 'level'> = {
    id: p.id, grantedBy: p.grantedBy, grantedAt: p.grantedAt, startsAt: p.startsAt, expiresAt: p.expiresAt,
  };
  if ('teamId' in p.grantee) out.viaTeamId = p.grantee.teamId;
  return out;
}

/** Every active source on a record of `resource`, highest first. */
export function explainOn<R extends Resource>(ctx: ActorContext, resource: R, record: FactsOf<R>): Explanation {
  const level = computeLevelOn(ctx, resource, record);
  if (level === 'none') return { level, sources: [] };
  const rules = rulesOf(ctx, resource);
  const sources: ExplainedSource[] = [];
  for (const rule of rules) {
    if (rule.kind === 'record_share' || !evaluateCondition(rule.when, record)) continue;
    const source: ExplainedSource = { kind: rule.kind, level: rule.level };
    if (rule.origin) Object.assign(source, provenance(rule.origin));
    if (rule.origin && 'bucketId' in rule.origin) source.bucketId = rule.origin.bucketId;
    if (rule.origin && 'ownerId' in rule.origin) source.ownerId = rule.origin.ownerId;
    sources.push(source);
  }
  // Record shares are listed one by one, only when a record-share rule matched (so trashed contacts list none).
  const shareRule = rules.find((r) => r.kind === 'record_share' && evaluateCondition(r.when, record));
  if (shareRule && 'shares' in record) {
    for (const share of matchingShares(record.shares, ctx.actor, 'view', ctx.now)) {
      sources.push({ kind: 'record_share', level: share.level, ...provenance(share) });
    }
  }
  sources.sort((a, b) => levelRank(b.level) - levelRank(a.level));
  return { level, sources };
}

export function explain(ctx: ActorContext, contact: ContactFacts): Explanation {
  return explainOn(ctx, 'contact', contact);
}

/** Why the actor sees a bucket: owner, admin, and each active bucket share with its provenance. */
export function explainBucket(ctx: ActorContext, bucket: BucketFacts): Explanation {
  return explainOn(ctx, 'bucket', bucket);
}
