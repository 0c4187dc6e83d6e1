"""What story building keeps between runs so that a build reads only what is new: word document
frequencies over the placed articles, and the LSH band buckets of each article's MinHash
signature. One SQL text for SQLite and PostgreSQL (``?`` placeholders, ``%s`` there).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .dialect import SQLHost

_CHUNK = 500
_DOCS = "articles"  # connect_counts key: articles whose words are counted in term_df


class ConnectIndexMixin(SQLHost):
    """Document frequencies and MinHash buckets for ``connect.build``."""

    def term_stats(self, terms: Iterable[str]) -> tuple[dict[str, int], int]:
        """The stored document frequency of each of ``terms`` (those seen), and the article count."""
        words, df = sorted(set(terms)), {}
        for i in range(0, len(words), _CHUNK):
            chunk = words[i:i + _CHUNK]
            df |= {r["term"]: r["df"] for r in self._rows(
                f"SELECT term, df FROM term_df WHERE term IN ({','.join('?' * len(chunk))})", chunk)}
        row = self._row("SELECT value FROM connect_counts WHERE name = ?", [_DOCS])
        return df, int(row["value"]) if row else 0

    def add_term_stats(self, df: Mapping[str, int], docs: int, *, reset: bool = False) -> None:
        """Count ``docs`` more articles with their words' frequencies ``df`` (``reset``: forget
        the counts first, for a rebuild)."""
        with self.transaction() as c:
            if reset:
                c.execute("DELETE FROM term_df")
                c.execute("DELETE FROM connect_counts")
            if df:
                c.executemany(self._sql("INSERT INTO term_df (term, df) VALUES (?,?)"
                                        " ON CONFLICT (term) DO UPDATE SET df = term_df.df + excluded.df"),
                              sorted(df.items()))
            c.execute(self._sql("INSERT INTO connect_counts (name, value) VALUES (?,?) ON CONFLICT (name)"
                                " DO UPDATE SET value = connect_counts.value + excluded.value"), [_DOCS, docs])

    def copy_candidates(self, buckets: Iterable[tuple[int, int]]) -> list[str]:
        """Stored articles sharing at least one (band, bucket) with a signature."""
        pairs, found = sorted(set(buckets)), set()
        for i in range(0, len(pairs), _CHUNK // 2):
            chunk = pairs[i:i + _CHUNK // 2]
            where = " OR ".join(["(band = ? AND bucket = ?)"] * len(chunk))
            found |= {r["doc_id"] for r in self._rows(
                f"SELECT DISTINCT doc_id FROM minhash_bands WHERE {where}",  # noqa: S608 - placeholders
                [v for pair in chunk for v in pair])}
        return sorted(found)

    def add_minhash_bands(self, bands: Mapping[str, list[tuple[int, int]]], *, reset: bool = False) -> None:
        """Keep each article's (band, bucket) pairs (replacing any it had); ``reset`` forgets all."""
        with self.transaction() as c:
            if reset:
                c.execute("DELETE FROM minhash_bands")
            for doc_id, pairs in sorted(bands.items()):
                c.execute(self._sql("DELETE FROM minhash_bands WHERE doc_id = ?"), [doc_id])
                c.executemany(self._sql("INSERT INTO minhash_bands (band, bucket, doc_id) VALUES (?,?,?)"),
                              [(b, k, doc_id) for b, k in pairs])
