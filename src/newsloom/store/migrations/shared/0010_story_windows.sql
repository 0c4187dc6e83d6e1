-- Connect on real streams: how long each story stays open to new articles (its own pace), and
-- redirects from stories merged into another, so links to a merged story keep working.
ALTER TABLE stories ADD COLUMN open_until TEXT;
CREATE INDEX stories_open_until ON stories(open_until);

CREATE TABLE story_redirects (
    old_id TEXT PRIMARY KEY,
    new_id TEXT NOT NULL,
    merged_at TEXT NOT NULL
);
CREATE INDEX story_redirects_new ON story_redirects(new_id);
