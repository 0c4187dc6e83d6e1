-- PostgreSQL schema, the same tables and columns as 0001_initial.sql.
-- Dates stay ISO text compared as text (like SQLite), so they use the "C" collation: a server's
-- linguistic default collation would order '2024-03-05T…' against '2024-03-05' differently.

-- Full-text configuration: 'simple' (no stemming, no stop words, like FTS5 unicode61) with
-- diacritics folded through unaccent when the server offers it and we may install it (it is a
-- trusted extension since PG 13). Created in the current schema, so one database can hold several
-- Newsloom schemas.
DO $$
DECLARE
    unaccent_schema TEXT;
BEGIN
    IF EXISTS (SELECT 1 FROM pg_ts_config c JOIN pg_namespace n ON n.oid = c.cfgnamespace
               WHERE c.cfgname = 'newsloom_text' AND n.nspname = current_schema()) THEN
        RETURN;
    END IF;
    CREATE TEXT SEARCH CONFIGURATION newsloom_text (COPY = pg_catalog.simple);
    BEGIN
        CREATE EXTENSION IF NOT EXISTS unaccent;
    EXCEPTION WHEN OTHERS THEN
        RAISE NOTICE 'unaccent unavailable (%), searching without folding diacritics', SQLERRM;
    END;
    SELECT n.nspname INTO unaccent_schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
        WHERE e.extname = 'unaccent';
    IF unaccent_schema IS NOT NULL THEN
        EXECUTE format('ALTER TEXT SEARCH CONFIGURATION newsloom_text'
                       ' ALTER MAPPING FOR hword, hword_part, word WITH %I.unaccent, simple', unaccent_schema);
    END IF;
END
$$;

-- Documents as they arrived, with their processing status.
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    media_type TEXT NOT NULL,
    raw BYTEA,
    size BIGINT NOT NULL,
    meta JSONB NOT NULL DEFAULT '{}',
    fetched_at TEXT COLLATE "C" NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'done', 'failed')),
    error TEXT,
    updated_at TEXT COLLATE "C" NOT NULL
);
CREATE INDEX documents_status ON documents(status);

-- The extracted article; n orders articles by arrival, tsv is the full-text index (title weighs more).
-- '<', '>' and '&' are indexed as blanks (separator controls), not as HTML tags or entities,
-- so words inside them stay searchable as in SQLite; postgres_queries.py uses the same mapping.
CREATE TABLE articles (
    n BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    doc_id TEXT NOT NULL UNIQUE REFERENCES documents(id) ON DELETE CASCADE,
    title TEXT,
    authors JSONB NOT NULL DEFAULT '[]',
    published TEXT COLLATE "C",
    outlet TEXT,
    url TEXT,
    language TEXT,
    text TEXT NOT NULL,
    paragraphs JSONB NOT NULL DEFAULT '[]',
    meta JSONB NOT NULL DEFAULT '{}',
    facts JSONB,
    processed_at TEXT COLLATE "C" NOT NULL,
    tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('newsloom_text'::regconfig, translate(coalesce(title, ''), '<>&', U&'\001C\001D\001E')), 'A')
        || setweight(to_tsvector('newsloom_text'::regconfig, translate(text, '<>&', U&'\001C\001D\001E')), 'B')
    ) STORED
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_newest ON articles((coalesce(published, '')) DESC, n DESC);  -- list order
CREATE INDEX articles_outlet ON articles(outlet);
CREATE INDEX articles_tsv ON articles USING GIN (tsv);

CREATE TABLE actors (
    id TEXT PRIMARY KEY,
    name TEXT COLLATE "C" NOT NULL,
    type TEXT NOT NULL,
    wikidata TEXT,
    country TEXT
);
CREATE INDEX actors_name ON actors(name);
CREATE INDEX actors_lower_name ON actors(lower(name));

-- include: 0001_facts

CREATE TABLE dates (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    resolved TEXT COLLATE "C"
);
CREATE INDEX dates_doc ON dates(doc_id);

CREATE TABLE quotes (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
-- include: 0001_quote_columns
    date TEXT COLLATE "C",
    venue TEXT,
    sentence_start INTEGER,
    sentence_end INTEGER,
    tsv tsvector GENERATED ALWAYS AS (
        to_tsvector('newsloom_text'::regconfig, translate(text, '<>&', U&'\001C\001D\001E'))
    ) STORED
);
CREATE INDEX quotes_doc ON quotes(doc_id);
CREATE INDEX quotes_speaker ON quotes(speaker_id, date);
CREATE INDEX quotes_speaks_for ON quotes(speaks_for_id, date);
CREATE INDEX quotes_date ON quotes(date);
CREATE INDEX quotes_tsv ON quotes USING GIN (tsv);

CREATE TABLE events (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    mode TEXT,
    source_id TEXT NOT NULL,
    targets JSONB NOT NULL DEFAULT '[]',
    date TEXT COLLATE "C",
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
    updated_at TEXT COLLATE "C" NOT NULL
);

CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    first_seen TEXT COLLATE "C",
    last_seen TEXT COLLATE "C"
);
CREATE TABLE story_documents (
    story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (story_id, doc_id)
);
