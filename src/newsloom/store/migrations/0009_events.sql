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

CREATE TABLE event_targets (
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    actor_id TEXT NOT NULL,
    PRIMARY KEY (event_id, position)
);
CREATE INDEX event_targets_actor ON event_targets(actor_id, event_id);

INSERT INTO event_targets (event_id, position, actor_id)
SELECT e.id, CAST(j.key AS INTEGER), j.value FROM events e, json_each(e.targets) j;

CREATE INDEX events_type ON events(type, mode, date);
CREATE INDEX events_date ON events(date);
