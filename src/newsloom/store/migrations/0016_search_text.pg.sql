-- Full-text input cut into words the way SQLite's FTS5 (unicode61) cuts it, so both stores find
-- the same articles for a query (benchmarks/search_parity.py). PostgreSQL's parser otherwise reads
-- '17.99', 'amzn.to', 'a/b' and 'e-mail' as single tokens, and under the C locale takes curly
-- quotes and dashes for letters ('“We' is not 'we'). Punctuation becomes a blank before parsing:
-- all of ASCII's and the marks news text uses (quotes, dashes, ellipsis, bullets, odd spaces).
CREATE OR REPLACE FUNCTION newsloom_search_text(t TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT translate(t, U&'\0021\0022\0023\0024\0025\0026\0027\0028\0029\002A\002B\002C\002D\002E\002F\003A\003B\003C\003D\003E\003F\0040\005B\005C\005D\005E\005F\0060\007B\007C\007D\007E\201C\201D\201E\201F\2018\2019\201A\201B\00AB\00BB\2039\203A\2014\2013\2012\2015\2010\2011\2026\2022\00B7\2027\2032\2033\2034\00A7\00B6\00A9\00AE\2122\00B0\20AC\00A3\00A5\00A2\00A4\00BF\00A1\00D7\00F7\2020\2021\203B\2044\2212\FF02\FF07\FF08\FF09\FF3B\FF3D\FF5B\FF5D\3001\3002\FF0C\FF1A\FF1B\FF01\FF1F\300C\300D\300E\300F\3008\3009\300A\300B\3010\3011\3014\3015\30FB\00A0\2009\200A\200B\202F\2007\2060\FEFF\00AD\2028\2029\3000\2002\2003', repeat(' ', 119)) $$;

DROP INDEX IF EXISTS articles_tsv;
ALTER TABLE articles DROP COLUMN tsv;
-- FTS5 matches a phrase or NEAR inside one column; here title and text share one vector, so a
-- lexeme no query can spell ('~': queries are letters and digits) keeps them 50 positions apart.
ALTER TABLE articles ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('newsloom_text'::regconfig, newsloom_search_text(coalesce(title, ''))), 'A')
    || '~:50'::tsvector
    || setweight(to_tsvector('newsloom_text'::regconfig, newsloom_search_text(text)), 'B')
) STORED;
CREATE INDEX articles_tsv ON articles USING GIN (tsv);

DROP INDEX IF EXISTS quotes_tsv;
ALTER TABLE quotes DROP COLUMN tsv;
ALTER TABLE quotes ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
    to_tsvector('newsloom_text'::regconfig, newsloom_search_text(text))
) STORED;
CREATE INDEX quotes_tsv ON quotes USING GIN (tsv);
