-- Which statement a quote belongs to (the same words of one speaker relayed by several articles),
-- written with each quote so that /api/v1/statements groups over every quote, not a recent window.
ALTER TABLE quotes ADD COLUMN group_key TEXT;
-- Quotes stored before: their speaker and a digest of their lower-cased words (new quotes hash
-- normalised words and join an earlier near-identical quote's key when written).
UPDATE quotes SET group_key = speaker_id || ':' || md5(lower(btrim(text))) WHERE speaker_id IS NOT NULL;
CREATE INDEX quotes_group ON quotes(group_key);
