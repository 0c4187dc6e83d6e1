"""Ingest throughput and peak memory on generated documents (extraction + storage).

Usage: python benchmarks/ingest.py [--docs 10000] [--stages ""]
Runs `newsloom ingest` in a child process for a quarter of the corpus and for all of it, so that
peak memory can be compared across corpus sizes (it must not grow with the corpus).
"""

from __future__ import annotations

import argparse
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = ("minister talks ceasefire grain corridor sanctions council vote envoy summit delegation "
         "border shipment statement agreement parliament budget aid convoy harbour election").split()


def _paragraph(rng: random.Random) -> str:
    sentences = []
    for _ in range(rng.randint(3, 6)):
        words = [rng.choice(WORDS) for _ in range(rng.randint(8, 22))]
        sentences.append(" ".join(words).capitalize() + ".")
    return " ".join(sentences)


def generate(folder: Path, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        title = f"Report {i}: " + " ".join(rng.choice(WORDS) for _ in range(6))
        paras = [_paragraph(rng) for _ in range(rng.randint(4, 9))]
        if i % 2:
            body = "".join(f"<p>{p}</p>" for p in paras)
            html = (f"<html><head><title>{title}</title><meta property='og:site_name' content='Gen Wire'>"
                    f"</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article>"
                    f"<h1>{title}</h1>{body}</article><footer>Copyright Gen Wire</footer></body></html>")
            (folder / f"doc{i:06d}.html").write_text(html)
        else:
            (folder / f"doc{i:06d}.txt").write_text(title + "\n\n" + "\n\n".join(paras) + "\n")


def run(folder: Path, db: Path, stages: str) -> tuple[float, float]:
    """(seconds, peak RSS in MiB) of one ingest in a fresh child process."""
    t0 = time.perf_counter()
    code = ("import resource, sys; from newsloom.cli import app\n"
            "try:\n    app(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n")
    proc = subprocess.run([sys.executable, "-c", code, "ingest", str(folder), "--db", str(db), "--stages", stages],
                          capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    if "added" not in proc.stderr:
        raise SystemExit(f"ingest failed: {proc.stderr[-2000:]}")
    peak_kib = int(proc.stderr.strip().splitlines()[-1])
    return seconds, peak_kib / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--stages", default="", help="stages after extraction ('' = extraction only)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        quarter, full = root / "quarter", root / "full"
        generate(full, args.docs)
        quarter.mkdir()
        for p in sorted(full.iterdir())[: args.docs // 4]:
            (quarter / p.name).write_bytes(p.read_bytes())
        s_q, m_q = run(quarter, root / "q.db", args.stages)
        s_f, m_f = run(full, root / "f.db", args.stages)
        db_mb = (root / "f.db").stat().st_size / 1e6
    n_q = args.docs // 4
    print(f"## Ingest ({'extraction only' if not args.stages else args.stages})\n")
    print(f"Machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}, "
          f"2 cores. Command: `python benchmarks/ingest.py --docs {args.docs}"
          f"{' --stages ' + args.stages if args.stages else ''}`\n")
    print("| documents | seconds | docs/s | peak RSS MiB |\n|---|---|---|---|")
    print(f"| {n_q} | {s_q:.1f} | {n_q / s_q:.0f} | {m_q:.0f} |")
    print(f"| {args.docs} | {s_f:.1f} | {args.docs / s_f:.0f} | {m_f:.0f} |")
    print(f"\nPeak memory ratio full/quarter: {m_f / m_q:.2f} (flat = memory does not grow with corpus size); "
          f"database {db_mb:.0f} MB.")


if __name__ == "__main__":
    main()
