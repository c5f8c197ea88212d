-- API token scopes (issue 13, item 3; docs/decisions.md D37). `read` tokens may only make GET and HEAD requests;
-- `write` tokens may make any request their user may make. Tokens made before this migration keep working as they
-- did: they become `write`. Sign-in sessions (kind `session`) carry `write` too: the scope limits API tokens only.
ALTER TABLE sessions ADD COLUMN scope text NOT NULL DEFAULT 'write' CHECK (scope IN ('read', 'write'));
