-- Story building on a large store reads only what is new.
-- term_df: in how many placed articles each word occurs, so a build weighs words by their rarity
-- over the whole store (a week's slice alone says little); connect_counts holds the article count.
CREATE TABLE term_df (
    term TEXT PRIMARY KEY,
    df INTEGER NOT NULL
);
CREATE TABLE connect_counts (
    name TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
-- minhash_bands: each article's MinHash signature cut into LSH bands, one hashed bucket per band;
-- a new article's copies are looked up through the index instead of rebuilding every signature.
CREATE TABLE minhash_bands (
    band INTEGER NOT NULL,
    bucket BIGINT NOT NULL,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE
);
CREATE INDEX minhash_bands_bucket ON minhash_bands(band, bucket);
CREATE INDEX minhash_bands_doc ON minhash_bands(doc_id);
