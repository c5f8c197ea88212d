// Demo data on first start: a small org that shows every kind of sharing. Placeholder until the seed issue's
// generator lands here; it only reports whether the database was empty.
import type { Db } from './connect.ts';

export type DemoInfo = { adminEmail: string; password: string };

export async function loadDemoDataIfEmpty(db: Db, now: number): Promise<DemoInfo | null> {
  void now;
  const any = await db.selectFrom('orgs').select('id').limit(1).executeTakeFirst();
  if (any) return null;
  return null;
}
