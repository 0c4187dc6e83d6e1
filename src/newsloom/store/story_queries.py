"""Stories and duplicate groups in the store: one SQL text for SQLite and PostgreSQL.

The host class provides ``_all``, ``_one`` and ``transaction()`` (see ``dialect.SQLHost``);
PostgreSQL sets ``paramstyle = "format"`` and the ``?`` placeholders become ``%s``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from ..model import Story, utcnow
from .base import Filters, Page, decode_cursor, encode_cursor
from .dialect import SQLHost, like_pattern
from .statement_queries import collapse_relays

_STORY_COLUMNS = "s.id, s.title, s.first_seen, s.last_seen, s.size AS articles"
_TIMELINE_LIMIT = 500


class StoryQueryMixin(SQLHost):
    """Writing and reading stories; every list returns a :class:`Page` like the other lists."""

    # -- writing -------------------------------------------------------------------------------
    def replace_stories(self, stories: Iterable[Story], scores: Mapping[str, float],
                        duplicates: Mapping[str, tuple[str, float | None]],
                        open_until: Mapping[str, str] | None = None) -> None:
        """Replace every story and duplicate group in one transaction. ``scores``: doc id -> how
        well it fits its story; ``duplicates``: copy's doc id -> (canonical doc id, similarity)."""
        now = utcnow()
        with self.transaction() as c:
            for table in ("story_documents", "stories", "duplicates"):
                c.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed names
            story_rows, member_rows = [], []
            for s in stories:
                story_rows.append((s.id, s.title, s.first_seen, s.last_seen, len(s.document_ids), now,
                                   (open_until or {}).get(s.id)))
                member_rows += [(s.id, d, scores.get(d)) for d in s.document_ids]
            if story_rows:
                c.executemany(self._sql("INSERT INTO stories (id, title, first_seen, last_seen, size, updated_at,"
                                        " open_until) VALUES (?,?,?,?,?,?,?)"), story_rows)
                c.executemany(self._sql("INSERT INTO story_documents (story_id, doc_id, score) VALUES (?,?,?)"),
                              member_rows)
            dup_rows = [(d, canonical, sim) for d, (canonical, sim) in duplicates.items() if d != canonical]
            if dup_rows:
                c.executemany(self._sql("INSERT INTO duplicates (doc_id, canonical_id, similarity) VALUES (?,?,?)"),
                              dup_rows)

    def save_stories(self, stories: Iterable[Story], scores: Mapping[str, float],
                     duplicates: Mapping[str, tuple[str, float | None]],
                     open_until: Mapping[str, str] | None = None,
                     redirects: Mapping[str, str] | None = None) -> None:
        """Write the given stories (replacing those with the same ids, members included) and
        copies, leaving every other story as it is: the incremental counterpart of
        :meth:`replace_stories`. A merged story (``redirects``: old id -> new id) is removed
        and redirects, as do the stories that redirected to it."""
        now = utcnow()
        with self.transaction() as c:
            for old, new in (redirects or {}).items():
                c.execute(self._sql("DELETE FROM story_documents WHERE story_id = ?"), [old])
                c.execute(self._sql("DELETE FROM stories WHERE id = ?"), [old])
                c.execute(self._sql("UPDATE story_redirects SET new_id = ? WHERE new_id = ?"), [new, old])
                c.execute(self._sql("INSERT INTO story_redirects (old_id, new_id, merged_at) VALUES (?,?,?)"
                                    " ON CONFLICT (old_id) DO UPDATE SET new_id = excluded.new_id"), [old, new, now])
            for s in stories:
                marks = ",".join("?" * len(s.document_ids))
                c.execute(self._sql(f"DELETE FROM story_documents WHERE story_id = ? OR doc_id IN ({marks})"),
                          [s.id, *s.document_ids])
                c.execute(self._sql("DELETE FROM stories WHERE id = ?"), [s.id])
                c.execute(self._sql("INSERT INTO stories (id, title, first_seen, last_seen, size, updated_at,"
                                    " open_until) VALUES (?,?,?,?,?,?,?)"),
                          [s.id, s.title, s.first_seen, s.last_seen, len(s.document_ids), now,
                           (open_until or {}).get(s.id)])
                c.executemany(self._sql("INSERT INTO story_documents (story_id, doc_id, score) VALUES (?,?,?)"),
                              [(s.id, d, scores.get(d)) for d in s.document_ids])
            self._write_duplicates(c, duplicates)

    def _write_duplicates(self, c: Any, duplicates: Mapping[str, tuple[str, float | None]]) -> None:
        """Upsert each copy's canonical article (an article that is its own canonical is no copy)."""
        rows = [(d, canonical, sim) for d, (canonical, sim) in duplicates.items() if d != canonical]
        if rows:
            c.executemany(self._sql("INSERT INTO duplicates (doc_id, canonical_id, similarity) VALUES (?,?,?)"
                                    " ON CONFLICT (doc_id) DO UPDATE SET canonical_id = excluded.canonical_id,"
                                    " similarity = excluded.similarity"), rows)

    def update_stories(self, stories: Iterable[Story], sizes: Mapping[str, int], scores: Mapping[str, float],
                       duplicates: Mapping[str, tuple[str, float | None]], open_until: Mapping[str, str],
                       redirects: Mapping[str, str]) -> None:
        """Write what an incremental build changed: each given story's row (its size from
        ``sizes``: members of earlier builds are not listed) and the members listed (moved here
        from any story they were in), copies, and merges (``redirects``: the old story's members
        move to the new one, the old id redirects to it). Other stories are left as they are."""
        now = utcnow()
        with self.transaction() as c:
            for old, new in redirects.items():
                c.execute(self._sql("UPDATE story_documents SET story_id = ? WHERE story_id = ?"), [new, old])
                c.execute(self._sql("DELETE FROM stories WHERE id = ?"), [old])
                c.execute(self._sql("UPDATE story_redirects SET new_id = ? WHERE new_id = ?"), [new, old])
                c.execute(self._sql("INSERT INTO story_redirects (old_id, new_id, merged_at) VALUES (?,?,?)"
                                    " ON CONFLICT (old_id) DO UPDATE SET new_id = excluded.new_id"), [old, new, now])
            for s in stories:
                c.execute(self._sql("INSERT INTO stories (id, title, first_seen, last_seen, size, updated_at, open_until)"
                                    " VALUES (?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET title = excluded.title,"
                                    " first_seen = excluded.first_seen, last_seen = excluded.last_seen,"
                                    " size = excluded.size, updated_at = excluded.updated_at,"
                                    " open_until = excluded.open_until"),
                          [s.id, s.title, s.first_seen, s.last_seen, sizes.get(s.id, len(s.document_ids)), now,
                           open_until.get(s.id)])
                for d in s.document_ids:
                    c.execute(self._sql("DELETE FROM story_documents WHERE doc_id = ?"), [d])
                c.executemany(self._sql("INSERT INTO story_documents (story_id, doc_id, score) VALUES (?,?,?)"),
                              [(s.id, d, scores.get(d)) for d in s.document_ids])
            self._write_duplicates(c, duplicates)

    # -- reading -------------------------------------------------------------------------------
    def unplaced_ids(self) -> list[str]:
        """Articles in no story yet (stored since the last ``stories build``)."""
        return [r["doc_id"] for r in self._rows(
            "SELECT a.doc_id FROM articles a WHERE NOT EXISTS"
            " (SELECT 1 FROM story_documents sd WHERE sd.doc_id = a.doc_id) ORDER BY a.doc_id")]

    def article_ids_since(self, since: str | None = None) -> list[str]:
        """Articles published on or after ``since`` (all articles when None)."""
        if since is None:
            return [r["doc_id"] for r in self._rows("SELECT doc_id FROM articles ORDER BY doc_id")]
        return [r["doc_id"] for r in self._rows(
            "SELECT doc_id FROM articles WHERE published >= ? ORDER BY doc_id", [since])]

    def connect_rows(self, doc_ids: Iterable[str]) -> list[dict[str, Any]]:
        """What story building reads of each article: ``doc_id, title, published, url, text`` and the
        linked ``actors`` ({id: mentions}) and resolved ``dates``; lighter than whole articles."""
        ids = list(doc_ids)
        out: list[dict[str, Any]] = []
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            marks = ",".join("?" * len(chunk))
            rows = {r["doc_id"]: r | {"actors": {}, "dates": []} for r in self._rows(
                f"SELECT doc_id, title, published, url, text FROM articles WHERE doc_id IN ({marks})", chunk)}
            for r in self._rows(f"SELECT doc_id, actor_id, mentions FROM doc_actors WHERE doc_id IN ({marks})", chunk):
                rows[r["doc_id"]]["actors"][r["actor_id"]] = r["mentions"]
            for r in self._rows(f"SELECT doc_id, resolved FROM dates WHERE resolved IS NOT NULL AND doc_id IN ({marks})"
                                " ORDER BY doc_id, start", chunk):
                rows[r["doc_id"]]["dates"].append(r["resolved"])
            out += [rows[d] for d in chunk if d in rows]
        return out

    def story_assignments(self) -> dict[str, tuple[str, float | None]]:
        """Every stored article's story and fit (doc id -> (story id, score))."""
        return {r["doc_id"]: (r["story_id"], r["score"])
                for r in self._rows("SELECT doc_id, story_id, score FROM story_documents")}

    def duplicate_map(self, doc_ids: Iterable[str] | None = None) -> dict[str, tuple[str, float | None]]:
        """Every copy's canonical article and similarity (doc id -> (canonical id, similarity)),
        only of ``doc_ids`` when given."""
        sql = "SELECT doc_id, canonical_id, similarity FROM duplicates"
        if doc_ids is None:
            return {r["doc_id"]: (r["canonical_id"], r["similarity"]) for r in self._rows(sql)}
        ids, out = list(doc_ids), {}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            out |= {r["doc_id"]: (r["canonical_id"], r["similarity"])
                    for r in self._rows(f"{sql} WHERE doc_id IN ({','.join('?' * len(chunk))})", chunk)}
        return out

    def open_story_ids(self, day: str | None) -> list[str]:
        """Stories still open to an article published on ``day`` (all stories when None, and
        those without a window: undated ones)."""
        if day is None:
            return [r["id"] for r in self._rows("SELECT id FROM stories ORDER BY id")]
        return [r["id"] for r in self._rows(
            "SELECT id FROM stories WHERE open_until >= ? OR open_until IS NULL ORDER BY id", [day])]

    def story_members(self, story_ids: Iterable[str]) -> dict[str, tuple[str, float | None]]:
        """The members of the given stories: doc id -> (story id, fit)."""
        ids, out = list(story_ids), {}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            out |= {r["doc_id"]: (r["story_id"], r["score"]) for r in self._rows(
                f"SELECT doc_id, story_id, score FROM story_documents WHERE story_id IN ({','.join('?' * len(chunk))})",
                chunk)}
        return out

    def stories_of(self, doc_ids: Iterable[str]) -> dict[str, str]:
        """The story of each placed article among ``doc_ids`` (doc id -> story id)."""
        ids, out = list(dict.fromkeys(doc_ids)), {}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            out |= {r["doc_id"]: r["story_id"] for r in self._rows(
                f"SELECT doc_id, story_id FROM story_documents WHERE doc_id IN ({','.join('?' * len(chunk))})", chunk)}
        return out

    def story_redirect(self, story_id: str) -> str | None:
        """The story a merged story now lives in (None when it was not merged)."""
        found = self._rows("SELECT new_id FROM story_redirects WHERE old_id = ?", [story_id])
        return found[0]["new_id"] if found else None

    def copy_counts(self, doc_ids: Iterable[str]) -> dict[str, int]:
        """How many stored copies each of ``doc_ids`` has (only ids with copies appear)."""
        ids = list(dict.fromkeys(doc_ids))
        out: dict[str, int] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            out |= {r["canonical_id"]: int(r["n"]) for r in self._rows(
                f"SELECT canonical_id, count(*) AS n FROM duplicates WHERE canonical_id IN ({','.join('?' * len(chunk))})"
                " GROUP BY canonical_id", chunk)}
        return out

    def with_copy_counts(self, items: list[dict[str, Any]], key: str = "id") -> list[dict[str, Any]]:
        """``items`` (article rows) each given ``copies``: how many copies of it are stored."""
        counts = self.copy_counts(i[key] for i in items)
        for item in items:
            item["copies"] = counts.get(item[key], 0)
        return items

    def story_stats(self) -> dict[str, int]:
        """Counts for overviews: stories, those with several articles, copies, distinct texts."""
        row = self._rows(
            "SELECT (SELECT count(*) FROM stories) AS stories,"
            " (SELECT count(*) FROM stories WHERE size > 1) AS multi_article_stories,"
            " (SELECT count(*) FROM duplicates) AS copies,"
            " (SELECT count(*) FROM articles) - (SELECT count(*) FROM duplicates) AS distinct_articles")[0]
        return {k: int(v) for k, v in row.items()}

    def stories(self, filters: Filters | None = None, limit: int = 20, cursor: str | None = None,
                min_articles: int = 1) -> Page:
        """Stories seen most recently first. Filters: since/until (the story's span overlaps),
        outlet and actor (some article of the story), text (words of the title)."""
        offset = decode_cursor(cursor)
        where, params = ["s.size >= ?"], [min_articles]
        f = filters or Filters()
        if f.since:
            where.append("s.last_seen >= ?")
            params.append(f.since)
        if f.until:
            where.append(f"substr(s.first_seen, 1, {len(f.until)}) <= ?")
            params.append(f.until)
        if f.outlet:
            where.append("EXISTS (SELECT 1 FROM story_documents sd JOIN articles a ON a.doc_id = sd.doc_id"
                         " WHERE sd.story_id = s.id AND a.outlet = ?)")
            params.append(f.outlet)
        if f.actor:
            where.append("EXISTS (SELECT 1 FROM story_documents sd JOIN doc_actors da ON da.doc_id = sd.doc_id"
                         " WHERE sd.story_id = s.id AND da.actor_id = ?)")
            params.append(f.actor)
        for word in (f.text or "").split():
            where.append("lower(s.title) LIKE lower(?) ESCAPE '\\'")
            params.append(like_pattern(word))
        rows = self._rows(
            f"SELECT {_STORY_COLUMNS},"
            " (SELECT count(*) FROM story_documents sd JOIN duplicates du ON du.doc_id = sd.doc_id"
            "  WHERE sd.story_id = s.id) AS copies,"
            " (SELECT count(DISTINCT a.outlet) FROM story_documents sd JOIN articles a ON a.doc_id = sd.doc_id"
            "  WHERE sd.story_id = s.id) AS outlets"
            f" FROM stories s WHERE {' AND '.join(where)}"
            " ORDER BY coalesce(s.last_seen, '') DESC, s.size DESC, s.id LIMIT ? OFFSET ?",
            [*params, limit + 1, offset])
        return Page(items=rows[:limit], next=encode_cursor(offset + limit) if len(rows) > limit else None)

    def story(self, story_id: str) -> dict[str, Any] | None:
        """A story with its timeline: articles, dated quotes and events (copies' quotes left out,
        so a syndicated quote counts once; denials left out; a statement relayed by several
        outlets is one quote with ``sources``), and its most present actors."""
        found = self._rows(f"SELECT {_STORY_COLUMNS} FROM stories s WHERE s.id = ?", [story_id])
        if not found:
            moved = self.story_redirect(story_id)
            return None if moved is None or moved == story_id else self.story(moved)
        articles = self._rows(
            "SELECT a.doc_id AS id, a.title, a.published, a.outlet, a.url, sd.score,"
            " du.canonical_id AS duplicate_of FROM story_documents sd JOIN articles a ON a.doc_id = sd.doc_id"
            " LEFT JOIN duplicates du ON du.doc_id = sd.doc_id WHERE sd.story_id = ?"
            " ORDER BY coalesce(a.published, ''), a.doc_id", [story_id])
        originals = " AND NOT EXISTS (SELECT 1 FROM duplicates du WHERE du.doc_id = sd.doc_id)"
        quotes = self._rows(
            "SELECT q.id, q.doc_id, q.text, q.kind, q.date, q.speaker_text, q.speaker_ref_text, q.speaker_id,"
            " sp.name AS speaker_name,"
            " q.speaks_for_id, sf.name AS speaks_for_name, a.published, a.outlet FROM story_documents sd"
            " JOIN quotes q ON q.doc_id = sd.doc_id JOIN articles a ON a.doc_id = sd.doc_id"
            " LEFT JOIN actors sp ON sp.id = q.speaker_id LEFT JOIN actors sf ON sf.id = q.speaks_for_id"
            f" WHERE sd.story_id = ? AND q.negated = 0{originals}"
            " ORDER BY coalesce(q.date, a.published, ''), q.doc_id, q.start LIMIT ?", [story_id, _TIMELINE_LIMIT])
        # Denials are not what was said; a statement relayed by several outlets is one entry.
        quotes = collapse_relays(quotes, lambda q: q["speaker_id"],
                                 lambda q: {"doc_id": q["doc_id"], "outlet": q["outlet"], "published": q["published"]})
        events = self._rows(
            "SELECT e.id, e.doc_id, e.type, e.mode, e.date, e.source_id, src.name AS source_name, e.targets,"
            " e.location_id, e.negated, a.published FROM story_documents sd JOIN events e ON e.doc_id = sd.doc_id"
            " JOIN articles a ON a.doc_id = sd.doc_id LEFT JOIN actors src ON src.id = e.source_id"
            f" WHERE sd.story_id = ?{originals}"
            " ORDER BY coalesce(e.date, a.published, ''), e.doc_id, e.start LIMIT ?", [story_id, _TIMELINE_LIMIT])
        for e in events:
            if isinstance(e["targets"], str):
                e["targets"] = json.loads(e["targets"])
        actors = self._rows(
            "SELECT ac.id, ac.name, ac.type, count(*) AS articles, sum(da.mentions) AS mentions,"
            " sum(da.quotes) AS quotes FROM story_documents sd JOIN doc_actors da ON da.doc_id = sd.doc_id"
            " JOIN actors ac ON ac.id = da.actor_id WHERE sd.story_id = ?"
            " GROUP BY ac.id, ac.name, ac.type ORDER BY count(*) DESC, sum(da.mentions) DESC, ac.name LIMIT 20",
            [story_id])
        return {"story": found[0], "articles": articles, "quotes": quotes, "events": events, "actors": actors}

    def actor_stories(self, actor_id: str, filters: Filters | None = None, limit: int = 50,
                      cursor: str | None = None) -> Page:
        """The stories an actor appears in, oldest first (the actor's path through the news)."""
        offset = decode_cursor(cursor)
        where = ["EXISTS (SELECT 1 FROM story_documents sd JOIN doc_actors da ON da.doc_id = sd.doc_id"
                 " WHERE sd.story_id = s.id AND da.actor_id = ?)"]
        params: list[Any] = [actor_id]
        f = filters or Filters()
        if f.since:
            where.append("s.last_seen >= ?")
            params.append(f.since)
        if f.until:
            where.append(f"substr(s.first_seen, 1, {len(f.until)}) <= ?")
            params.append(f.until)
        # The page's stories first, then the actor's counts in those alone: an actor in a third of
        # the news is in most stories, which are then read in order (stories_first_seen) and
        # stop at the page, instead of counting all of its stories to sort them.
        rows = self._rows(
            f"SELECT {_STORY_COLUMNS}, count(*) AS actor_articles, sum(da.mentions) AS mentions,"
            " sum(da.quotes) AS quotes FROM (SELECT s.id FROM stories s"
            f" WHERE {' AND '.join(where)} ORDER BY coalesce(s.first_seen, ''), s.id LIMIT ? OFFSET ?) page"
            " JOIN stories s ON s.id = page.id JOIN story_documents sd ON sd.story_id = s.id"
            " JOIN doc_actors da ON da.doc_id = sd.doc_id AND da.actor_id = ?"
            " GROUP BY s.id, s.title, s.first_seen, s.last_seen, s.size"
            " ORDER BY coalesce(s.first_seen, ''), s.id", [*params, limit + 1, offset, actor_id])
        return Page(items=rows[:limit], next=encode_cursor(offset + limit) if len(rows) > limit else None)

    def article_story(self, doc_id: str) -> dict[str, Any] | None:
        """An article's story and duplicate group: ``{story, canonical_id, copies}``."""
        story = self._rows(f"SELECT {_STORY_COLUMNS} FROM story_documents sd JOIN stories s ON s.id = sd.story_id"
                           " WHERE sd.doc_id = ?", [doc_id])
        dup = self._rows("SELECT canonical_id FROM duplicates WHERE doc_id = ?", [doc_id])
        canonical = dup[0]["canonical_id"] if dup else doc_id
        copies = self._rows("SELECT doc_id FROM duplicates WHERE canonical_id = ? ORDER BY doc_id", [canonical])
        if not story and not dup and not copies:
            return None
        return {"story": story[0] if story else None, "canonical_id": canonical,
                "copies": [r["doc_id"] for r in copies]}
