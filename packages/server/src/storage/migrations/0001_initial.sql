-- Tandem's data model. Every table carries org_id and every index leads with it, so the schema can later be
-- distributed by org. Two global unique indexes are the exception: sign-in finds a user by e-mail and a request
-- finds its session by token hash before any org is known (docs/decisions.md).
-- Levels are stored as their rank in @tandem/core LEVELS: 1 profile, 2 view, 3 collaborate, 4 edit.
-- Nothing stores one row per (user, contact) pair.

CREATE TABLE orgs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  accent_color text NOT NULL DEFAULT '#4f46e5',
  billing jsonb NOT NULL DEFAULT '{}'::jsonb,
  export_enabled boolean NOT NULL DEFAULT false,
  share_all_contacts boolean NOT NULL DEFAULT false,
  members_can_archive_delete_shared boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  org_id uuid NOT NULL REFERENCES orgs(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  email text NOT NULL,
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'member')),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deactivated')),
  export_channels text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id)
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE sessions (
  org_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL,
  kind text NOT NULL DEFAULT 'session' CHECK (kind IN ('session', 'api')),
  name text,
  token_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  revoked_at timestamptz,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, user_id) REFERENCES users(org_id, id)
);
CREATE UNIQUE INDEX sessions_token_key ON sessions (token_hash);
CREATE INDEX sessions_user_idx ON sessions (org_id, user_id);

CREATE TABLE teams (
  org_id uuid NOT NULL REFERENCES orgs(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id)
);

CREATE TABLE team_members (
  org_id uuid NOT NULL,
  team_id uuid NOT NULL,
  user_id uuid NOT NULL,
  PRIMARY KEY (org_id, team_id, user_id),
  FOREIGN KEY (org_id, team_id) REFERENCES teams(org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, user_id) REFERENCES users(org_id, id)
);
CREATE INDEX team_members_user_idx ON team_members (org_id, user_id);

CREATE TABLE contacts (
  org_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  owner_id uuid NOT NULL,
  name text NOT NULL,
  -- lower(name) in byte order: the list's sort key and the prefix search's key, one index for both.
  sort_name text COLLATE "C" NOT NULL,
  company text,
  title text,
  emails text[] NOT NULL DEFAULT '{}',
  phones text[] NOT NULL DEFAULT '{}',
  tags text[] NOT NULL DEFAULT '{}',
  address text,
  archived_at timestamptz,
  trashed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, owner_id) REFERENCES users(org_id, id)
);
CREATE INDEX contacts_name_idx ON contacts (org_id, sort_name, id);
CREATE INDEX contacts_owner_name_idx ON contacts (org_id, owner_id, sort_name, id);
CREATE INDEX contacts_trashed_idx ON contacts (org_id, trashed_at) WHERE trashed_at IS NOT NULL;

CREATE TABLE contact_shares (
  org_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  contact_id uuid NOT NULL,
  grantee_user_id uuid,
  grantee_team_id uuid,
  level smallint NOT NULL CHECK (level BETWEEN 2 AND 4),
  starts_at timestamptz,
  expires_at timestamptz,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  CHECK ((grantee_user_id IS NULL) <> (grantee_team_id IS NULL)),
  FOREIGN KEY (org_id, contact_id) REFERENCES contacts(org_id, id) ON DELETE CASCADE
);
CREATE INDEX contact_shares_contact_idx ON contact_shares (org_id, contact_id);
CREATE INDEX contact_shares_user_idx ON contact_shares (org_id, grantee_user_id, contact_id) WHERE grantee_user_id IS NOT NULL;
CREATE INDEX contact_shares_team_idx ON contact_shares (org_id, grantee_team_id, contact_id) WHERE grantee_team_id IS NOT NULL;

CREATE TABLE user_grants (
  org_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  owner_id uuid NOT NULL,
  grantee_user_id uuid,
  grantee_team_id uuid,
  scope text NOT NULL CHECK (scope IN ('contacts', 'calendar')),
  level smallint NOT NULL CHECK (level IN (2, 4)),
  starts_at timestamptz,
  expires_at timestamptz,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  CHECK ((grantee_user_id IS NULL) <> (grantee_team_id IS NULL)),
  FOREIGN KEY (org_id, owner_id) REFERENCES users(org_id, id)
);
CREATE INDEX user_grants_owner_idx ON user_grants (org_id, owner_id);
CREATE INDEX user_grants_user_idx ON user_grants (org_id, grantee_user_id) WHERE grantee_user_id IS NOT NULL;
CREATE INDEX user_grants_team_idx ON user_grants (org_id, grantee_team_id) WHERE grantee_team_id IS NOT NULL;

CREATE TABLE buckets (
  org_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  owner_id uuid NOT NULL,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, owner_id) REFERENCES users(org_id, id)
);

CREATE TABLE bucket_contacts (
  org_id uuid NOT NULL,
  bucket_id uuid NOT NULL,
  contact_id uuid NOT NULL,
  added_by uuid,
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, bucket_id, contact_id),
  FOREIGN KEY (org_id, bucket_id) REFERENCES buckets(org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, contact_id) REFERENCES contacts(org_id, id) ON DELETE CASCADE
);
CREATE INDEX bucket_contacts_contact_idx ON bucket_contacts (org_id, contact_id);

CREATE TABLE bucket_shares (
  org_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  bucket_id uuid NOT NULL,
  grantee_user_id uuid,
  grantee_team_id uuid,
  level smallint NOT NULL CHECK (level BETWEEN 2 AND 4),
  starts_at timestamptz,
  expires_at timestamptz,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  CHECK ((grantee_user_id IS NULL) <> (grantee_team_id IS NULL)),
  FOREIGN KEY (org_id, bucket_id) REFERENCES buckets(org_id, id) ON DELETE CASCADE
);
CREATE INDEX bucket_shares_bucket_idx ON bucket_shares (org_id, bucket_id);
CREATE INDEX bucket_shares_user_idx ON bucket_shares (org_id, grantee_user_id) WHERE grantee_user_id IS NOT NULL;
CREATE INDEX bucket_shares_team_idx ON bucket_shares (org_id, grantee_team_id) WHERE grantee_team_id IS NOT NULL;

-- Messages, notes and calls: the communication history of a contact.
CREATE TABLE contact_events (
  org_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  contact_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('message', 'note', 'call')),
  body text NOT NULL,
  channel text,
  sent_by uuid NOT NULL,
  on_behalf_of uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, contact_id) REFERENCES contacts(org_id, id) ON DELETE CASCADE
);
CREATE INDEX contact_events_contact_idx ON contact_events (org_id, contact_id, created_at DESC, id DESC);

-- Append-only, hash-chained audit log: each entry carries the hash of the one before it (spec §10).
CREATE TABLE audit_log (
  org_id uuid NOT NULL,
  seq bigint NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  at timestamptz NOT NULL,
  actor_id uuid,
  action text NOT NULL,
  target_type text NOT NULL,
  target_id text,
  before jsonb,
  after jsonb,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  PRIMARY KEY (org_id, seq)
);
