"""Claim: the Wikidata-derived actor tables load once per process in about a second and a few
tens of MB, and a lookup costs microseconds (so linking stays within the analyze budget).

    .venv/bin/python benchmarks/actor_tables.py
"""

from __future__ import annotations

import os
import platform
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsloom.understand.wikidata import load_wikidata  # noqa: E402


def main() -> None:
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    cpu, wall = time.process_time(), time.perf_counter()
    index = load_wikidata()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    traced = tracemalloc.get_traced_memory()[0] / 1e6
    tracemalloc.stop()
    rss = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss0) / 1e3
    names = [("hillary", "clinton"), ("john", "smith"), ("angela", "merkel"), ("no", "such", "person")] * 25_000
    t = time.perf_counter()
    for words in names:
        index.person(words)
    per = (time.perf_counter() - t) / len(names) * 1e6
    print(f"### Actor tables: load and lookup ({time.strftime('%Y-%m-%d')})\n")
    print(f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}; "
          f"load average {os.getloadavg()[0]:.1f}. Command: `python benchmarks/actor_tables.py`\n")
    print(f"- {len(index)} rows ({len(index.people)} person keys, {len(index.orgs)} organisation keys)")
    print(f"- load: {cpu:.2f} s CPU ({wall:.2f} s wall), once per process")
    print(f"- memory: {traced:.0f} MB allocated by the tables (max RSS grew {rss:.0f} MB)")
    print(f"- person lookup: {per:.2f} µs (exact folded name, record parsed on a hit)")


if __name__ == "__main__":
    main()
