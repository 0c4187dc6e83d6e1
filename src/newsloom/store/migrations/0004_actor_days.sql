-- Actor timelines read per-day counts kept up to date by triggers, instead of joining every
-- article of a much-covered actor at each request. Invariant: actor_days holds, per actor and
-- publication day, the sums over doc_actors joined to dated articles. Each side's triggers count
-- a pair only while the other side exists, so any order of inserts and deletes (cascades
-- included) keeps it.
CREATE TABLE actor_days (
    actor_id TEXT NOT NULL,
    day TEXT NOT NULL,
    mentions INTEGER NOT NULL DEFAULT 0,
    quotes INTEGER NOT NULL DEFAULT 0,
    articles INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (actor_id, day)
) WITHOUT ROWID;

INSERT INTO actor_days (actor_id, day, mentions, quotes, articles)
SELECT da.actor_id, substr(a.published, 1, 10), sum(da.mentions), sum(da.quotes), count(*)
FROM doc_actors da JOIN articles a ON a.doc_id = da.doc_id
WHERE a.published IS NOT NULL GROUP BY da.actor_id, substr(a.published, 1, 10);

CREATE TRIGGER actor_days_da_insert AFTER INSERT ON doc_actors BEGIN
    INSERT INTO actor_days (actor_id, day, mentions, quotes, articles)
    SELECT NEW.actor_id, substr(a.published, 1, 10), NEW.mentions, NEW.quotes, 1 FROM articles a
    WHERE a.doc_id = NEW.doc_id AND a.published IS NOT NULL
    ON CONFLICT (actor_id, day) DO UPDATE SET mentions = mentions + excluded.mentions,
        quotes = quotes + excluded.quotes, articles = articles + 1;
END;

CREATE TRIGGER actor_days_da_delete AFTER DELETE ON doc_actors BEGIN
    UPDATE actor_days SET mentions = mentions - OLD.mentions, quotes = quotes - OLD.quotes, articles = articles - 1
    WHERE actor_id = OLD.actor_id
      AND day = (SELECT substr(a.published, 1, 10) FROM articles a WHERE a.doc_id = OLD.doc_id);
    DELETE FROM actor_days WHERE actor_id = OLD.actor_id AND articles <= 0;
END;

CREATE TRIGGER actor_days_a_insert AFTER INSERT ON articles WHEN NEW.published IS NOT NULL BEGIN
    INSERT INTO actor_days (actor_id, day, mentions, quotes, articles)
    SELECT da.actor_id, substr(NEW.published, 1, 10), da.mentions, da.quotes, 1 FROM doc_actors da
    WHERE da.doc_id = NEW.doc_id
    ON CONFLICT (actor_id, day) DO UPDATE SET mentions = mentions + excluded.mentions,
        quotes = quotes + excluded.quotes, articles = articles + 1;
END;

CREATE TRIGGER actor_days_a_delete BEFORE DELETE ON articles WHEN OLD.published IS NOT NULL BEGIN
    UPDATE actor_days SET mentions = mentions - (SELECT da.mentions FROM doc_actors da
            WHERE da.doc_id = OLD.doc_id AND da.actor_id = actor_days.actor_id),
        quotes = quotes - (SELECT da.quotes FROM doc_actors da
            WHERE da.doc_id = OLD.doc_id AND da.actor_id = actor_days.actor_id),
        articles = articles - 1
    WHERE day = substr(OLD.published, 1, 10)
      AND actor_id IN (SELECT da.actor_id FROM doc_actors da WHERE da.doc_id = OLD.doc_id);
    DELETE FROM actor_days WHERE day = substr(OLD.published, 1, 10) AND articles <= 0
      AND actor_id IN (SELECT da.actor_id FROM doc_actors da WHERE da.doc_id = OLD.doc_id);
END;
