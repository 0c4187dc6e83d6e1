-- A build reads stored stories as summaries, not as their members' texts.
-- story_summaries: what the clusterer compares a new article with (centroid word weights, size,
-- span, actors, dates in the text, the member the title comes from), as JSON, updated when the
-- story takes an article; rank is the story's creation order (ties go to the older story).
CREATE TABLE story_summaries (
    story_id TEXT PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
    rank BIGINT NOT NULL,
    summary TEXT NOT NULL
);
CREATE INDEX story_summaries_rank ON story_summaries(rank);
-- story_terms: each story's heaviest centroid words with the last day it takes articles, so that a
-- new article's candidate stories are found by word and window through the index (not a scan of
-- every open story); rewritten with the summary.
CREATE TABLE story_terms (
    term TEXT NOT NULL,
    open_until TEXT,
    story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE
);
CREATE INDEX story_terms_term ON story_terms(term, open_until);
CREATE INDEX story_terms_story ON story_terms(story_id);
