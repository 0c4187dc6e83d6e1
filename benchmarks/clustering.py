"""Story clustering on a real dated stream (Giveme5W1H news_cluster, development half) and on
ECB+, against the classic single-pass TF-IDF baseline; printed as a markdown block for BENCHMARKS.md.

    .venv/bin/python benchmarks/clustering.py [--sweep] [--halves] [--errors] [--set KEY=VALUE ...]

Giveme5W1H is replayed in date order through the incremental path: a week of articles is saved
in a SQLite store, ``stories build`` runs, then the next week. ECB+ has no publication dates and
is clustered in one pass in a fixed hashed order. The baseline (Allan et al. 1998 style:
full-text TF-IDF, cosine to each story's running centroid, a new story below a threshold) is
reported with its threshold chosen on the OTHER set and with its best threshold on the set
itself. ``--sweep`` prints how our score moves when each parameter moves alone (sensitivity);
``--halves`` splits the Giveme5W1H stories in two fixed halves and scores, on each, the defaults
without sentence embeddings, the defaults and the baseline at its best threshold on that half (a
check that parameters chosen on the whole set are not fitted to a few of its stories). With
``embedding_weight`` above 0 (the default) "ours" also runs without embeddings, in the same run,
with the CPU seconds of each. ``--errors`` prints where each set loses BCubed: the wrong merges
(precision lost per predicted story, with the gold stories it mixes) and the wrong splits (recall
lost per gold story, with the pieces), titles and dates of a few articles each. Embeddings are
computed once per article text and reused across runs of one process (the sweep).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import platform
import tempfile
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

from newsloom.connect.build import build_stories, connect, default_embedder
from newsloom.connect.duplicates import DuplicateParams
from newsloom.connect.features import STOP_WORDS, Item, lead_of, normalize, tokens, utc_instant
from newsloom.connect.metrics import bcubed, bcubed_losses, pairwise
from newsloom.connect.stories import StoryParams

ROOT = Path(__file__).resolve().parents[1]
THRESHOLDS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4)


def shared_dir() -> Path:
    env = os.environ.get("NEWSLOOM_SHARED")
    return Path(env) if env else (ROOT / "../shared").resolve()


def load(path: Path | None = None) -> list[dict]:
    path = path or shared_dir() / "bench/clustering/ecbplus/ecbplus.jsonl"
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_stream(path: Path | None = None) -> list[dict]:
    """The Giveme5W1H development half, oldest first."""
    rows = load(path or shared_dir() / "bench/clustering/giveme5w1h_dev/newscluster_dev.jsonl")
    return sorted(rows, key=lambda r: (utc_instant(r.get("datetime") or r.get("date")) or "", r["id"]))


def stream_order(doc_id: str) -> str:
    """A fixed pseudo-random order for ECB+: it has no publication dates, and sorting by id would
    hand the clusterer each topic's articles together."""
    return hashlib.sha1(doc_id.encode()).hexdigest()


def to_items(rows: list[dict], params: StoryParams, actors: dict[str, dict[str, int]] | None = None) -> list[Item]:
    """ECB+ rows as items; its ``date`` is the first explicit date of the opening sentences, a
    date in the text, not a publication date."""
    items = []
    for r in sorted(rows, key=lambda r: stream_order(r["id"])):
        text = r["text"]
        body = text[len(r["title"]):].lstrip() if text.startswith(r["title"]) else text
        items.append(Item(id=r["id"], title=r["title"], lead=lead_of(body, params.lead_chars), body=text,
                          text_dates=[r["date"]] if r.get("date") else [],
                          actors=(actors or {}).get(r["id"], {}), order=(stream_order(r["id"]),)))
    return items


_EMBEDDED: dict[str, tuple[float, ...]] = {}


def embed_once(items: list[Item]) -> None:
    """The library's embedder, each text embedded once per process (a sweep reruns the sets)."""
    key = lambda i: hashlib.sha1(f"{i.title}\x00{i.lead}".encode()).hexdigest()  # noqa: E731
    todo = [i for i in items if key(i) not in _EMBEDDED]
    embed = default_embedder(replace(StoryParams(), embedding_weight=1.0))
    if todo and embed is not None:
        embed(todo)
        _EMBEDDED.update((key(i), i.embedding) for i in todo if i.embedding is not None)
    for i in items:
        i.embedding = _EMBEDDED.get(key(i))


def cluster(items: list[Item], params: StoryParams) -> dict[str, str]:
    """The library's path: copies follow their canonical article, the others are scored."""
    return connect(items, params).assignment


def score(pred: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    b, p = bcubed(pred, gold), pairwise(pred, gold)
    return {"bcubed_p": b["precision"], "bcubed_r": b["recall"], "bcubed_f1": b["f1"], "pairwise_f1": p["f1"],
            "clusters": len(set(pred.values()))}


# -- the incremental path over a real stream --------------------------------------------------------
def week_of(row: dict) -> str:
    y, w, _ = __import__("datetime").date.fromisoformat(row["date"][:10]).isocalendar()
    return f"{y}-{w:02d}"


def replay(rows: list[dict], params: StoryParams) -> dict[str, str]:
    """Save a week of articles, build stories, next week; the stored stories at the end."""
    from newsloom.model import Article, Document
    from newsloom.store.sqlite import SQLiteStore

    ids: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp, SQLiteStore(Path(tmp) / "replay.db") as store:
        weeks: dict[str, list[dict]] = {}
        for r in rows:
            weeks.setdefault(week_of(r), []).append(r)
        for week in sorted(weeks):
            for r in weeks[week]:
                doc = Document(raw=r["text"].encode("utf-8"), source=r["url"] or r["id"])
                ids[doc.id] = r["id"]
                store.save(doc, Article(source=doc.source, document_id=doc.id, title=r["title"], text=r["text"],
                                        published=r.get("datetime") or r["date"], url=r.get("url"),
                                        outlet=r.get("source_domain")))
            build_stories(store, params=(params, DuplicateParams()),
                          embedder=embed_once if params.embedding_weight else None)
        return {ids[d]: sid for d, (sid, _) in store.story_assignments().items()}


# -- the classic baseline ------------------------------------------------------------------------------
def tfidf_vectors(rows: list[dict]) -> dict[str, dict[str, float]]:
    """Full-text TF-IDF (title and body alike, stop words out, sublinear tf, IDF over the set)."""
    counts = {r["id"]: Counter(w for w, _ in tokens(r["text"] if r["text"].startswith(r["title"])
                                                    else r["title"] + "\n" + r["text"])
                               if len(w) > 1 and not w.isdigit() and w not in STOP_WORDS) for r in rows}
    df = Counter(t for c in counts.values() for t in c)
    n = len(rows)
    return {d: normalize({t: (1 + math.log(k)) * (math.log((1 + n) / (1 + df[t])) + 1) for t, k in c.items()})
            for d, c in counts.items()}


def single_pass(order: list[str], vectors: dict[str, dict[str, float]], threshold: float) -> dict[str, str]:
    centroids: list[dict[str, float]] = []
    out: dict[str, str] = {}
    for d in order:
        v = vectors[d]
        best, best_k = threshold, -1
        for k, c in enumerate(centroids):
            norm = math.sqrt(sum(x * x for x in c.values())) or 1.0
            s = sum(w * c.get(t, 0.0) for t, w in v.items()) / norm
            if s >= best:
                best, best_k = s, k
        if best_k < 0:
            centroids.append(dict(v))
            best_k = len(centroids) - 1
        else:
            for t, w in v.items():
                centroids[best_k][t] = centroids[best_k].get(t, 0.0) + w
        out[d] = str(best_k)
    return out


def baseline_curve(rows: list[dict], order: list[str], gold: dict[str, str]) -> dict[float, dict[str, float]]:
    vectors = tfidf_vectors(rows)
    return {th: score(single_pass(order, vectors, th), gold) for th in THRESHOLDS}


# -- running both sets --------------------------------------------------------------------------------
def ours_stream(rows: list[dict], params: StoryParams) -> dict[str, float]:
    return score(replay(rows, params), {r["id"]: str(r["story_id"]) for r in rows})


def ours_ecb(rows: list[dict], params: StoryParams) -> dict[str, float]:
    # No actors here (linking needs spaCy over 982 articles): the text signals alone.
    p = replace(params, actor_weight=0.0)
    items = to_items(rows, p)
    if p.embedding_weight:
        embed_once(items)  # computed as a user's build would, though undated ECB+ cannot use them
    return score(cluster(items, p), {r["id"]: r["story"] for r in rows})


SWEEP = {"threshold": (0.2, 0.3), "title_weight": (2.0, 4.0), "lead_weight": (1.0, 3.0),
         "body_weight": (0.5, 1.5), "number_weight": (0.0, 1.0, 5.0), "name_boost": (1.5, 3.0),
         "text_date_weight": (0.0, 0.4), "merge_threshold": (0.5, 0.7), "time_weight": (0.1, 0.3),
         "time_tau": (5.0, 20.0), "window_days": (30, 120), "embedding_weight": (0.0, 0.3, 0.9),
         "embedding_center": (0.3, 0.5)}
# ECB+ is undated: the time windows and the embedding signal (dated pairs only) cannot move it.
DATED_ONLY = {"time_weight", "time_tau", "window_days", "embedding_weight", "embedding_center"}


def sweep(stream: list[dict], ecb: list[dict], base: StoryParams) -> None:
    print("| parameter | value | Giveme5W1H BCubed F1 | ECB+ BCubed F1 |\n|---|---|---|---|")
    # Undated ECB+ never uses embeddings: the sweep skips computing them there (same scores).
    ecb_of = lambda p: ours_ecb(ecb, replace(p, embedding_weight=0.0))["bcubed_f1"]  # noqa: E731
    ecb_base = ecb_of(base)
    print(f"| (defaults) | | {ours_stream(stream, base)['bcubed_f1']:.3f} | {ecb_base:.3f} |", flush=True)
    for name, values in SWEEP.items():
        for v in values:
            p = replace(base, **{name: v})
            e = f"({ecb_base:.3f}: no dates)" if name in DATED_ONLY else f"{ecb_of(p):.3f}"
            print(f"| {name} | {v} | {ours_stream(stream, p)['bcubed_f1']:.3f} | {e} |", flush=True)


PREVIOUS = {"embedding_weight": 0.0}  # the defaults before sentence embeddings were weighed in


def halves(stream: list[dict], base: StoryParams) -> None:
    print("| half | stories | articles | without embeddings | these parameters | baseline, best threshold on the half |")
    print("|---|---|---|---|---|---|")
    for half in (0, 1):
        rows = [r for r in stream if int(hashlib.sha1(str(r["story_id"]).encode()).hexdigest(), 16) % 2 == half]
        gold = {r["id"]: str(r["story_id"]) for r in rows}
        curve = baseline_curve(rows, [r["id"] for r in rows], gold)
        th = max(curve, key=lambda t: curve[t]["bcubed_f1"])
        old, new = ours_stream(rows, replace(base, **PREVIOUS)), ours_stream(rows, base)
        print(f"| {half} | {len(set(gold.values()))} | {len(rows)} | {old['bcubed_f1']:.3f} | {new['bcubed_f1']:.3f} "
              f"| {curve[th]['bcubed_f1']:.3f} ({th}) |", flush=True)


def errors(stream: list[dict], ecb: list[dict], params: StoryParams, top: int = 12) -> None:
    """The largest wrong merges and wrong splits on each set (see the module docstring)."""
    p = replace(params, actor_weight=0.0)
    runs = {"Giveme5W1H": (stream, replay(stream, params), {r["id"]: str(r["story_id"]) for r in stream}),
            "ECB+": (ecb, cluster(to_items(ecb, p), p), {r["id"]: r["story"] for r in ecb})}
    for name, (rows, pred, gold) in runs.items():
        info = {r["id"]: f"{(r.get('date') or '')[:10]} {r['title'][:60]}" for r in rows}
        merges, splits = bcubed_losses(pred, gold)
        for kind, losses, key, other in (("wrong merges", merges, pred, gold), ("wrong splits", splits, gold, pred)):
            print(f"\n#### {name}: {kind} (BCubed {'precision' if key is pred else 'recall'} lost)\n")
            for label, loss in sorted(losses.items(), key=lambda kv: -kv[1])[:top]:
                if loss < 0.0005:
                    break
                members = [d for d in gold if key[d] == label]
                parts = Counter(other[d] for d in members)
                print(f"- {loss:.4f} {'story' if key is pred else 'gold'} {label} ({len(members)} articles):")
                for part, n in parts.most_common():
                    shown = [info[d] for d in members if other[d] == part][:3]
                    print(f"  - {n} × {part}: " + " | ".join(shown))


def row(name: str, s: dict[str, float], cpu: float | None = None) -> str:
    return (f"| {name} | {s['bcubed_p']:.3f} | {s['bcubed_r']:.3f} | {s['bcubed_f1']:.3f} | {s['pairwise_f1']:.3f} "
            f"| {s['clusters']} | {'' if cpu is None else f'{cpu:.1f}'} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sweep", action="store_true", help="one parameter at a time around the defaults")
    parser.add_argument("--halves", action="store_true", help="Giveme5W1H: each half of its stories apart")
    parser.add_argument("--errors", action="store_true", help="wrong merges and splits on each set")
    parser.add_argument("--set", nargs="*", default=[], metavar="KEY=VALUE",
                        help="parameters over the defaults, e.g. embedding_weight=0.6")
    args = parser.parse_args(argv)
    stream, ecb = load_stream(), load()
    given = dict(kv.split("=", 1) for kv in args.set)
    params = replace(StoryParams(), **{k: type(getattr(StoryParams(), k))(v) for k, v in given.items()})
    if args.halves:
        halves(stream, params)
        return 0
    if args.sweep:
        sweep(stream, ecb, params)
        return 0
    if args.errors:
        errors(stream, ecb, params)
        return 0
    sets = {"Giveme5W1H dev (197 articles, 35 stories, streamed by week)":
            (stream, [r["id"] for r in stream], {r["id"]: str(r["story_id"]) for r in stream}, ours_stream),
            "ECB+ (982 articles, 86 events in 43 topics, no dates)":
            (ecb, sorted((r["id"] for r in ecb), key=stream_order), {r["id"]: r["story"] for r in ecb}, ours_ecb)}
    curves = {name: baseline_curve(rows, order, gold) for name, (rows, order, gold, _) in sets.items()}
    best = {name: max(c, key=lambda th: c[th]["bcubed_f1"]) for name, c in curves.items()}
    names = list(sets)
    for i, name in enumerate(names):
        rows, _order, gold, ours = sets[name]
        other = names[1 - i]
        print(f"### Story clustering — {name}\n")
        print("| method | BCubed P | BCubed R | BCubed F1 | pairwise F1 | stories | CPU s |\n|---|---|---|---|---|---|---|")
        print(row(f"single-pass TF-IDF, threshold {best[other]} (best on the other set)", curves[name][best[other]]))
        print(row(f"single-pass TF-IDF, threshold {best[name]} (best on this set)", curves[name][best[name]]))
        t0 = time.process_time()
        s = ours(rows, replace(params, embedding_weight=0.0))
        print(row("ours, TF-IDF and time signals only (embedding weight 0)", s, time.process_time() - t0))
        if params.embedding_weight:
            t0 = time.process_time()  # the first set also pays loading the model once (about 8 s)
            s = ours(rows, params)
            print(row("ours (+ sentence embeddings of title and lead)", s, time.process_time() - t0))
        print()
    print(f"Parameters: {params}\n")
    print("Data: Giveme5W1H news_cluster (Hamborg et al.), development half; ECB+ (Cybulska and Vossen,")
    print("LREC 2014; CC BY 3.0). Baseline curve (BCubed F1 by threshold): " + "; ".join(
        f"{n.split(' ')[0]} " + " ".join(f"{th}:{c[th]['bcubed_f1']:.3f}" for th in THRESHOLDS)
        for n, c in curves.items()))
    print(f"\nMachine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()} · "
          "command: `.venv/bin/python benchmarks/clustering.py`")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
