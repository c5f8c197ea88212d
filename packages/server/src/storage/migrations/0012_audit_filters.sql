-- GET /audit's filters on the server (issue 10, defect 10). Without an index a filter walks the org's whole log
-- newest first (the primary key, org_id + seq) and keeps the few rows that match: cheap for a common action, a full
-- scan of a large log for one person's or one record's entries. Each index below leads with the org and the
-- filtered column and ends in seq, so a selective filter reads its own entries already in page order (keyset on
-- seq, newest first) and stops after the page. The action index uses text_pattern_ops so a prefix (`contact.`,
-- LIKE 'contact.%') is a range scan as well as an exact match. Time filters need none: seq and `at` grow together,
-- so a `from`/`to` window is a stretch of the primary key's walk.
CREATE INDEX audit_log_actor_idx ON audit_log (org_id, actor_id, seq);
CREATE INDEX audit_log_target_idx ON audit_log (org_id, target_type, target_id, seq);
CREATE INDEX audit_log_action_idx ON audit_log (org_id, action text_pattern_ops, seq);
