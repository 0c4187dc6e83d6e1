"""Growth: the cost of adding the n-th article (real pipeline + ``stories build``) as the store grows.

    .venv/bin/python benchmarks/growth.py [--sizes 1000 10000 100000] [--sample 12]

For each size a SQLite store is filled with that many generated articles and their facts
(``store_gen.py``, written as rows, placed in stories as an earlier build left them) and
optimized as after a large load. Then ``--sample`` real articles (the Giveme5W1H development set
in /work/shared, read at run time; their publication moved to the day after the stored ones, as
the next news) are ingested through the full pipeline (extraction, understanding, storage) and
``stories build`` runs incrementally. Reported per new article: CPU seconds of this process (the
whole pipeline and SQLite run in it; CPU rather than wall time because the machine is shared),
for ingest and for the stories build, and the ratio to the smallest store. The pipeline's models
are loaded once before timing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import store_gen as gen  # noqa: E402
import store_scale  # noqa: E402
from store_scale import load_sqlite  # noqa: E402

from newsloom.batch.local import ingest_documents  # noqa: E402
from newsloom.connect.build import build_stories, summarize_stories  # noqa: E402
from newsloom.connect.features import Vectorizer, item_from_row  # noqa: E402
from newsloom.model import Document  # noqa: E402
from newsloom.pipeline import Pipeline  # noqa: E402
from newsloom.settings import Settings  # noqa: E402
from newsloom.store.sqlite import SQLiteStore  # noqa: E402


def real_sample(path: Path, n: int, day: str, skip: int = 0) -> list[Document]:
    """``n`` real articles as new documents published on ``day``."""
    docs = []
    for line in path.read_text("utf-8").splitlines()[skip:skip + n]:
        rec = json.loads(line)
        text = rec["title"] + "\n\n" + rec["text"]
        docs.append(Document(raw=text.encode(), source=f"growth:{rec['id']}", media_type="text/plain",
                             meta={"title": rec["title"], "published": day + "T09:00:00Z", "outlet": "Growth Wire"}))
    return docs


def count_terms(store: SQLiteStore, chunk: int = 2000) -> None:
    """The stored articles' word document frequencies, as the builds that placed them count them."""
    ids = store.article_ids_since()
    vectorizer = Vectorizer()
    for i in range(0, len(ids), chunk):
        vectorizer.fit(item_from_row(r) for r in store.connect_rows(ids[i:i + chunk]))
        vectorizer._cache.clear()  # only the counts are wanted
    store.add_term_stats(vectorizer.df, vectorizer.n_docs, reset=True)


def run(size: int, sample: int, corpus: Path, pipeline: Pipeline, settings: Settings,
        queries: int = 0) -> dict[str, float]:
    """Fill a store with ``size`` articles, add ``sample`` real ones; with ``queries`` rounds, also
    measure the hot queries on the grown store (as store_scale.py does)."""
    w = gen.world(vocab=corpus)
    with tempfile.TemporaryDirectory() as tmp, SQLiteStore(Path(tmp) / "growth.db") as store:
        t0 = time.perf_counter()
        load_sqlite(store, w, 0, size)
        store.optimize()
        loaded = time.perf_counter() - t0
        day = (gen.published_at(size - 1) + timedelta(days=1)).strftime("%Y-%m-%d")
        # As earlier builds leave them: word frequencies and the open stories' summaries (the
        # generator writes rows only). Not timed.
        count_terms(store)
        summarize_stories(store, day=(gen.published_at(size - 1) - timedelta(days=1)).strftime("%Y-%m-%d"))
        docs = real_sample(corpus, sample, day, skip=20)
        c0, w0 = time.process_time(), time.perf_counter()
        report = ingest_documents(docs, store, settings, pipeline=pipeline)
        c1 = time.process_time()
        built = build_stories(store)
        c2, w2 = time.process_time(), time.perf_counter()
        assert report.added == sample, report.errors
        if queries:
            scans = store_scale.plans(store, store_scale.probes(w, size)[0])
            figures = store_scale.measure(store, store_scale.probes(w, size), queries)
            store_scale._report("sqlite", size, loaded, figures, scans, f"{Path(tmp, 'growth.db').stat().st_size / 2**30:.1f} GiB")
        return {"stored": store.stats()["articles"], "ingest": (c1 - c0) / sample, "stories": (c2 - c1) / sample,
                "wall": (w2 - w0) / sample, "placed": built.new, "load_s": loaded}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--sample", type=int, default=12)
    ap.add_argument("--corpus", type=Path, default=gen.DEFAULT_VOCAB, help="JSONL of real articles")
    ap.add_argument("--queries", type=int, default=0, help="rounds of hot-query probes on the largest store")
    ap.add_argument("--per-day", type=int, default=gen.PER_DAY,
                    help="stored articles a day; stories stay open 60 days, so this sets how many a build reads")
    args = ap.parse_args(argv)
    gen.PER_DAY = args.per_day
    settings = Settings.load()
    pipeline = Pipeline(settings)
    with tempfile.TemporaryDirectory() as tmp, SQLiteStore(Path(tmp) / "warm.db") as warm:
        ingest_documents(real_sample(args.corpus, 2, "2020-01-01"), warm, settings, pipeline=pipeline)  # load models
        build_stories(warm)  # and the sentence-embedding model
    print("| stored articles | ingest CPU s / article | stories build CPU s / article | total vs smallest |"
          " wall s / article |\n|---|---|---|---|---|", flush=True)
    base = 0.0
    for size in args.sizes:  # each row printed as soon as measured
        r = run(size, args.sample, args.corpus, pipeline, settings, args.queries if size == max(args.sizes) else 0)
        total = r["ingest"] + r["stories"]
        base = base or total
        print(f"| {r['stored'] - args.sample:,} | {r['ingest']:.3f} | {r['stories']:.3f} | {total / base:.2f}× |"
              f" {r['wall']:.2f} |", flush=True)
    print(f"\nMachine: {platform.machine()}, {os.cpu_count()} CPUs (shared), Python {platform.python_version()};"
          f" {args.sample} real articles added at each size, {args.per_day} stored a day. Command:"
          f" `.venv/bin/python benchmarks/growth.py --sizes {' '.join(map(str, args.sizes))} --sample {args.sample}"
          f" --per-day {args.per_day}`")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
