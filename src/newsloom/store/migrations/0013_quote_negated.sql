-- A denial or refusal ("denied that ...") is stored as the article's quote but is not what its
-- speaker said: pages that list what someone said leave it out by this flag.
ALTER TABLE quotes ADD COLUMN negated INTEGER NOT NULL DEFAULT 0;
-- Quotes stored before this column carry the flag only in their article's facts.
UPDATE quotes SET negated = 1 WHERE EXISTS (
    SELECT 1 FROM articles a, json_each(a.facts, '$.quotes') j
    WHERE a.doc_id = quotes.doc_id AND a.facts IS NOT NULL AND json_valid(a.facts)
      AND json_extract(j.value, '$.negated') = 1
      AND json_extract(j.value, '$.start') = quotes.start AND json_extract(j.value, '$.end') = quotes."end");
