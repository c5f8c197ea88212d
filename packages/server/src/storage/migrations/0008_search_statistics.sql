-- The planner's guess at how many contacts a search word matches (issue 10, item 3; docs/performance.md "Search").
-- `search_text` is different for every contact, so PostgreSQL estimates `search_text LIKE '%word%'` by trying the
-- pattern on the column's histogram: with the default 100 entries a last name in 2 % of the contacts was guessed at
-- 5 %, and a list branch then walked its index filtering every row (the bucket member's search for a last name at
-- 100 K: 28,579 buffers) instead of reading the matches from the trigram index (3,349). 300 entries guess within a
-- factor of two, enough to keep that plan; 1,000 guess closer but cost planning time: every branch of a list tries
-- the pattern on every entry (the grantee of 20, 21 branches, searching one letter: 5 ms of planning at 300, 20 ms at
-- 1,000). ANALYZE of 100,000 contacts takes about 1.5 s.
ALTER TABLE contacts ALTER COLUMN search_text SET STATISTICS 300;
