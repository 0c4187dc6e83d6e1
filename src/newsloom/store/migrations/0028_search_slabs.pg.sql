-- Search at a million articles. A word in a fifth of the articles has 200,000 entries in a GIN
-- index on tsv alone, and any read of it (even one bounded to the newest few thousand articles
-- by a second index) decodes all of them into a bitmap: 65-100 ms at 1 M, growing with the store.
-- Indexed beside the words, the article's slab (its number n >> 12: runs of 4,096 articles by
-- arrival) and outlet are keys of the same GIN index, so a search for the newest matches asks
-- for words AND a few slabs (AND an outlet) and the index intersects them itself, skipping
-- through each word's entries to the slabs asked for instead of reading them all
-- (postgres_queries.SLAB_BITS must equal the shift written here). btree_gin gives GIN the
-- operators of plain columns; it is a trusted extension (PostgreSQL 13+): a database owner may
-- create it. The index keeps its name: a multi-column GIN index serves queries on tsv alone.
CREATE EXTENSION IF NOT EXISTS btree_gin;
DROP INDEX IF EXISTS articles_tsv;
CREATE INDEX articles_tsv ON articles USING GIN (tsv, (n >> 12), outlet);
