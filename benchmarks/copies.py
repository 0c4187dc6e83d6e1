"""Near-duplicate copies on a real stream: precision and recall on hand-checked pairs from the
Giveme5W1H development half (``benchmarks/data/copy_pairs.json``: ids and judgements only).

    .venv/bin/python benchmarks/copies.py

Articles go through :class:`DuplicateIndex` in publication order, as ``stories build`` sends
them; a labelled pair is predicted a copy when both land in one duplicate group.
"""

from __future__ import annotations

import json
import os
import platform
import time
from pathlib import Path

from clustering import load_stream

from newsloom.connect.duplicates import DuplicateIndex, DuplicateParams

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ROOT / "benchmarks" / "data" / "copy_pairs.json"


def evaluate(params: DuplicateParams | None = None) -> dict[str, float]:
    rows = load_stream()
    index = DuplicateIndex(params)
    t0 = time.process_time()
    for r in rows:
        index.add(r["id"], r["text"])
    cpu = time.process_time() - t0
    pairs = json.loads(PAIRS.read_text("utf-8"))["pairs"]
    group = index.canonical
    tp = sum(1 for p in pairs if p["judgement"] == "copy" and group[p["a"]] == group[p["b"]])
    fp = sum(1 for p in pairs if p["judgement"] == "different" and group[p["a"]] == group[p["b"]])
    copies = sum(1 for p in pairs if p["judgement"] == "copy")
    found = sum(1 for d, c in group.items() if d != c)
    return {"tp": tp, "fp": fp, "labelled_copies": copies, "labelled_different": len(pairs) - copies,
            "precision": tp / (tp + fp) if tp + fp else 1.0, "recall": tp / copies if copies else 0.0,
            "copies_found": found, "cpu_s": cpu}


def main() -> int:
    s = evaluate()
    print("### Near-duplicate copies — Giveme5W1H dev (hand-checked pairs)\n")
    print("| labelled copies | labelled different | true positives | false positives | precision | recall |"
          " copies found in the 197 articles | CPU s |\n|---|---|---|---|---|---|---|---|")
    print(f"| {s['labelled_copies']} | {s['labelled_different']} | {s['tp']} | {s['fp']} | {s['precision']:.3f} |"
          f" {s['recall']:.3f} | {s['copies_found']} | {s['cpu_s']:.2f} |")
    print(f"\nParameters: {DuplicateParams()}")
    print(f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()} · "
          "command: `.venv/bin/python benchmarks/copies.py`")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
