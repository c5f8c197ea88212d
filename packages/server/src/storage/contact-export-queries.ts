// The contacts export's pages (D35): the same keyset pages as the list (contact-page.ts under the policy the domain
// compiled, rendered by render-filter.ts), with only the columns a file holds and the owner's name. The list's
// per-row facts (shares naming the actor, bucket memberships) decide levels and actions, which a file does not show:
// leaving them out keeps each page's garbage small (docs/performance.md "Export").
import type { ActorContext, ListPolicy } from '@tandem/core';
import { sql } from 'kysely';
import type { Db } from './connect.ts';
import { contactPageQuery } from './contact-page.ts';
import type { ListRequest } from './contact-queries.ts';
import { searchPatternsOf } from './contact-search.ts';

export type ExportPageRow = {
  id: string; name: string; sort_name: string; company: string | null; title: string | null; emails: string[];
  phones: string[]; tags: string[]; address: string | null; created_at: Date; updated_at: Date; owner_name: string | null;
};

const EXPORT_COLUMNS = sql`c.id, c.name, c.sort_name, c.company, c.title, c.emails, c.phones, c.tags, c.address, c.created_at,
  c.updated_at, (SELECT ou.name FROM users ou WHERE ou.org_id = c.org_id AND ou.id = c.owner_id) AS owner_name`;

/**
 * One page in name order (`request.sort` must be 'name'; the cursor is `{ sortName, id }` of the last row) of the
 * contacts `policy` lets through: at most `limit + 1` rows, so the caller can tell whether a next page exists.
 */
export async function selectExportPage(db: Db, ctx: ActorContext, policy: ListPolicy, request: ListRequest): Promise<ExportPageRow[]> {
  const { q, ...rest } = request;
  const search = q ? await searchPatternsOf(db, q) : [];
  const query = search.length > 0 ? { ...rest, search, sort: 'name' as const } : { ...rest, sort: 'name' as const };
  const page = contactPageQuery<ExportPageRow>(ctx.actor.orgId, policy, query, EXPORT_COLUMNS);
  return page ? (await page.execute(db)).rows : [];
}
