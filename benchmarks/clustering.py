"""Story clustering on ECB+ (Cybulska and Vossen, LREC 2014): BCubed and pairwise F1 against
the gold events, with baselines, printed as a markdown block for BENCHMARKS.md.

    .venv/bin/python benchmarks/clustering.py [--entities] [--sweep]

``--entities`` also runs the understand stage (spaCy + actor linking) to add the actor signal;
``--sweep`` prints scores over a grid of thresholds and weights (how the defaults were chosen).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import sys
import time
from dataclasses import replace
from pathlib import Path

from newsloom.connect.build import connect
from newsloom.connect.duplicates import DuplicateIndex, DuplicateParams
from newsloom.connect.features import Item, lead_of
from newsloom.connect.metrics import bcubed, pairwise
from newsloom.connect.stories import StoryParams

ROOT = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    env = os.environ.get("NEWSLOOM_SHARED")
    return Path(env) if env else (ROOT / "../shared").resolve()


def load(path: Path | None = None) -> list[dict]:
    path = path or shared_dir() / "bench/clustering/ecbplus/ecbplus.jsonl"
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def stream_order(doc_id: str) -> str:
    """A fixed pseudo-random order: the set has no publication dates, and sorting by id would
    hand the clusterer each topic's articles together."""
    return hashlib.sha1(doc_id.encode()).hexdigest()


def to_items(rows: list[dict], params: StoryParams, actors: dict[str, dict[str, int]] | None = None) -> list[Item]:
    items = []
    for r in sorted(rows, key=lambda r: stream_order(r["id"])):
        text = r["text"]
        body = text[len(r["title"]):].lstrip() if text.startswith(r["title"]) else text
        # The set's ``date`` is the first explicit date in the opening sentences: a date resolved
        # in the text, not a publication date.
        items.append(Item(id=r["id"], title=r["title"], lead=lead_of(body, params.lead_chars), body=text,
                          text_dates=[r["date"]] if r.get("date") else [],
                          actors=(actors or {}).get(r["id"], {}), order=(stream_order(r["id"]),)))
    return items


def cluster(items: list[Item], params: StoryParams) -> dict[str, str]:
    """The library's path: copies follow their canonical article, the others are scored."""
    return connect(items, params).assignment


def score(pred: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    b, p = bcubed(pred, gold), pairwise(pred, gold)
    return {"bcubed_p": b["precision"], "bcubed_r": b["recall"], "bcubed_f1": b["f1"], "pairwise_f1": p["f1"],
            "clusters": len(set(pred.values()))}


def text_only(params: StoryParams) -> StoryParams:
    """Plain TF-IDF: no name boost, no dates, no actors (what groups articles by topic)."""
    return replace(params, name_boost=1.0, text_date_weight=0.0, actor_weight=0.0, time_weight=0.0)


def run_entities(rows: list[dict]) -> dict[str, dict[str, int]]:
    """Linked actors per article from the understand stage."""
    from newsloom.model import Article, Paragraph
    from newsloom.settings import Settings
    from newsloom.understand.stage import UnderstandStage

    stage = UnderstandStage(Settings.load(None))
    out: dict[str, dict[str, int]] = {}
    batch = []
    for r in rows:
        text = r["text"]
        batch.append(Article(source=r["id"], document_id=r["id"], title=r["title"], text=text,
                             paragraphs=[Paragraph(0, len(text))]))
    for i in range(0, len(batch), 64):
        for a in stage(batch[i:i + 64]):
            out[a.document_id or a.source] = {e.actor.id: len(e.mentions) for e in a.entities or []}
    return out


def sweep(rows: list[dict], gold: dict[str, str], base: StoryParams,
          actors: dict[str, dict[str, int]] | None) -> None:
    print("| threshold | name boost | text-date w | actor w | BCubed F1 | pairwise F1 | clusters |")
    print("|---|---|---|---|---|---|---|")
    for threshold in (0.2, 0.25, 0.3, 0.35, 0.4):
        for boost in (1.0, 2.0, 3.0):
            for tdw in (0.0, 0.2, 0.4):
                for aw in ((0.0, 0.2, 0.4) if actors else (base.actor_weight,)):
                    params = replace(base, threshold=threshold, name_boost=boost, text_date_weight=tdw,
                                     actor_weight=aw)
                    s = score(cluster(to_items(rows, params, actors), params), gold)
                    print(f"| {threshold} | {boost} | {tdw} | {aw} | {s['bcubed_f1']:.3f} | "
                          f"{s['pairwise_f1']:.3f} | {s['clusters']} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", action="store_true", help="add linked actors (runs spaCy; slower)")
    parser.add_argument("--sweep", action="store_true", help="grid of thresholds and weights")
    parser.add_argument("--actors-cache", type=Path, help="JSON file keeping the linked actors between runs")
    args = parser.parse_args(argv)
    rows = load()
    gold = {r["id"]: r["story"] for r in rows}
    topics = {r["id"]: r["topic"] for r in rows}
    params = StoryParams()
    actors = None
    if args.entities and args.actors_cache and args.actors_cache.exists():
        actors = json.loads(args.actors_cache.read_text("utf-8"))
    elif args.entities:
        t0 = time.process_time()
        actors = run_entities(rows)
        print(f"understand stage: {time.process_time() - t0:.1f} s CPU", file=sys.stderr)
        if args.actors_cache:
            args.actors_cache.write_text(json.dumps(actors), "utf-8")
    if args.sweep:
        sweep(rows, gold, params, actors)
        return 0
    results: list[tuple[str, dict[str, float], float]] = []
    results.append(("all in one cluster", score({i: "all" for i in gold}, gold), 0.0))
    results.append(("one cluster per article", score({i: i for i in gold}, gold), 0.0))
    results.append(("gold topics (a perfect topic-level clusterer)", score(topics, gold), 0.0))
    # The plain TF-IDF baseline gets its own best threshold, so the comparison is fair.
    base_runs = {th: score(cluster(to_items(rows, p := replace(text_only(params), threshold=th)), p), gold)
                 for th in (0.15, 0.2, 0.25, 0.3, 0.35)}
    best_th = max(base_runs, key=lambda th: base_runs[th]["bcubed_f1"])
    for name, p, acts in ((f"TF-IDF only (title + lead, single pass, best threshold {best_th})",
                           replace(text_only(params), threshold=best_th), None),
                          ("ours, text + text dates", replace(params, actor_weight=0.0), None),
                          *((("ours, text + text dates + linked actors", params, actors),) if actors else ())):
        t0 = time.process_time()
        pred = cluster(to_items(rows, p, acts), p)
        results.append((name, score(pred, gold), time.process_time() - t0))
    print("### Story clustering — ECB+ (982 articles, 86 events in 43 topics)\n")
    print("Data: ECB+ corpus by Agata Cybulska and Piek Vossen (LREC 2014), extending Bejan and Harabagiu's")
    print("EventCorefBank; CC BY 3.0. No publication dates: articles are streamed in a fixed hashed order;")
    print("the first explicit date of the opening sentences (419 of 982) is used as a date in the text.\n")
    print("| method | BCubed P | BCubed R | BCubed F1 | pairwise F1 | clusters | CPU s |")
    print("|---|---|---|---|---|---|---|")
    for name, s, cpu in results:
        print(f"| {name} | {s['bcubed_p']:.3f} | {s['bcubed_r']:.3f} | {s['bcubed_f1']:.3f} | "
              f"{s['pairwise_f1']:.3f} | {s['clusters']} | {cpu:.2f} |")
    t0 = time.process_time()
    dups = DuplicateIndex()
    for item in to_items(rows, params):
        dups.add(item.id, item.body)
    copies = {d: c for d, c in dups.canonical.items() if d != c}
    dup_cpu = time.process_time() - t0
    same = sum(gold[d] == gold[c] for d, c in copies.items())
    print(f"\nNear-duplicates (MinHash LSH, {DuplicateParams()}): {len(copies)} copies of earlier articles "
          f"found, {same} of them within the same gold event; {dup_cpu:.2f} s CPU.")
    print(f"\nParameters: {params}")
    print(f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()} · "
          f"command: `.venv/bin/python benchmarks/clustering.py{' --entities' if args.entities else ''}`")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
