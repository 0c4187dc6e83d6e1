"""Store query cost: median CPU milliseconds of each read query, and documents written per second,
over synthetic articles (the generator of benchmarks/api.py) in a SQLite file.

Run: .venv/bin/python benchmarks/store_queries.py [--articles 20000] [--repeat 30]
To compare two versions of the code, run it with each on PYTHONPATH; the figures are comparable
only on the same machine and load.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from api import synthetic  # noqa: E402 - the benchmark's own generator

import newsloom  # noqa: E402
from newsloom.store import Filters, SQLiteStore  # noqa: E402


def _median_ms(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm the page cache and statement cache
    times = []
    for _ in range(repeat):
        # CPU time of this process (SQLite runs in it): steadier than wall time on a shared machine.
        t0 = time.process_time()
        fn()
        times.append((time.process_time() - t0) * 1000)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=20_000)
    ap.add_argument("--repeat", type=int, default=30)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(Path(tmp) / "q.db")
        t0 = time.perf_counter()
        for doc, art in synthetic(args.articles):
            store.save(doc, art)
        write_rate = args.articles / (time.perf_counter() - t0)
        top = store.actors(limit=1).items[0]
        queries: dict[str, Callable[[], object]] = {
            "articles page": lambda: store.articles(limit=20),
            "articles, outlet + since": lambda: store.articles(Filters(outlet="Valley Times", since="2023-01"), 20),
            "search common word": lambda: store.search("government", limit=20),
            "search phrase": lambda: store.search('"trade agreement"', limit=20),
            "search facets": lambda: store.search_facets("government"),
            "actors page": lambda: store.actors(limit=50),
            "actors by name": lambda: store.actors(name=top["name"][:4]),
            "find_actor (substring)": lambda: store.find_actor(top["name"][1:6]),
            "actor profile": lambda: store.actor(top["id"]),
            "actor timeline": lambda: store.actor_timeline(top["id"]),
            "quotes page": lambda: store.quotes(limit=50),
            "quotes by speaker name": lambda: store.quotes(speaker=top["name"], limit=50),
        }
        print(f"newsloom {newsloom.__file__}")
        print(f"{args.articles} articles written at {write_rate:.0f} docs/s")
        for name, fn in queries.items():
            print(f"{name:28s} {_median_ms(fn, args.repeat):8.2f} ms CPU")
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
