"""Batch enrichment throughput: `newsloom batch` with the local engine (1 and 2 processes) and the
Ray engine (1 and 2 actors) on the same documents, peak memory per worker, and the scaling from
one worker to two.

Usage: python benchmarks/batch.py [--docs 5000] [--shared ../shared] [--runs local1,local2,ray1,ray2]

Documents are real-style: each joins paragraphs of the real articles in
shared/bench/clustering/giveme5w1h_dev (read at run time, never copied into the repository) under
a title of its own, so every document is distinct and as costly to analyse as real news. They are
written as JSONL shards of 250 documents in a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARD_DOCS = 250


def generate(shared: Path, folder: Path, n: int, seed: int = 11) -> None:
    rows = [json.loads(line) for line in (shared / "bench/clustering/giveme5w1h_dev/newscluster_dev.jsonl")
            .read_text("utf-8").splitlines() if line.strip()]
    paragraphs = [p for r in rows for p in r["text"].split("\n") if len(p) > 120]
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for s in range(0, n, SHARD_DOCS):
        with (folder / f"shard{s // SHARD_DOCS:04d}.jsonl").open("w", encoding="utf-8") as fh:
            for i in range(s, min(n, s + SHARD_DOCS)):
                source = rng.choice(rows)
                body = rng.sample(paragraphs, rng.randint(5, 12))
                doc = {"id": f"gen-{i}", "title": f"{source['title']} ({i})", "text": "\n\n".join(body),
                       "published": source["date"], "outlet": source["source_domain"]}
                fh.write(json.dumps(doc, ensure_ascii=False) + "\n")


class PeakRss:
    """Samples the resident memory of every process whose command line marks it as a worker."""

    def __init__(self, markers: tuple[str, ...]) -> None:
        self.markers, self.peaks, self._stop = markers, {}, threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            for pid in os.listdir("/proc"):
                if not pid.isdigit():
                    continue
                try:
                    cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
                    if not any(m in cmd for m in self.markers):
                        continue
                    rss_kib = next(int(line.split()[1]) for line in Path(f"/proc/{pid}/status").read_text()
                                   .splitlines() if line.startswith("VmRSS:"))
                except (OSError, StopIteration, ValueError):
                    continue
                self.peaks[pid] = max(self.peaks.get(pid, 0), rss_kib)
            self._stop.wait(0.5)

    def __enter__(self) -> PeakRss:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self.thread.join()

    def max_mib(self) -> float:
        return max(self.peaks.values(), default=0) / 1024


def run(folder: Path, out: Path, engine: str, workers: int) -> dict[str, float]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    cmd = [sys.executable, "-m", "newsloom", "batch", str(folder), "--out", str(out), "--engine", engine,
           "--workers", str(workers), "--batch-size", "16"]
    # Local workers are children of a process pool (multiprocessing's fork server); Ray's actors
    # run as "ray::MapWorker" processes.
    markers = ("ray::MapWorker",) if engine == "ray" else ("multiprocessing", "newsloom batch")
    t0 = time.perf_counter()
    with PeakRss(markers) as rss:
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - t0
    if proc.returncode not in (0, 1) or "documents in" not in proc.stderr:
        raise SystemExit(f"{engine} x{workers} failed:\n{proc.stderr[-3000:]}")
    summary = [line for line in proc.stderr.splitlines() if "documents in" in line][-1]
    documents = int(summary.split()[0])
    return {"seconds": seconds, "documents": documents, "docs_per_s": documents / seconds,
            "peak_worker_mib": rss.max_mib()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=5000)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--runs", default="local1,local2,ray1,ray2")
    args = parser.parse_args()
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        generate(args.shared, folder, args.docs)
        for name in args.runs.split(","):
            engine, workers = name.rstrip("0123456789"), int(name[len(name.rstrip("0123456789")):])
            results[name] = run(folder, Path(tmp) / f"out-{name}", engine, workers)
            r = results[name]
            print(f"{engine:5} x{workers}: {r['documents']:.0f} docs in {r['seconds']:.1f} s = "
                  f"{r['docs_per_s']:.2f} docs/s, peak worker RSS {r['peak_worker_mib']:.0f} MiB", flush=True)
    for engine in ("local", "ray"):
        one, two = results.get(f"{engine}1"), results.get(f"{engine}2")
        if one and two:
            print(f"{engine}: scaling 1 -> 2 workers {two['docs_per_s'] / one['docs_per_s']:.2f}x")
    best = max(r["docs_per_s"] / int(n[-1]) for n, r in results.items())
    cores = 1_000_000 / 3600 / best
    memory = max(r["peak_worker_mib"] for r in results.values()) / 1024
    print(f"paper estimate: 1 M articles/hour needs ~{cores:.0f} worker cores at {best:.2f} docs/s per core, "
          f"~{cores * memory:.0f} GiB for the workers at {memory:.2f} GiB peak each")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")


if __name__ == "__main__":
    main()
