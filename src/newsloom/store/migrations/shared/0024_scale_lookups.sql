-- The store at a million articles, second pass (benchmarks/store_scale.py at 1 M on PostgreSQL).
-- Shared by the SQLite and PostgreSQL versions of 0024.

-- An actor's stories oldest first: the stories are read in this order and each is tested for
-- the actor, so a much-covered actor's first page stops after a few dozen stories.
CREATE INDEX stories_first_seen ON stories((coalesce(first_seen, '')), id);
-- Find an actor by what its mentions say: the actor's id in the index too, so the lookup reads
-- the index alone instead of one table row per mention (96,000 for the most covered actor).
DROP INDEX mentions_lower_text;
CREATE INDEX mentions_lower_text ON mentions(lower(text), actor_id);
