-- ({FLOAT}: the dialect's double.) Feed and sitemap subscriptions that `newsloom watch` polls, with their health; documents
-- looked up by source (a URL already stored is not fetched again).
CREATE TABLE feeds (
    url TEXT PRIMARY KEY,
    added_at TEXT NOT NULL,
    interval_s {FLOAT} NOT NULL,
    etag TEXT,
    last_modified TEXT,
    last_checked TEXT,
    next_check TEXT,
    last_new TEXT,
    items INTEGER NOT NULL DEFAULT 0,
    checks INTEGER NOT NULL DEFAULT 0,
    failures INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
);
CREATE INDEX documents_source ON documents(source);
