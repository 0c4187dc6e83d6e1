-- Shared by the SQLite and PostgreSQL versions of 0001_initial ({IDENTITY} is the dialect's
-- auto-numbered key); included where `-- include: 0001_facts` stands.
CREATE TABLE mentions (
    id {IDENTITY},
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    actor_id TEXT NOT NULL REFERENCES actors(id),
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    label TEXT,
    role TEXT,
    affiliation_id TEXT
);
CREATE INDEX mentions_actor ON mentions(actor_id, doc_id);
CREATE INDEX mentions_doc ON mentions(doc_id);

-- Per-document actor counts, for rankings and timelines without scanning mentions.
CREATE TABLE doc_actors (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    actor_id TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    quotes INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (doc_id, actor_id)
);
CREATE INDEX doc_actors_actor ON doc_actors(actor_id);
