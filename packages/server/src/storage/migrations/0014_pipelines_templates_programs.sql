-- Templates, pipelines and programs (spec §6.6; issue 12; docs/decisions.md D31). Each is "shared by hand": private
-- to its owner until the owner or an admin shares it with users or teams at `view` (2: use it) or `edit` (4: change
-- it). The three share tables have the shape of contact_shares, so the core's `sharedWith` condition renders over
-- each through its binding (storage/render-filter.ts); nobody writes a visibility clause for them here.
--
-- Pipeline cards and program enrolments name a contact: who sees a card, who moves it and who enrols a contact is
-- decided on that contact by the contact rules (compiled into the board's query), never stored here.

CREATE TABLE templates (
  org_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  owner_id uuid NOT NULL,
  name text NOT NULL,
  subject text,
  body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, owner_id) REFERENCES users(org_id, id)
);
CREATE INDEX templates_owner_idx ON templates (org_id, owner_id, name, id);

CREATE TABLE pipelines (
  org_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  owner_id uuid NOT NULL,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, owner_id) REFERENCES users(org_id, id)
);
CREATE INDEX pipelines_owner_idx ON pipelines (org_id, owner_id, name, id);

-- Stages in board order. A stage with cards cannot be removed (the API answers 409); a deleted pipeline takes its
-- stages and cards with it.
CREATE TABLE pipeline_stages (
  org_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  pipeline_id uuid NOT NULL,
  name text NOT NULL,
  position integer NOT NULL,
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, pipeline_id, position) DEFERRABLE INITIALLY DEFERRED,
  FOREIGN KEY (org_id, pipeline_id) REFERENCES pipelines(org_id, id) ON DELETE CASCADE
);

-- A card (a deal) on one stage, linked to one contact. `value` is in the org's currency; `position` orders the cards
-- of a stage (fractional, so a move writes one row). A purged contact takes its cards with it.
CREATE TABLE pipeline_cards (
  org_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  pipeline_id uuid NOT NULL,
  stage_id uuid NOT NULL,
  contact_id uuid NOT NULL,
  title text NOT NULL,
  value numeric(14, 2),
  expected_close_on date,
  position double precision NOT NULL DEFAULT 0,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, pipeline_id) REFERENCES pipelines(org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, stage_id) REFERENCES pipeline_stages(org_id, id),
  FOREIGN KEY (org_id, contact_id) REFERENCES contacts(org_id, id) ON DELETE CASCADE
);
CREATE INDEX pipeline_cards_board_idx ON pipeline_cards (org_id, pipeline_id, stage_id, position, id);
CREATE INDEX pipeline_cards_contact_idx ON pipeline_cards (org_id, contact_id);

CREATE TABLE programs (
  org_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  owner_id uuid NOT NULL,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, owner_id) REFERENCES users(org_id, id)
);
CREATE INDEX programs_owner_idx ON programs (org_id, owner_id, name, id);

-- A program's steps in order: a template sent `delay_days` after the step before it (the first: after enrolment).
-- A template in use by a step cannot be deleted (the API answers 409 TANDEM_TEMPLATE_IN_USE).
CREATE TABLE program_steps (
  org_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  program_id uuid NOT NULL,
  position integer NOT NULL,
  template_id uuid NOT NULL,
  delay_days integer NOT NULL CHECK (delay_days BETWEEN 0 AND 365),
  channel text NOT NULL CHECK (channel IN ('email', 'sms')),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, program_id, position) DEFERRABLE INITIALLY DEFERRED,
  FOREIGN KEY (org_id, program_id) REFERENCES programs(org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, template_id) REFERENCES templates(org_id, id)
);

-- One contact in one program. `next_step` is the position of the step to send next and `next_step_at` when; the
-- program runner (jobs/) claims due active rows, checks the enroller's `collaborate` on the contact again through the
-- core, and either queues the step's message in the same transaction or stops the enrolment with the reason.
-- status: active | paused | stopped (by a user, or by the runner with `stopped_reason`) | completed.
CREATE TABLE program_enrollments (
  org_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  program_id uuid NOT NULL,
  contact_id uuid NOT NULL,
  enrolled_by uuid NOT NULL,
  status text NOT NULL CHECK (status IN ('active', 'paused', 'stopped', 'completed')),
  next_step integer NOT NULL DEFAULT 0,
  next_step_at timestamptz,
  stopped_reason text,
  stopped_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, program_id) REFERENCES programs(org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, contact_id) REFERENCES contacts(org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, enrolled_by) REFERENCES users(org_id, id)
);
-- A contact is in a program at most once at a time (a stopped or completed enrolment may be followed by a new one).
CREATE UNIQUE INDEX program_enrollments_live_idx ON program_enrollments (org_id, program_id, contact_id) WHERE status IN ('active', 'paused');
CREATE INDEX program_enrollments_program_idx ON program_enrollments (org_id, program_id, created_at, id);
CREATE INDEX program_enrollments_due_idx ON program_enrollments (next_step_at) WHERE status = 'active';

-- Shares of each, the shape of contact_shares: levels 2 (view) and 4 (edit) only.
CREATE TABLE template_shares (
  org_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  template_id uuid NOT NULL,
  grantee_user_id uuid,
  grantee_team_id uuid,
  level smallint NOT NULL CHECK (level IN (2, 4)),
  starts_at timestamptz,
  expires_at timestamptz,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  CHECK ((grantee_user_id IS NULL) <> (grantee_team_id IS NULL)),
  FOREIGN KEY (org_id, template_id) REFERENCES templates(org_id, id) ON DELETE CASCADE
);
CREATE INDEX template_shares_record_idx ON template_shares (org_id, template_id);
CREATE INDEX template_shares_user_idx ON template_shares (org_id, grantee_user_id, template_id) WHERE grantee_user_id IS NOT NULL;
CREATE INDEX template_shares_team_idx ON template_shares (org_id, grantee_team_id, template_id) WHERE grantee_team_id IS NOT NULL;

CREATE TABLE pipeline_shares (LIKE template_shares INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
ALTER TABLE pipeline_shares RENAME COLUMN template_id TO pipeline_id;
ALTER TABLE pipeline_shares
  ADD PRIMARY KEY (org_id, id),
  ADD FOREIGN KEY (org_id, pipeline_id) REFERENCES pipelines(org_id, id) ON DELETE CASCADE;
CREATE INDEX pipeline_shares_record_idx ON pipeline_shares (org_id, pipeline_id);
CREATE INDEX pipeline_shares_user_idx ON pipeline_shares (org_id, grantee_user_id, pipeline_id) WHERE grantee_user_id IS NOT NULL;
CREATE INDEX pipeline_shares_team_idx ON pipeline_shares (org_id, grantee_team_id, pipeline_id) WHERE grantee_team_id IS NOT NULL;

CREATE TABLE program_shares (LIKE template_shares INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
ALTER TABLE program_shares RENAME COLUMN template_id TO program_id;
ALTER TABLE program_shares
  ADD PRIMARY KEY (org_id, id),
  ADD FOREIGN KEY (org_id, program_id) REFERENCES programs(org_id, id) ON DELETE CASCADE;
CREATE INDEX program_shares_record_idx ON program_shares (org_id, program_id);
CREATE INDEX program_shares_user_idx ON program_shares (org_id, grantee_user_id, program_id) WHERE grantee_user_id IS NOT NULL;
CREATE INDEX program_shares_team_idx ON program_shares (org_id, grantee_team_id, program_id) WHERE grantee_team_id IS NOT NULL;

-- A message made from a template, or sent by a program step: which one. A program step is sent once: the runner's
-- insert of (enrollment, step) is unique, so a retried run cannot send it twice.
ALTER TABLE contact_events
  ADD COLUMN template_id uuid,
  ADD COLUMN enrollment_id uuid,
  ADD COLUMN program_step integer;
CREATE UNIQUE INDEX contact_events_program_step_idx ON contact_events (org_id, enrollment_id, program_step) WHERE enrollment_id IS NOT NULL;
