-- A denial or refusal ("denied that ...") is stored as the article's quote but is not what its
-- speaker said: pages that list what someone said leave it out by this flag.
ALTER TABLE quotes ADD COLUMN negated INTEGER NOT NULL DEFAULT 0;
-- Quotes stored before this column carry the flag only in their article's facts.
UPDATE quotes q SET negated = 1
FROM articles a, jsonb_array_elements(CASE WHEN jsonb_typeof(a.facts -> 'quotes') = 'array'
                                           THEN a.facts -> 'quotes' ELSE '[]'::jsonb END) j
WHERE a.doc_id = q.doc_id AND (j ->> 'negated') = 'true'
  AND (j ->> 'start')::int = q.start AND (j ->> 'end')::int = q."end";
