-- Search at a million articles. A word in a fifth of the articles has 200,000 entries in a GIN
-- index on tsv alone, and any read of it (even one bounded to the newest few thousand articles
-- by a second index) decodes all of them into a bitmap: 65-100 ms at 1 M, growing with the store.
-- The articles' vectors are indexed with one more lexeme, their slab ('~s' and n >> 12: runs of
-- 4,096 articles by arrival; '~' keeps it out of reach of any query, which spells letters and
-- digits), so a search for the newest matches asks for its words AND a few slabs in one tsquery
-- and the index intersects them itself, skipping through each word's entries to the slabs asked
-- for instead of reading them all (postgres_queries: SLAB_BITS must equal the 12 written here).
-- The slab is inside the indexed expression rather than a column of its own so that the planner
-- cannot leave it out of the index read: it did when it misjudged a phrase as rare, and then
-- rechecked every candidate in the store. Outlet is a second key (btree_gin, a trusted extension
-- since PostgreSQL 13: a database owner may create it).
CREATE EXTENSION IF NOT EXISTS btree_gin;
CREATE OR REPLACE FUNCTION newsloom_slab(n BIGINT, bits INTEGER) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT ('~s' || (n >> bits))::tsvector $$;
DROP INDEX IF EXISTS articles_tsv;
CREATE INDEX articles_tsv ON articles USING GIN ((tsv || newsloom_slab(n, 12)), outlet);
