-- Sign-in throttling and lockout (issue 14 item 1; docs/decisions.md D46). Both tables live in the one database every
-- node shares, so a limit holds across nodes (an in-process counter would give each node its own allowance). Neither
-- belongs to an org: they are keyed by what a caller names (a client address, an e-mail, a link's hash), which may
-- belong to no account at all.

-- @fastify/rate-limit's store (http/plugins/attempt-store.ts): one fixed window per key.
CREATE TABLE rate_limit_counters (
  key text PRIMARY KEY,
  hits integer NOT NULL,
  window_ends_at timestamptz NOT NULL
);
-- Expired windows are swept by age.
CREATE INDEX rate_limit_counters_window_ends_at ON rate_limit_counters (window_ends_at);

-- Wrong sign-ins per e-mail (as normalised: trimmed, lower case), known or not, so a locked unknown e-mail answers
-- exactly like a locked account. `locked_until` is set when the count reaches the limit within the window.
CREATE TABLE sign_in_failures (
  email text PRIMARY KEY,
  failures integer NOT NULL,
  window_ends_at timestamptz NOT NULL,
  locked_until timestamptz
);
CREATE INDEX sign_in_failures_window_ends_at ON sign_in_failures (window_ends_at);
