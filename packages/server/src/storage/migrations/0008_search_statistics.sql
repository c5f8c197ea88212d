-- The planner's guess at how many contacts a search word matches (issue 10, item 3; docs/performance.md "Search").
-- `search_text` is different for every contact, so PostgreSQL estimates `search_text LIKE '%word%'` by trying the
-- pattern on the column's histogram: with the default 100 entries a word in 2 % of the contacts was guessed at 5 %,
-- and a list branch then walked its index filtering every row (the bucket member's search for a last name at 100 K:
-- 28,579 buffers) instead of reading the matches from the trigram index (3,343). 1,000 entries guess within a few
-- tenths of a percent; ANALYZE of 100,000 contacts takes about 3 s instead of 1.
ALTER TABLE contacts ALTER COLUMN search_text SET STATISTICS 1000;
