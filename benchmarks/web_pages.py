"""Workspace pages and CLI lookups over a generated store: CPU time per page (home with its
activity window, an actor page with its charts and on-behalf statements, an article) and per id
prefix lookup.

Run: .venv/bin/python benchmarks/web_pages.py [--articles 20000] [--repeat 5]
Times are CPU seconds of this process (server and client run in it), so a busy machine changes
them little; the generated store is the one benchmarks/api.py builds (cached under /tmp).
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from api import SEED, build  # noqa: E402  (the REST benchmark's generated store)


def _cpu_ms(call, repeat: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t = time.process_time()
        call()
        times.append((time.process_time() - t) * 1000)
    return statistics.median(times), max(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=20000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    from fastapi.testclient import TestClient

    from newsloom.serve import create_app
    from newsloom.store import SQLiteStore

    db = Path(f"/tmp/newsloom-bench-api-{args.articles}-{SEED}.db")
    if not db.exists():
        build(db, args.articles)
    store = SQLiteStore(db)
    client = TestClient(create_app(store))
    country = store.actors(limit=1, type="country").items[0]
    person = store.actors(limit=1, type="person").items[0]
    doc_id = store.articles(limit=1).items[0]["id"]
    pages = {"home (default window)": "/", "home (all time)": "/?active=all",
             f"actor page, country ({country['quotes']} quotes, spoken for often)": f"/actors/{country['id']}",
             f"actor page, person ({person['quotes']} quotes)": f"/actors/{person['id']}",
             "article page": f"/articles/{doc_id}"}
    for path in pages.values():  # warm: models and caches load once per process
        assert client.get(path).status_code == 200
    print(f"{args.articles} generated articles · {platform.processor() or platform.machine()} · "
          f"median of {args.repeat}, CPU ms\n")
    print("| page or lookup | CPU ms (median) | CPU ms (max) |\n|---|---|---|")
    for name, path in pages.items():
        med, worst = _cpu_ms(lambda p=path: client.get(p), args.repeat)
        print(f"| {name} | {med:.0f} | {worst:.0f} |")
    for n in (4, 8):
        med, worst = _cpu_ms(lambda n=n: store.ids_with_prefix("document", doc_id[:n], limit=11), args.repeat * 20)
        print(f"| id prefix lookup, {n} characters | {med:.2f} | {worst:.2f} |")
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
