"""API latency: requests/s, p50 and p99 of search and actor timeline over 100,000 synthetic articles.

Run: .venv/bin/python benchmarks/api.py [--articles 100000] [--seconds 10] [--concurrency 4]
The generated database is cached under /tmp (keyed by size and seed) between runs.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from newsloom.model import Actor, Article, Document, Entity, Mention, Paragraph, Quote, Speaker
from newsloom.store import SQLiteStore

SEED = 20240301
ROOT = Path(__file__).resolve().parents[1]
WORDS = ("government minister talks agreement border trade security council vote budget election court ruling "
         "energy prices harbour grain shipment ceasefire summit delegation sanctions aid treaty parliament "
         "opposition protest reform inflation tariffs pipeline drought flooding refugees negotiators envoy "
         "statement proposal deadline committee report inquiry coalition campaign exports imports currency "
         "bank interest rates vaccine hospital schools teachers strike union farmers fishermen railway airport "
         "port bridge highway satellite launch navy army patrol drills alliance embassy consulate visa").split()
COMMON = "the of and to in on a for with that by said".split()
COUNTRIES = ["Arland", "Borovia", "Calderra", "Dunmark", "Estova", "Fenwick", "Galdor", "Hollin", "Istria", "Jarrow",
             "Kestrel", "Lorvan", "Mirath", "Norwend", "Ostrava", "Pellan", "Quarry", "Rovena", "Sarn", "Tolland"]
FIRST = "Ana Ben Chen Dara Elif Femi Goran Hana Ivan Jana Kofi Lena Marco Nia Omar Pia Rui Sara Tomas Yuki".split()
LAST = "Alves Brandt Costa Dimitrov Eze Fischer Garcia Haddad Ito Jensen Kowalski Lindqvist Moreau Novak Okafor".split()
OUTLETS = ["Harbour Tribune", "Lakeside Courier", "Northern Ledger", "Valley Times", "Coastal Post", "Metro Daily"]


def _actors(rng: random.Random) -> tuple[list[Actor], list[Actor]]:
    countries = [Actor(f"bench:country:{c.lower()}", c, "country") for c in COUNTRIES]
    people = []
    for i in range(400):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {chr(65 + i % 26)}."
        people.append(Actor(f"local:person:bench-{i}", name, "person"))
    return countries, people


class _Text:
    """Text built piece by piece, reporting each piece's offsets."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0

    def add(self, piece: str) -> tuple[int, int]:
        start = self.pos
        self.parts.append(piece)
        self.pos += len(piece)
        return start, self.pos


def synthetic(n: int, seed: int = SEED):
    """``n`` (Document, Article) pairs with entities and quotes, deterministic for ``seed``."""
    rng = random.Random(seed)
    countries, people = _actors(rng)
    # Skewed popularity, like real news: a few actors appear very often.
    person_weights = [1 / (i + 1) for i in range(len(people))]
    for i in range(n):
        day = 1 + i * 730 // n
        published = time.strftime("%Y-%m-%d", time.gmtime(1640995200 + day * 86400))
        country = countries[rng.randrange(len(countries))] if rng.random() < 0.5 else rng.choice(countries)
        person = rng.choices(people, person_weights)[0]
        buf = _Text()
        mentions, quotes = [], []

        def filler(k: int) -> str:
            return " ".join(rng.choice(WORDS) if rng.random() < 0.6 else rng.choice(COMMON) for _ in range(k))

        buf.add(filler(25).capitalize() + " in ")
        s, e = buf.add(country.name)
        mentions.append((country, s, e))
        buf.add(". " + filler(30).capitalize() + ". \u201c")
        q_start = buf.pos - 1
        buf.add(filler(18).capitalize())
        buf.add(",\u201d ")
        q_end = buf.pos - 1
        s, e = buf.add(person.name)
        mentions.append((person, s, e))
        buf.add(" said. " + filler(60).capitalize() + ".")
        text = "".join(buf.parts)
        entities: dict[str, Entity] = {}
        for actor, s, e in mentions:
            entities.setdefault(actor.id, Entity(actor)).mentions.append(Mention(text[s:e], s, e))
        quotes.append(Quote(text[q_start:q_end], q_start, q_end, "direct", "said",
                            Speaker(person.name, s, e, person), speaks_for=country, date=published))
        title = f"{country.name}: {filler(6)}"
        doc = Document(raw=f"{i}:{seed}:{title}".encode(), source=f"bench:{i}", media_type="text/plain")
        art = Article(source=doc.source, text=text, paragraphs=[Paragraph(0, len(text))], document_id=doc.id,
                      title=title, published=published, outlet=OUTLETS[i % len(OUTLETS)], language="en",
                      entities=list(entities.values()), quotes=quotes, dates=[], events=[])
        yield doc, art


def build(path: Path, n: int) -> float:
    """Create the cached database; returns seconds spent."""
    t0 = time.perf_counter()
    tmp = path.with_suffix(".building")
    for p in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        p.unlink(missing_ok=True)
    store = SQLiteStore(tmp)
    store.conn.execute("PRAGMA synchronous = OFF")  # a throwaway benchmark file: durability is irrelevant
    for i, (doc, art) in enumerate(synthetic(n)):
        store.save(doc, art)
        if i % 10000 == 0:
            print(f"  generated {i}/{n}", file=sys.stderr, flush=True)
    store.conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('optimize')")
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    tmp.rename(path)
    return time.perf_counter() - t0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load(base: str, paths: list[str], seconds: float, concurrency: int) -> dict[str, float]:
    """Closed-loop load: ``concurrency`` clients cycle through ``paths`` for ``seconds``."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def worker(k: int) -> None:
        nonlocal errors
        mine: list[float] = []
        bad = 0
        with httpx.Client(base_url=base, timeout=30) as client:
            i = k
            while time.perf_counter() < stop:
                t = time.perf_counter()
                r = client.get(paths[i % len(paths)])
                mine.append(time.perf_counter() - t)
                bad += r.status_code != 200
                i += concurrency
        with lock:
            latencies.extend(mine)
            errors += bad

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(concurrency)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    latencies.sort()
    return {"requests": len(latencies), "errors": errors, "rps": len(latencies) / elapsed,
            "p50_ms": 1000 * statistics.median(latencies),
            "p99_ms": 1000 * latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--concurrency", type=int, default=2)
    args = ap.parse_args()
    db = Path(f"/tmp/newsloom-bench-api-{args.articles}-{SEED}.db")
    built = None
    if not db.exists():
        print(f"generating {args.articles} articles into {db} ...", file=sys.stderr)
        built = build(db, args.articles)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "newsloom", "serve", "--db", str(db), "--port", str(port)],
                              cwd=ROOT, env={**os.environ, "NEWSLOOM_TOKEN": ""})
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                if httpx.get(base + "/api/v1/stats", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            raise RuntimeError("server did not start")
        rare = ["satellite launch", '"grain shipment"', "Borovia tariffs", "vaccine hospital", "railway strike"]
        common = ["the", "said", "minister", "the OR said"]
        search_paths = [f"/api/v1/search?q={q}" for q in rare + common]
        actors = httpx.get(base + "/api/v1/actors?limit=20&type=person").json()["items"]
        timeline_paths = [f"/api/v1/actors/{a['id']}/timeline" for a in actors]
        results = {
            "search (rare+common terms)": load(base, search_paths, args.seconds, args.concurrency),
            "search (common terms only)": load(base, [f"/api/v1/search?q={q}" for q in common], args.seconds,
                                               args.concurrency),
            "actor timeline": load(base, timeline_paths, args.seconds, args.concurrency),
        }
    finally:
        server.terminate()
        server.wait(10)
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.processor())
    print("\n### API latency (benchmarks/api.py)\n")
    print(f"- Machine: {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, SQLite "
          f"{__import__('sqlite3').sqlite_version}, shared with other jobs")
    print(f"- Command: `.venv/bin/python benchmarks/api.py --articles {args.articles} --seconds {args.seconds:g} "
          f"--concurrency {args.concurrency}` (uvicorn, 1 process, loopback, closed-loop httpx clients)")
    print(f"- Database: {args.articles:,} synthetic articles (seed {SEED}), {db.stat().st_size / 1e6:.0f} MB"
          + (f", built in {built:.0f} s" if built else ", cached"))
    print("\n| endpoint | requests | errors | req/s | p50 ms | p99 ms |\n|---|---|---|---|---|---|")
    for name, r in results.items():
        print(f"| {name} | {r['requests']} | {r['errors']} | {r['rps']:.0f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} |")
    for name, key in (("search", "search (rare+common terms)"), ("actor timeline", "actor timeline")):
        ok = results[key]["p99_ms"] < 100
        print(f"\nTarget p99 < 100 ms for {name}: {'met' if ok else 'NOT met'}.", end="")
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
