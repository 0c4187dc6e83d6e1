"""PostgreSQL from 100 k to 1 M generated articles in the server: copies of the first load.

Generating and sending a million articles from Python takes over an hour on the shared machine;
``INSERT ... SELECT`` inside the server makes copy k of the base articles with new ids and every
date moved k periods later (the days the base spans at ``store_gen.PER_DAY``: 182 for 100 k), so the archive
keeps its rate, its word frequencies, its actor popularity and its offsets (texts are unchanged).
Search and tsvector columns are computed by the server for every copy as for any insert.
"""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import psycopg
from store_gen import PER_DAY  # the generator's rate: a copy moves every date by the days its base spans

_SNAPSHOTS = ("documents", "mentions", "doc_actors", "dates", "quotes", "events", "story_documents")


_SHIFT_TS = "to_char(left({c}, 19)::timestamp + make_interval(days => %(d)s), 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
_SHIFT_DAY = "to_char(left({c}, 10)::date + %(d)s, 'YYYY-MM-DD')"
_NEW_ID = "substr(md5({c} || ':' || %(k)s), 1, 16)"
# One INSERT ... SELECT per table: copy k of the base articles (in scale_base, parts by n), with new
# ids and every date moved k periods later; texts, offsets and actors stay as they are.
_REPLICATE = {
    "documents": ("INSERT INTO documents (id, content_hash, source, media_type, size, meta, fetched_at, status,"
                  " updated_at) SELECT " + _NEW_ID.format(c="d.id") + ", md5(d.content_hash || ':' || %(k)s),"
                  " d.source || ':' || %(k)s, d.media_type, d.size, d.meta, d.fetched_at, d.status, d.updated_at"
                  " FROM scale_documents d WHERE d.n BETWEEN %(lo)s AND %(hi)s"),
    "articles": ("INSERT INTO articles (doc_id, title, authors, published, outlet, url, language, text, paragraphs,"
                 " meta, processed_at, tsv) SELECT " + _NEW_ID.format(c="a.doc_id") + ", a.title, a.authors, "
                 + _SHIFT_TS.format(c="a.published") + ", a.outlet, a.url || '/' || %(k)s, a.language, a.text,"
                 " a.paragraphs, a.meta, a.processed_at, a.tsv FROM articles a"
                 " WHERE a.n BETWEEN %(lo)s AND %(hi)s ORDER BY a.n"),
    "mentions": ('INSERT INTO mentions (doc_id, actor_id, text, start, "end", label, role, affiliation_id) SELECT '
                 + _NEW_ID.format(c="m.doc_id") + ', m.actor_id, m.text, m.start, m."end", m.label, m.role,'
                 " m.affiliation_id FROM scale_base b JOIN scale_mentions m ON m.n = b.n"
                 " WHERE b.n BETWEEN %(lo)s AND %(hi)s"),
    "doc_actors": ("INSERT INTO doc_actors (doc_id, actor_id, mentions, quotes) SELECT "
                   + _NEW_ID.format(c="x.doc_id") + ", x.actor_id, x.mentions, x.quotes FROM scale_base b"
                   " JOIN scale_doc_actors x ON x.n = b.n WHERE b.n BETWEEN %(lo)s AND %(hi)s"),
    "dates": ('INSERT INTO dates (doc_id, text, start, "end", resolved) SELECT ' + _NEW_ID.format(c="x.doc_id")
              + ', x.text, x.start, x."end", ' + _SHIFT_DAY.format(c="x.resolved") + " FROM scale_base b"
              " JOIN scale_dates x ON x.n = b.n WHERE b.n BETWEEN %(lo)s AND %(hi)s"),
    "quotes": ('INSERT INTO quotes (doc_id, text, start, "end", kind, cue, speaker_text, speaker_start, speaker_end,'
               " speaker_id, speaks_for_id, role, date, sentence_start, sentence_end, effective_date, tsv, group_key) SELECT "
               + _NEW_ID.format(c="q.doc_id") + ', q.text, q.start, q."end", q.kind, q.cue, q.speaker_text,'
               " q.speaker_start, q.speaker_end, q.speaker_id, q.speaks_for_id, q.role, "
               + _SHIFT_DAY.format(c="q.date") + ", q.sentence_start, q.sentence_end, "
               + _SHIFT_DAY.format(c="q.effective_date") + ", q.tsv, q.group_key FROM scale_base b JOIN scale_quotes q ON q.n = b.n"
               " WHERE b.n BETWEEN %(lo)s AND %(hi)s ORDER BY q.id"),
    "events": ('INSERT INTO events (doc_id, type, source_id, targets, date, start, "end", text, trigger_text,'
               " trigger_start, trigger_end, effective_date) SELECT " + _NEW_ID.format(c="e.doc_id")
               + ", e.type, e.source_id, e.targets, " + _SHIFT_DAY.format(c="e.date") + ', e.start, e."end",'
               " e.text, e.trigger_text, e.trigger_start, e.trigger_end, " + _SHIFT_DAY.format(c="e.effective_date")
               + " FROM scale_base b JOIN scale_events e ON e.n = b.n WHERE b.n BETWEEN %(lo)s AND %(hi)s"
               " ORDER BY e.id"),
    "stories": ("INSERT INTO stories (id, title, first_seen, last_seen, size, updated_at, open_until)"
                " SELECT s.id || '-' || %(k)s, s.title, " + _SHIFT_TS.format(c="s.first_seen") + ", "
                + _SHIFT_TS.format(c="s.last_seen") + ", s.size, s.updated_at, " + _SHIFT_DAY.format(c="s.open_until")
                + " FROM scale_stories b JOIN stories s ON s.id = b.id WHERE %(lo)s = %(first)s"),
    "story_documents": ("INSERT INTO story_documents (story_id, doc_id, score) SELECT sd.story_id || '-' || %(k)s, "
                        + _NEW_ID.format(c="sd.doc_id") + ", sd.score FROM scale_base b JOIN scale_story_documents sd"
                        " ON sd.n = b.n WHERE b.n BETWEEN %(lo)s AND %(hi)s"),
}


def replicate(store: Any, base: int, total: int, workers: int = 5) -> None:
    """Grow ``store`` from ``base`` to ``total`` articles (a multiple of ``base``) by copies."""
    conn = store.conn
    conn.execute(f"CREATE TABLE IF NOT EXISTS scale_base AS SELECT n, doc_id FROM articles ORDER BY n LIMIT {int(base)}")
    conn.execute("CREATE INDEX IF NOT EXISTS scale_base_n ON scale_base(n)")
    conn.execute("CREATE TABLE IF NOT EXISTS scale_stories AS SELECT id FROM stories")
    # Snapshots of the base facts keyed by article number: each copy reads its range of them
    # instead of joining the growing tables (whose secondary indexes are dropped during a load).
    for table in _SNAPSHOTS:
        key = "id" if table == "documents" else "doc_id"
        conn.execute(f"CREATE TABLE IF NOT EXISTS scale_{table} AS SELECT b.n, x.* FROM scale_base b"
                     f" JOIN {table} x ON x.{key} = b.doc_id")
        conn.execute(f"CREATE INDEX IF NOT EXISTS scale_{table}_n ON scale_{table}(n)")
    # A copy's texts are its base's, so its search vectors are too: the generated tsv columns become
    # plain columns holding the same values, copied instead of computed again (most of a copy's
    # cost). Reads, plans and indexes are unchanged; this store takes no new articles afterwards.
    for table in ("articles", "quotes"):
        if conn.execute("SELECT 1 FROM information_schema.columns WHERE table_name = %s AND column_name = 'tsv'"
                        " AND is_generated = 'ALWAYS'", [table]).fetchone():
            conn.execute(f"ALTER TABLE {table} ALTER COLUMN tsv DROP EXPRESSION")
    conn.execute("ANALYZE scale_base")
    lo, hi = conn.execute("SELECT min(n) AS lo, max(n) AS hi FROM scale_base").fetchone().values()
    step = (hi - lo) // workers + 1
    parts = [(a, min(hi, a + step - 1)) for a in range(lo, hi + 1, step)]
    tasks = [(k, a, b) for k in range(1, total // base) for a, b in parts]

    def run(task: tuple[int, int, int]) -> None:
        k, a, b = task
        params = {"k": k, "d": k * -(-base // PER_DAY), "lo": a, "hi": b, "first": lo}
        with psycopg.connect(store.url, autocommit=True) as c:
            c.execute("SET session_replication_role = replica")
            with c.transaction():
                for sql in _REPLICATE.values():
                    c.execute(sql, params)
        print(f"  copy {k}, articles {a}..{b}", file=sys.stderr, flush=True)

    pool = ThreadPoolExecutor(workers)
    try:
        list(pool.map(run, tasks))
    finally:  # on a kill, copies not started are dropped (the running ones end with the server)
        pool.shutdown(wait=False, cancel_futures=True)
    for table in ("base", "stories", *_SNAPSHOTS):
        conn.execute(f"DROP TABLE scale_{table}")
