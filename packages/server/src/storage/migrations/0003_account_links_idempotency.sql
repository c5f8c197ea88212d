-- Accounts people expect (issue 10, item 5): invitations by e-mail and password-reset links, each a one-time link
-- whose token is stored only as its SHA-256; and the idempotency keys that make a repeated create or send answer
-- the first result again (issue 10, item 7).

-- An admin invites someone by e-mail; accepting the link with a password creates the user. A link is usable while
-- accepted_at and revoked_at are null and expires_at is in the future. Inviting the same e-mail again revokes the
-- open invitation (one open invitation per org and e-mail, the partial unique index below).
CREATE TABLE invitations (
  org_id uuid NOT NULL REFERENCES orgs(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  email text NOT NULL,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'member')),
  token_hash text NOT NULL,
  invited_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  accepted_at timestamptz,
  accepted_user_id uuid,
  revoked_at timestamptz,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, invited_by) REFERENCES users(org_id, id),
  FOREIGN KEY (org_id, accepted_user_id) REFERENCES users(org_id, id)
);
-- A link arrives before any org is known, as a session token does (docs/decisions.md D5).
CREATE UNIQUE INDEX invitations_token_key ON invitations (token_hash);
CREATE UNIQUE INDEX invitations_open_email_key ON invitations (org_id, email) WHERE accepted_at IS NULL AND revoked_at IS NULL;
CREATE INDEX invitations_created_idx ON invitations (org_id, created_at DESC, id DESC);

-- A one-time link to set a new password: asked for by the user ("forgot password", requested_by null) or sent by an
-- admin (requested_by the admin). A newer link, a password change and an e-mail change revoke the open ones.
CREATE TABLE password_resets (
  org_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL,
  token_hash text NOT NULL,
  requested_by uuid,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  revoked_at timestamptz,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, user_id) REFERENCES users(org_id, id)
);
CREATE UNIQUE INDEX password_resets_token_key ON password_resets (token_hash);
CREATE INDEX password_resets_user_idx ON password_resets (org_id, user_id, created_at DESC);

-- Idempotency-Key: the first request with a key (per user) claims the row with its request hash and a null status;
-- when it succeeds, its status and answer are stored and every repeat within 24 hours answers them again. A failed
-- request gives its key back (the row is deleted), so a retry runs afresh.
CREATE TABLE idempotency_keys (
  org_id uuid NOT NULL,
  user_id uuid NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  status smallint,
  response jsonb,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, user_id, key),
  FOREIGN KEY (org_id, user_id) REFERENCES users(org_id, id)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (org_id, created_at);
