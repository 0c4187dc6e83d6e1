-- Indexes both dialects declare alike (included by 0015_scale_indexes); see that file for why.
-- Stories newest first read in index order; the size filter is checked on the way.
CREATE INDEX stories_newest ON stories((coalesce(last_seen, '')) DESC, size DESC, id);
-- find_actor matches what a mention was written as ("Sen. Warren"), in any case.
CREATE INDEX mentions_lower_text ON mentions(lower(text));
-- Quote lists newest first, for everyone and per speaker or party, stop at the page's end.
CREATE INDEX quotes_effective ON quotes(effective_date, id);
CREATE INDEX quotes_speaker_effective ON quotes(speaker_id, effective_date, id);
CREATE INDEX quotes_speaks_for_effective ON quotes(speaks_for_id, effective_date, id);
-- Prefixes of the indexes above.
DROP INDEX quotes_speaker;
DROP INDEX quotes_speaks_for;
