// The shapes the CRM-N generator produces: options in, rows out. Rows are named after their table's columns (the
// writer adds org_id), so the writer maps them without a translation layer.

export type SeedOptions = {
  contacts: number;
  users: number;
  /** Any text; the same seed (with the same sizes) gives the same rows. */
  seed: string;
  shareAll: boolean;
  orgName: string;
  /** History events per contact (messages, notes, calls); the spec's 10 at 100 K is opt-in for speed. */
  messages: number;
  /** Times are relative to this (epoch ms): the CLI passes the start of the current UTC day. */
  now: number;
};

export type UserRow = { id: string; name: string; email: string; password_hash: string; role: 'admin' | 'member'; created_at: string };
export type TeamRow = { id: string; name: string; created_at: string };
export type TeamMemberRow = { team_id: string; user_id: string };
export type ContactRow = {
  id: string; owner_id: string; name: string; sort_name: string; company: string; title: string; emails: string[];
  phones: string[]; tags: string[]; address: string; created_at: string; updated_at: string;
};
type Grantee = { grantee_user_id: string | null; grantee_team_id: string | null };
type Window = { starts_at: string | null; expires_at: string | null };
export type ContactShareRow = Grantee & Window & { id: string; contact_id: string; level: number; created_by: string; created_at: string };
export type UserGrantRow = Grantee & Window & {
  id: string; owner_id: string; scope: 'contacts' | 'calendar'; level: number; created_by: string; created_at: string;
};
export type BucketRow = { id: string; owner_id: string; name: string; created_at: string };
export type BucketContactRow = { bucket_id: string; contact_id: string; added_by: string; added_at: string };
export type BucketShareRow = Grantee & Window & { id: string; bucket_id: string; level: number; created_by: string; created_at: string };
export type ContactEventRow = {
  id: string; contact_id: string; kind: 'message' | 'note' | 'call'; body: string; channel: string | null;
  direction: 'outbound' | null; sent_by: string; on_behalf_of: string | null; created_at: string;
};

export type RowsByTable = {
  users: UserRow; teams: TeamRow; team_members: TeamMemberRow; contacts: ContactRow; contact_shares: ContactShareRow;
  user_grants: UserGrantRow; buckets: BucketRow; bucket_contacts: BucketContactRow; bucket_shares: BucketShareRow;
  contact_events: ContactEventRow;
};
export type TableName = keyof RowsByTable;

/** One step of the load: rows of one table, their exact count known before the first is made (for the bar). */
export type Phase<T extends TableName = TableName> = { label: string; table: T; total: number; rows: () => Iterable<RowsByTable[T]> };

export type TestUserKey = 'admin' | 'memberSeesAll' | 'narrowMember' | 'granteeOf20' | 'bucketMember';
export type TestUser = { id: string; name: string; email: string; role: 'admin' | 'member'; note: string };
