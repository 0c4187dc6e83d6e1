-- The store at a million articles: every hot list reads an index in the order it shows and stops
-- at the end of the page, instead of sorting all matching rows (see store/plans.py and
-- tests/test_store_plans.py, which check the plans on both dialects). articles_newest and
-- actors_lower_name exist since 0001 here.

-- Article lists of one outlet, newest first.
CREATE INDEX articles_outlet_newest ON articles(outlet, (coalesce(published, '')) DESC, n DESC);
DROP INDEX articles_outlet;  -- a prefix of articles_outlet_newest
-- An actor's timeline per outlet reads the actor's documents and checks each article's date and
-- outlet in the index alone; without outlet here the planner reads every article of the outlet
-- from the table instead.
CREATE INDEX articles_doc_published_outlet ON articles(doc_id, published, outlet);
DROP INDEX articles_doc_published;  -- a prefix of the one above

-- A quote's date, else its article's publication ('' when neither is known), like
-- events.effective_date: lists sort and filter on it through an index instead of joining every
-- article first. Kept by a trigger so that every writer (save, COPY) fills it.
ALTER TABLE quotes ADD COLUMN effective_date TEXT COLLATE "C" NOT NULL DEFAULT '';
UPDATE quotes SET effective_date = coalesce(date, (SELECT a.published FROM articles a WHERE a.doc_id = quotes.doc_id), '');
CREATE FUNCTION quotes_effective_date() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.effective_date = '' THEN
        NEW.effective_date := coalesce(NEW.date, (SELECT a.published FROM articles a WHERE a.doc_id = NEW.doc_id), '');
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER quotes_effective_date BEFORE INSERT ON quotes
    FOR EACH ROW EXECUTE FUNCTION quotes_effective_date();

-- include: 0015_scale_indexes
