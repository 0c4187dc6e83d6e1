-- Connect: how well each article fits its story, and near-duplicate copies of earlier articles.
ALTER TABLE story_documents ADD COLUMN score DOUBLE PRECISION;
ALTER TABLE stories ADD COLUMN size INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stories ADD COLUMN updated_at TEXT;
CREATE INDEX story_documents_doc ON story_documents(doc_id);
CREATE INDEX stories_last_seen ON stories(last_seen);

-- Only copies have a row: canonical_id is the earliest article with the same text.
CREATE TABLE duplicates (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    canonical_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    similarity DOUBLE PRECISION
);
CREATE INDEX duplicates_canonical ON duplicates(canonical_id);
