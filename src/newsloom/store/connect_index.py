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

    # -- story summaries (see connect/summaries.py) ---------------------------------------------
    def story_candidates(self, terms: Iterable[str], day: str | None) -> list[str]:
        """Stories found by one of ``terms`` (their heaviest words) and still open on ``day``
        (any window when None), through the (term, open_until) index."""
        words, found = sorted(set(terms)), set()
        window = "" if day is None else " AND (open_until >= ? OR open_until IS NULL)"
        for i in range(0, len(words), _CHUNK):
            chunk = words[i:i + _CHUNK]
            found |= {r["story_id"] for r in self._rows(
                f"SELECT DISTINCT story_id FROM story_terms WHERE term IN ({','.join('?' * len(chunk))}){window}",
                [*chunk, *([day] if day is not None else [])])}
        return sorted(found)

    def story_summaries(self, story_ids: Iterable[str]) -> dict[str, tuple[int, str]]:
        """Stored summaries: story id -> (rank, summary JSON)."""
        ids, out = sorted(set(story_ids)), {}
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i:i + _CHUNK]
            out |= {r["story_id"]: (int(r["rank"]), r["summary"]) for r in self._rows(
                f"SELECT story_id, rank, summary FROM story_summaries WHERE story_id IN ({','.join('?' * len(chunk))})",
                chunk)}
        return out

    def unsummarized_story_ids(self, day: str | None) -> list[str]:
        """Stories open on ``day`` (all when None) without a summary: placed before summaries were
        kept, or loaded as rows. A build reads their members once and summarizes them."""
        window = "" if day is None else " AND (s.open_until >= ? OR s.open_until IS NULL)"
        return [r["id"] for r in self._rows(
            "SELECT s.id FROM stories s WHERE NOT EXISTS (SELECT 1 FROM story_summaries ss WHERE ss.story_id = s.id)"
            f"{window} ORDER BY s.id", [] if day is None else [day])]

    def next_story_rank(self) -> int:
        """The creation rank the next new story takes (one past the stored ones)."""
        row = self._row("SELECT max(rank) AS top FROM story_summaries")
        return int(row["top"]) + 1 if row and row["top"] is not None else 0

    def save_story_summaries(self, summaries: Mapping[str, tuple[int, str, str | None, list[str]]],
                             *, reset: bool = False) -> None:
        """Keep stories' summaries: story id -> (rank, summary JSON, open until, index words),
        replacing what each had; ``reset`` forgets every summary first (a rebuild)."""
        with self.transaction() as c:
            if reset:
                c.execute("DELETE FROM story_terms")
                c.execute("DELETE FROM story_summaries")
            for sid, (rank, summary, until, terms) in sorted(summaries.items()):
                c.execute(self._sql("INSERT INTO story_summaries (story_id, rank, summary) VALUES (?,?,?)"
                                    " ON CONFLICT (story_id) DO UPDATE SET rank = excluded.rank,"
                                    " summary = excluded.summary"), [sid, rank, summary])
                c.execute(self._sql("DELETE FROM story_terms WHERE story_id = ?"), [sid])
                c.executemany(self._sql("INSERT INTO story_terms (term, open_until, story_id) VALUES (?,?,?)"),
                              [(t, until, sid) for t in terms])
