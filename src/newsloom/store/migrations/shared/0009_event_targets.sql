-- An event's targets in order, one row each ({REF_ID}: the dialect's type of events.id).
CREATE TABLE event_targets (
    event_id {REF_ID} NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    actor_id TEXT NOT NULL,
    PRIMARY KEY (event_id, position)
);
CREATE INDEX event_targets_actor ON event_targets(actor_id, event_id);
