-- Actor timelines read per-day counts kept up to date by triggers, instead of joining every
-- article of a much-covered actor at each request. Invariant: actor_days holds, per actor and
-- publication day, the sums over doc_actors joined to dated articles. Each side's triggers count
-- a pair only while the other side exists, so any order of inserts and deletes (cascades
-- included) keeps it.
CREATE TABLE actor_days (
    actor_id TEXT NOT NULL,
    day TEXT NOT NULL,
    mentions BIGINT NOT NULL DEFAULT 0,
    quotes BIGINT NOT NULL DEFAULT 0,
    articles BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (actor_id, day)
);

INSERT INTO actor_days (actor_id, day, mentions, quotes, articles)
SELECT da.actor_id, left(a.published, 10), sum(da.mentions), sum(da.quotes), count(*)
FROM doc_actors da JOIN articles a ON a.doc_id = da.doc_id
WHERE a.published IS NOT NULL GROUP BY da.actor_id, left(a.published, 10);

-- Adds (sign 1) or removes (sign -1) the pairs of one document, optionally of one actor only.
CREATE FUNCTION actor_days_apply(p_doc TEXT, p_day TEXT, p_actor TEXT, p_mentions BIGINT, p_quotes BIGINT,
                                 sign INTEGER) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF p_day IS NULL THEN
        RETURN;
    END IF;
    IF sign > 0 THEN
        INSERT INTO actor_days AS ad (actor_id, day, mentions, quotes, articles)
        VALUES (p_actor, p_day, p_mentions, p_quotes, 1)
        ON CONFLICT (actor_id, day) DO UPDATE SET mentions = ad.mentions + excluded.mentions,
            quotes = ad.quotes + excluded.quotes, articles = ad.articles + 1;
    ELSE
        UPDATE actor_days SET mentions = mentions - p_mentions, quotes = quotes - p_quotes, articles = articles - 1
        WHERE actor_id = p_actor AND day = p_day;
        DELETE FROM actor_days WHERE actor_id = p_actor AND day = p_day AND articles <= 0;
    END IF;
END $$;

CREATE FUNCTION actor_days_doc_actors() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    d TEXT;
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT left(a.published, 10) INTO d FROM articles a WHERE a.doc_id = NEW.doc_id;
        PERFORM actor_days_apply(NEW.doc_id, d, NEW.actor_id, NEW.mentions, NEW.quotes, 1);
        RETURN NEW;
    END IF;
    SELECT left(a.published, 10) INTO d FROM articles a WHERE a.doc_id = OLD.doc_id;
    PERFORM actor_days_apply(OLD.doc_id, d, OLD.actor_id, OLD.mentions, OLD.quotes, -1);
    RETURN OLD;
END $$;

CREATE FUNCTION actor_days_articles() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r RECORD;
BEGIN
    IF TG_OP = 'INSERT' THEN
        FOR r IN SELECT actor_id, mentions, quotes FROM doc_actors WHERE doc_id = NEW.doc_id LOOP
            PERFORM actor_days_apply(NEW.doc_id, left(NEW.published, 10), r.actor_id, r.mentions, r.quotes, 1);
        END LOOP;
        RETURN NEW;
    END IF;
    FOR r IN SELECT actor_id, mentions, quotes FROM doc_actors WHERE doc_id = OLD.doc_id LOOP
        PERFORM actor_days_apply(OLD.doc_id, left(OLD.published, 10), r.actor_id, r.mentions, r.quotes, -1);
    END LOOP;
    RETURN OLD;
END $$;

CREATE TRIGGER actor_days_da AFTER INSERT OR DELETE ON doc_actors
    FOR EACH ROW EXECUTE FUNCTION actor_days_doc_actors();
CREATE TRIGGER actor_days_a_insert AFTER INSERT ON articles
    FOR EACH ROW EXECUTE FUNCTION actor_days_articles();
CREATE TRIGGER actor_days_a_delete BEFORE DELETE ON articles
    FOR EACH ROW EXECUTE FUNCTION actor_days_articles();
