-- A contact's bucket memberships by contact (issue 9). 0002 keyed this index (org_id, contact_id, bucket_id) so that
-- "is this contact in one of these buckets" is an index-only probe. With many buckets in the test
-- (`bucket_id = ANY(<the caller's 60-120 shared buckets>)`) PostgreSQL 18 searches the index once per bucket, and
-- the planner, costing that, preferred the primary key (org_id, bucket_id, contact_id): 63 searches per contact,
-- 0.054 ms a probe, 3.2 of a member's 4.8 ms list page at 10 K. With the bucket as an included column the probe is
-- one search for the contact's range (a dozen to a few dozen rows) and a filter on it, read from the index alone:
-- 0.004 ms a probe (EXPLAIN ANALYZE on CRM-N 10 K; docs/performance.md). Reading a contact's memberships for its
-- facts is the same range.
DROP INDEX bucket_contacts_contact_idx;
CREATE INDEX bucket_contacts_contact_idx ON bucket_contacts (org_id, contact_id) INCLUDE (bucket_id);
