-- The store at a million articles: every hot list reads an index in the order it shows and stops
-- at the end of the page, instead of sorting all matching rows (see store/plans.py and
-- tests/test_store_plans.py, which check the plans on both dialects).

-- Article lists newest first, for everyone and per outlet (n is the rowid, implied in each index).
CREATE INDEX articles_newest ON articles(coalesce(published, ''));
CREATE INDEX articles_outlet_newest ON articles(outlet, coalesce(published, ''));
DROP INDEX articles_outlet;  -- a prefix of articles_outlet_newest
-- Actors by exact name in any case (quotes by speaker name, events by actor name).
CREATE INDEX actors_lower_name ON actors(lower(name));

-- A quote's date, else its article's publication ('' when neither is known), like
-- events.effective_date: lists sort and filter on it through an index instead of joining every
-- article first. Kept by a trigger so that every writer (save, bulk loads) fills it.
ALTER TABLE quotes ADD COLUMN effective_date TEXT NOT NULL DEFAULT '';
UPDATE quotes SET effective_date = coalesce(date, (SELECT a.published FROM articles a WHERE a.doc_id = quotes.doc_id), '');
CREATE TRIGGER quotes_effective_date AFTER INSERT ON quotes WHEN NEW.effective_date = '' BEGIN
    UPDATE quotes SET effective_date = coalesce(NEW.date,
        (SELECT a.published FROM articles a WHERE a.doc_id = NEW.doc_id), '') WHERE id = NEW.id;
END;

-- include: 0015_scale_indexes
