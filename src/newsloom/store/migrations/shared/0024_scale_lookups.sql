-- The store at a million articles, second pass (benchmarks/store_scale.py at 1 M on PostgreSQL).
-- Shared by the SQLite and PostgreSQL versions of 0024.

-- An actor's stories oldest first: the stories are read in this order and each is tested for
-- the actor, so a much-covered actor's first page stops after a few dozen stories.
CREATE INDEX stories_first_seen ON stories((coalesce(first_seen, '')), id);
-- Find an actor by what its mentions say: the actor's id in the index too, so find_actor steps
-- from one distinct actor to the next (one probe each) instead of reading every such mention
-- (96,000 for the most covered actor at 1 M).
DROP INDEX mentions_lower_text;
CREATE INDEX mentions_lower_text ON mentions(lower(text), actor_id);
