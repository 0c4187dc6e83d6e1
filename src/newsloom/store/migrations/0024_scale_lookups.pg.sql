-- include: 0024_scale_lookups

-- A search with an outlet reads, per slice of article numbers, the outlet's articles in that slice
-- (outlet, then n) to combine with the words' GIN matches, instead of every article of the outlet.
-- SQLite's articles_outlet_newest already ends in n (the rowid).
CREATE INDEX articles_outlet_n ON articles(outlet, n);
