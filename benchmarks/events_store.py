"""Event queries over many synthetic events: p50/p99 of each filter, counts, positions and contrasts.

Run: .venv/bin/python benchmarks/events_store.py [--articles 20000] [--repeat 30]
Each article carries three events between synthetic countries over two years; the database is
cached under /tmp (keyed by size and seed) between runs. Measures the store (in process), not HTTP.
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from newsloom import plover
from newsloom.connect.contrasts import actor_contrasts
from newsloom.connect.positions import actor_positions
from newsloom.model import Actor, Article, Document, Entity, Event, Mention, Paragraph
from newsloom.store import SQLiteStore

SEED = 20240418
NAMES = ["Arland", "Borovia", "Calderra", "Dunmark", "Estova", "Fenwick", "Galdor", "Hollin", "Istria", "Jarrow",
         "Kestrel", "Lorvan", "Mirath", "Norwend", "Ostrava", "Pellan", "Quarry", "Rovena", "Sarn", "Tolland"]
VERBS = {"REQUEST": "called for talks with", "ASSAULT": "shelled positions held by", "AID": "sent aid to",
         "ACCUSE": "accused", "AGREE": "signed a deal with", "THREATEN": "threatened", "SANCTION": "sanctioned",
         "CONSULT": "hosted envoys from"}


def build(path: Path, n: int, rng: random.Random) -> None:
    countries = [Actor(f"bench:country:{c.lower()}", c, "country", country=c[:3].upper()) for c in NAMES]
    start = date(2023, 1, 1)
    with SQLiteStore(path) as store:
        for i in range(n):
            day = (start + timedelta(days=rng.randrange(730))).isoformat()
            text, events, entities = "", [], {}
            for _ in range(3):
                src, dst = rng.sample(countries, 2)
                kind = rng.choice(list(VERBS))
                sentence = f"{src.name} {VERBS[kind]} {dst.name} on the border."
                at = len(text)
                trig = at + len(src.name) + 1
                events.append(Event(type=kind, source=src, targets=[dst], start=at, end=at + len(sentence),
                                    text=sentence, trigger=VERBS[kind], trigger_start=trig,
                                    trigger_end=trig + len(VERBS[kind]), date=day))
                for actor, offset in ((src, at), (dst, at + len(src.name) + len(VERBS[kind]) + 2)):
                    entities.setdefault(actor.id, Entity(actor)).mentions.append(
                        Mention(actor.name, offset, offset + len(actor.name)))
                text += sentence + " "
            text = text.rstrip()
            doc = Document(raw=f"bench {i} {text}".encode(), source=f"bench:{i}", media_type="text/plain")
            store.save(doc, Article(source=doc.source, text=text, paragraphs=[Paragraph(0, len(text))],
                                    document_id=doc.id, title=f"Report {i}", published=day, outlet="Bench",
                                    entities=list(entities.values()), events=events, quotes=[], dates=[]))


def timed(fn, repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.99))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=20000)
    ap.add_argument("--repeat", type=int, default=30)
    args = ap.parse_args()
    rng = random.Random(SEED)
    path = Path(tempfile.gettempdir()) / f"newsloom-events-bench-{args.articles}-{SEED}-v1.db"
    if not path.exists():
        t = time.perf_counter()
        build(path.with_suffix(".part"), args.articles, rng)
        path.with_suffix(".part").rename(path)
        print(f"built {args.articles} articles / {3 * args.articles} events in {time.perf_counter() - t:.1f} s")
    actor = "bench:country:borovia"
    with SQLiteStore(path) as store:
        cases = {
            "all, newest first": lambda: store.events(limit=50),
            "source": lambda: store.events(source=actor, limit=50),
            "target": lambda: store.events(target=actor, limit=50),
            "either side": lambda: store.events(actor=actor, limit=50),
            "type ASSAULT": lambda: store.events(type="ASSAULT", limit=50),
            "one month": lambda: store.events(plover_filters(), limit=50),
            "source + type + month": lambda: store.events(plover_filters(), source=actor, type="ASSAULT", limit=50),
            "actor counts by day": lambda: store.event_counts(source=actor, unit="day"),
            "positions (2000 items)": lambda: actor_positions(store, actor),
            "contrasts (2000 items)": lambda: actor_contrasts(store, actor),
            "positions (300 items, actor page)": lambda: actor_positions(store, actor, limit=300),
            "contrasts (300 items, actor page)": lambda: actor_contrasts(store, actor, limit=300),
        }
        print(f"\n{platform.processor() or platform.machine()}, Python {sys.version.split()[0]}, "
              f"SQLite, {3 * args.articles} events\n")
        print("| query | p50 ms | p99 ms |\n|---|---|---|")
        for name, fn in cases.items():
            reps = max(3, args.repeat // 10) if "(" in name else args.repeat
            p50, p99 = timed(fn, reps)
            print(f"| {name} | {p50:.1f} | {p99:.1f} |")
    assert plover.quad("ASSAULT") == "material conflict"
    return 0


def plover_filters():
    from newsloom.store import Filters

    return Filters(since="2023-06", until="2023-06")


if __name__ == "__main__":
    raise SystemExit(main())
