"""``stories build`` cost per 1,000 new articles with 1k, 10k and 100k articles already stored.

    .venv/bin/python benchmarks/stories_scale.py [--sizes 1000 10000 100000]

Generated, lightweight articles (a title and about 80 words drawn from a shared vocabulary plus a
few words of their story; no NLP stage) are written straight into a SQLite store at ten a day,
already placed in stories as an earlier build would have left them (windows, word frequencies,
MinHash buckets); then 1,000 new articles of
the following 100 days are added and ``build_stories`` runs once. The build reads the new
articles and the stories still open on the first new day (through the ``open_until`` index),
so its cost follows the news rate and the stories' windows, not the size of the store.
Sentence embeddings are off here unless ``--embeddings``: they cost the same per new article at
any store size (only new articles are embedded), and ``clustering.py`` reports that cost.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import random
import tempfile
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from newsloom.connect.build import build_stories, summarize_stories
from newsloom.connect.duplicates import DuplicateIndex, DuplicateParams
from newsloom.connect.features import Item, Vectorizer
from newsloom.connect.stories import StoryClusterer, StoryParams, StoryState
from newsloom.model import Story, utcnow
from newsloom.store.sqlite import SQLiteStore

PER_DAY = 10
STORY_SIZE = 5
START = date(2000, 1, 1)


def _words(rng: random.Random, n: int) -> list[str]:
    return ["w" + hashlib.sha1(f"{rng.random()}".encode()).hexdigest()[:6] for _ in range(n)]


def generate(n: int, offset: int, rng: random.Random, common: list[str]) -> list[tuple]:
    """``n`` rows (doc id, title, published, text, story key) from article number ``offset`` on."""
    rows = []
    for k in range(offset, offset + n):
        story = k // STORY_SIZE
        own = [f"s{story}a", f"s{story}b", f"s{story}c"]
        words = rng.choices(common, k=80) + own * 3
        rng.shuffle(words)
        day = START + timedelta(days=k // PER_DAY)
        doc_id = hashlib.sha1(f"doc{k}".encode()).hexdigest()[:16]
        rows.append((doc_id, " ".join(own + words[:5]), f"{day.isoformat()}T12:00:00Z", " ".join(words), story))
    return rows


def write(store: SQLiteStore, rows: list[tuple]) -> None:
    now = utcnow()
    with store.transaction() as c:
        c.executemany("INSERT INTO documents (id, content_hash, source, media_type, raw, size, meta, fetched_at,"
                      " status, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                      [(r[0], r[0] * 4, f"gen:{r[0]}", "text/plain", b"", len(r[3]), "{}", now, "done", now)
                       for r in rows])
        c.executemany("INSERT INTO articles (doc_id, title, published, text, processed_at) VALUES (?,?,?,?,?)",
                      [(r[0], r[1], r[2], r[3], now) for r in rows])


def placed(store: SQLiteStore, rows: list[tuple], rng: random.Random) -> None:
    """Stories as an earlier build left them: open as long as the clusterer's window for their size,
    with the word frequencies and MinHash buckets a build keeps (random buckets, as many per
    article as the LSH index has bands: the index's size is what the lookups pay for)."""
    by_story: dict[int, list[tuple]] = {}
    for r in rows:
        by_story.setdefault(r[4], []).append(r)
    stories, until = [], {}
    clusterer = StoryClusterer(Vectorizer(), StoryParams())
    for key, members in by_story.items():
        sid = "st-gen" + str(key)
        stories.append(Story(id=sid, title=members[0][1], document_ids=[m[0] for m in members],
                             first_seen=members[0][2], last_seen=members[-1][2]))
        state = StoryState(id=sid, rank=0, members=[m[0] for m in members],
                           last_day=date.fromisoformat(members[-1][2][:10]).toordinal())
        until[sid] = date.fromordinal(clusterer.open_until(state) or 0).isoformat()
    store.replace_stories(stories, {}, {}, open_until=until)
    df = Counter(w for r in rows for w in set(f"{r[1]} {r[3]}".split()))
    store.add_term_stats(df, len(rows), reset=True)
    bands = DuplicateIndex().lsh.b
    store.add_minhash_bands({r[0]: [(b, rng.getrandbits(63)) for b in range(bands)] for r in rows}, reset=True)


def run(stored: int, new: int = 1000, seed: int = 1, embeddings: bool = False) -> tuple[float, float, int]:
    params = (StoryParams() if embeddings else StoryParams(embedding_weight=0.0), DuplicateParams())
    rng = random.Random(seed)
    common = _words(rng, 5000)
    with tempfile.TemporaryDirectory() as tmp, SQLiteStore(Path(tmp) / "scale.db") as store:
        old = generate(stored, 0, rng, common)
        write(store, old)
        placed(store, old, rng)
        # As the earlier builds would have left them (the rows above carry no summaries).
        summarize_stories(store, day=(START + timedelta(days=stored // PER_DAY - 1)).isoformat(), params=params)
        write(store, generate(new, stored, rng, common))
        t0, c0 = time.perf_counter(), time.process_time()
        result = build_stories(store, params=params)
        return time.perf_counter() - t0, time.process_time() - c0, result.new


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--embeddings", action="store_true", help="sentence embeddings on (the default settings)")
    args = parser.parse_args(argv)
    if args.embeddings:
        from newsloom.connect.embeddings import embed_items

        embed_items([Item("warm", "warm", "", "")])  # the model loads once, before timing
    print("### `stories build` per 1,000 new articles by store size (generated articles)\n")
    print("| stored articles | new placed | wall s | CPU s |\n|---|---|---|---|")
    for size in args.sizes:
        wall, cpu, placed_now = run(size, embeddings=args.embeddings)
        print(f"| {size:,} | {placed_now} | {wall:.2f} | {cpu:.2f} |", flush=True)
    print(f"\nMachine: {platform.machine()}, {os.cpu_count()} CPUs (shared), Python {platform.python_version()} · "
          f"command: `.venv/bin/python benchmarks/stories_scale.py`")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
