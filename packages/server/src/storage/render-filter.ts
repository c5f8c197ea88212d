// Renders a @tandem/core Condition as a SQL boolean over the contacts table aliased `c`.
// This is the only place visibility becomes SQL; every list, search, count and export goes through it.
import { assertNever, levelRank, type Condition, type ContactState } from '@tandem/core';
import { sql, type RawBuilder, type SqlBool } from 'kysely';

function renderState(state: ContactState): RawBuilder<SqlBool> {
  switch (state) {
    case 'active':
      return sql<SqlBool>`(c.trashed_at IS NULL AND c.archived_at IS NULL)`;
    case 'archived':
      return sql<SqlBool>`(c.trashed_at IS NULL AND c.archived_at IS NOT NULL)`;
    case 'trashed':
      return sql<SqlBool>`(c.trashed_at IS NOT NULL)`;
    default:
      return assertNever(state);
  }
}

function join(parts: RawBuilder<SqlBool>[], glue: 'AND' | 'OR'): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${sql.join(parts, sql.raw(` ${glue} `))})`;
}

export function renderCondition(condition: Condition): RawBuilder<SqlBool> {
  switch (condition.op) {
    case 'true':
      return sql<SqlBool>`TRUE`;
    case 'false':
      return sql<SqlBool>`FALSE`;
    case 'and':
      return join(condition.args.map(renderCondition), 'AND');
    case 'or':
      return join(condition.args.map(renderCondition), 'OR');
    case 'orgIs':
      return sql<SqlBool>`c.org_id = ${condition.orgId}`;
    case 'ownerIn':
      return sql<SqlBool>`c.owner_id = ANY(${condition.userIds}::uuid[])`;
    case 'stateIn':
      return join(condition.states.map(renderState), 'OR');
    case 'sharedWith':
      // Bounds are compared at millisecond precision, as the core sees them once loaded (a JS Date has no
      // microseconds): a bound stored with microseconds must not be judged differently here and in `decide`.
      return sql<SqlBool>`EXISTS (SELECT 1 FROM contact_shares s
        WHERE s.org_id = c.org_id AND s.contact_id = c.id
          AND (s.grantee_user_id = ${condition.userId} OR s.grantee_team_id = ANY(${condition.teamIds}::uuid[]))
          AND s.level >= ${levelRank(condition.minLevel)}
          AND (s.starts_at IS NULL OR date_trunc('milliseconds', s.starts_at) <= ${new Date(condition.now)})
          AND (s.expires_at IS NULL OR date_trunc('milliseconds', s.expires_at) > ${new Date(condition.now)}))`;
    case 'inBuckets':
      return sql<SqlBool>`EXISTS (SELECT 1 FROM bucket_contacts bc
        WHERE bc.org_id = c.org_id AND bc.contact_id = c.id AND bc.bucket_id = ANY(${condition.bucketIds}::uuid[]))`;
    default:
      return assertNever(condition);
  }
}
