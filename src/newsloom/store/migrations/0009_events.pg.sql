-- Events stored whole: the words that carry them, the quote they came from, their flags and
-- CAMEO code; targets in a table of their own so "events against X" is an index lookup.
ALTER TABLE events ADD COLUMN text TEXT;
ALTER TABLE events ADD COLUMN trigger_text TEXT;
ALTER TABLE events ADD COLUMN trigger_start INTEGER;
ALTER TABLE events ADD COLUMN trigger_end INTEGER;
ALTER TABLE events ADD COLUMN quote_index INTEGER;
ALTER TABLE events ADD COLUMN hypothetical INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN future INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN historical INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN cameo TEXT;
-- The event's own date, else its article's publication ('' when neither is known): lists sort
-- and filter on it through the indexes below instead of joining every article first.
ALTER TABLE events ADD COLUMN effective_date TEXT COLLATE "C" NOT NULL DEFAULT '';
UPDATE events SET effective_date = coalesce(events.date, (SELECT a.published FROM articles a WHERE a.doc_id = events.doc_id), '');

-- include: 0009_event_targets

INSERT INTO event_targets (event_id, position, actor_id)
SELECT e.id, (j.ordinality - 1)::INTEGER, j.value FROM events e,
    jsonb_array_elements_text(e.targets) WITH ORDINALITY AS j(value, ordinality);

CREATE INDEX events_effective ON events(effective_date, id);
CREATE INDEX events_source_effective ON events(source_id, effective_date, type, id);
CREATE INDEX events_type_effective ON events(type, effective_date, id);
