-- Documents as they arrived, with their processing status.
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    media_type TEXT NOT NULL,
    raw BLOB,
    size INTEGER NOT NULL,
    meta TEXT NOT NULL DEFAULT '{}',
    fetched_at TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'done', 'failed')),
    error TEXT,
    updated_at TEXT NOT NULL
);
CREATE INDEX documents_status ON documents(status);

-- The extracted article; n is a stable rowid for the full-text index.
CREATE TABLE articles (
    n INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL UNIQUE REFERENCES documents(id) ON DELETE CASCADE,
    title TEXT,
    authors TEXT NOT NULL DEFAULT '[]',
    published TEXT,
    outlet TEXT,
    url TEXT,
    language TEXT,
    text TEXT NOT NULL,
    paragraphs TEXT NOT NULL DEFAULT '[]',
    meta TEXT NOT NULL DEFAULT '{}',
    facts TEXT,
    processed_at TEXT NOT NULL
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_outlet ON articles(outlet);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='n', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.n, new.title, new.text);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.n, old.title, old.text);
END;
CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.n, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.n, new.title, new.text);
END;

CREATE TABLE actors (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    wikidata TEXT,
    country TEXT
);
CREATE INDEX actors_name ON actors(name);

-- include: 0001_facts

CREATE TABLE dates (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    resolved TEXT
);
CREATE INDEX dates_doc ON dates(doc_id);

CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
-- include: 0001_quote_columns
    date TEXT,
    venue TEXT,
    sentence_start INTEGER,
    sentence_end INTEGER
);
CREATE INDEX quotes_doc ON quotes(doc_id);
CREATE INDEX quotes_speaker ON quotes(speaker_id, date);
CREATE INDEX quotes_speaks_for ON quotes(speaks_for_id, date);
CREATE INDEX quotes_date ON quotes(date);

CREATE VIRTUAL TABLE quotes_fts USING fts5(text, content='quotes', content_rowid='id');
CREATE TRIGGER quotes_ai AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    mode TEXT,
    source_id TEXT NOT NULL,
    targets TEXT NOT NULL DEFAULT '[]',
    date TEXT,
    location_id TEXT,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    negated INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX events_doc ON events(doc_id);
CREATE INDEX events_source ON events(source_id, date);

-- Lines learned per outlet by the text cleaner (boilerplate memory), one JSON blob per outlet.
CREATE TABLE outlet_profiles (
    outlet TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    first_seen TEXT,
    last_seen TEXT
);
CREATE TABLE story_documents (
    story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (story_id, doc_id)
);
