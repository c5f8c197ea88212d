// "Why can X see this?": the effective level and every active source behind it (spec §10).
import { evaluateCondition, matchingShares } from './condition.ts';
import { computeLevel, rulesOf } from './decide.ts';
import type { ActorContext, ContactFacts, Provenance } from './facts.ts';
import { levelRank, type Level } from './levels.ts';
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

export function explain(ctx: ActorContext, contact: ContactFacts): Explanation {
  const level = computeLevel(ctx, contact);
  if (level === 'none') return { level, sources: [] };
  const sources: ExplainedSource[] = [];
  for (const rule of rulesOf(ctx)) {
    if (rule.kind === 'record_share' || !evaluateCondition(rule.when, contact)) continue;
    const source: ExplainedSource = { kind: rule.kind, level: rule.level };
    if (rule.origin) Object.assign(source, provenance(rule.origin));
    if (rule.origin && 'bucketId' in rule.origin) source.bucketId = rule.origin.bucketId;
    if (rule.origin && 'ownerId' in rule.origin) source.ownerId = rule.origin.ownerId;
    sources.push(source);
  }
  // Record shares are listed one by one, only when a record-share rule matched (so trashed contacts list none).
  const shareRule = rulesOf(ctx).find((r) => r.kind === 'record_share' && evaluateCondition(r.when, contact));
  if (shareRule) {
    for (const share of matchingShares(contact.shares, ctx.actor, 'view', ctx.now)) {
      sources.push({ kind: 'record_share', level: share.level, ...provenance(share) });
    }
  }
  sources.sort((a, b) => levelRank(b.level) - levelRank(a.level));
  return { level, sources };
}
