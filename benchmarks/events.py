"""Event coding quality on real sentences (PLOVER's gold records, development half) and on our own
set (benchmarks/events_eval/), and the cost of the events component within the understand stage.

Per sentence: an event of the gold type is found (``type_found``), the first event's type is the
gold one (``first_type``), an event of the gold type has a gold source (``type_source``) and a gold
target (``type_target``, over sentences with a gold target). Per article: the main event type is
among the article's events (``article_main``). Targets: 0.85 / 0.75 / 0.70 / 0.60 / 0.85.

PLOVER gold records: Open Event Data Alliance, github.com/openeventdata/PLOVER, CC BY-SA 4.0.

    .venv/bin/python benchmarks/events.py [--shared PATH] [--errors N]
    .venv/bin/python benchmarks/events.py --speed [--limit N] [--repeat R]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsloom.model import Actor, Event  # noqa: E402
from newsloom.settings import Settings  # noqa: E402
from newsloom.understand.kb import load_kb  # noqa: E402
from newsloom.understand.nlp import build_nlp, make_docs  # noqa: E402

EVAL = ROOT / "benchmarks" / "events_eval"
TARGETS = {"type_found": 0.85, "first_type": 0.75, "type_source": 0.70, "type_target": 0.60,
           "article_main": 0.85}


def shared_dir(given: str | None = None) -> Path:
    for c in (given, os.environ.get("NEWSLOOM_SHARED"), ROOT / "../shared", ROOT / "../../shared"):
        if c and (Path(c) / "bench").is_dir():
            return Path(c).resolve()
    raise SystemExit("shared data not found: pass --shared or set NEWSLOOM_SHARED")


_GENERIC = {"forces", "force", "government", "president", "minister", "officials", "official", "army",
            "police", "military", "authorities", "leaders", "leader", "people", "group", "united", "national",
            "nations", "state", "states", "security", "republic", "foreign", "ministry", "council"}


def _norm(text: str) -> str:
    text = re.sub(r"[^\w\s]", "", text.lower())
    return re.sub(r"\b(?:the|s)\b", " ", text).strip()


def _country_of(name: str) -> str | None:
    for entry in load_kb().lookup(name):
        if entry.record.actor().country:
            return entry.record.actor().country
    return None


def actor_matches(actor: Actor, gold: dict[str, Any]) -> bool:
    """Same state (ISO3), or the same named actor (one name inside the other)."""
    if actor.id in {e.record.actor().id for e in load_kb().lookup(gold["actorText"])}:
        return True  # "U.N. Security Council" names the same actor
    code = gold.get("code") or _country_of(gold["actorText"])
    if code and actor.country and code == actor.country:
        return True
    a, g = _norm(actor.name), _norm(gold["actorText"])
    if not a or not g or a == "unknown":
        return False
    if a in g or g in a:
        return True
    # "Houthi rebels" / "Houthis": a shared distinctive word (compared on its first five letters)
    stems = {w[:5] for w in a.split() if len(w) > 3 and w not in _GENERIC}
    return any(w[:5] in stems for w in g.split() if len(w) > 3 and w not in _GENERIC)


def gold_items() -> list[dict[str, Any]]:
    """Our sentences in the PLOVER dev record shape."""
    out = []
    for n, s in enumerate(yaml.safe_load((EVAL / "sentences.yaml").read_text("utf-8"))):
        src = s.get("src") or []
        src = [src] if isinstance(src, str) else src
        out.append({"id": f"ours-{n}", "text": s["t"], "event": s["type"], "also": s.get("also", []),
                    "tags": s.get("tags", []), "source": [{"actorText": x} for x in src],
                    "target": [{"actorText": x} for x in s.get("tgt") or []]})
    return out


def score_sentence(item: dict[str, Any], events: list[Event]) -> dict[str, bool | None]:
    types = {item["event"], *item.get("also", [])}
    typed = [e for e in events if e.type in types]
    src_ok = any(actor_matches(e.source, g) for e in typed for g in item["source"]) if item["source"] else bool(typed)
    tgt = None
    if item["target"]:
        tgt = any(actor_matches(t, g) for e in typed for t in e.targets for g in item["target"])
    r: dict[str, bool | None] = {"type_found": bool(typed), "first_type": bool(events) and events[0].type in types,
                                 "type_source": bool(typed) and src_ok, "type_target": tgt}
    if "negated" in item.get("tags", []) or typed:
        r["negation"] = bool(typed) and typed[0].negated == ("negated" in item.get("tags", []))
    return r


def evaluate_sentences(nlp, items: list[dict[str, Any]], published: str | None = None) -> dict[str, Any]:
    docs = nlp.pipe(make_docs(nlp, [i["text"] for i in items], [published] * len(items)))
    sums: dict[str, list[bool]] = {}
    errors = []
    for item, doc in zip(items, docs, strict=True):
        events = list(doc._.nl_events or [])
        for e in events:
            assert doc.text[e.start:e.end] == e.text and doc.text[e.trigger_start:e.trigger_end] == e.trigger
        r = score_sentence(item, events)
        for k, v in r.items():
            if v is not None:
                sums.setdefault(k, []).append(v)
        if not all(v for v in r.values() if v is not None):
            got = "; ".join(f"{e.type}/{e.trigger}/{e.source.name}->{[t.name for t in e.targets]}"
                            for e in events) or "-"
            errors.append(f"{item['id']} gold {item['event']} {[g['actorText'] for g in item['source']]}"
                          f"->{[g['actorText'] for g in item['target']]} | got {got} | {item['text'][:120]}")
    out: dict[str, Any] = {k: round(sum(v) / len(v), 3) for k, v in sums.items()}
    out["n"] = len(items)
    out["n_with_target"] = len(sums.get("type_target", []))
    out["errors"] = errors
    return out


def evaluate_articles(nlp) -> dict[str, Any]:
    arts = yaml.safe_load((EVAL / "articles.yaml").read_text("utf-8"))
    docs = nlp.pipe(make_docs(nlp, [a["text"] for a in arts], [a.get("published") for a in arts]))
    hits, errors = [], []
    for a, doc in zip(arts, docs, strict=True):
        types = [e.type for e in doc._.nl_events or []]
        hits.append(a["main"] in types)
        if not hits[-1]:
            errors.append(f"{a['id']} main {a['main']} got {types}")
    return {"article_main": round(sum(hits) / len(hits), 3), "n": len(arts), "errors": errors}


def plover_dev(shared: Path) -> list[dict[str, Any]]:
    path = shared / "bench/events/plover_gsr/dev.jsonl"
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def run(shared: Path) -> dict[str, Any]:
    nlp = build_nlp(Settings.load())
    return {"plover_dev": evaluate_sentences(nlp, plover_dev(shared)),
            "ours_sentences": evaluate_sentences(nlp, gold_items(), "2024-03-01"),
            "ours_articles": evaluate_articles(nlp)}


def speed(shared: Path, repeat: int = 2, limit: int = 0) -> dict[str, Any]:
    """CPU time of the understand pipeline with and without ``newsloom_events`` on the nlp
    benchmark's corpus (seeds and real article bodies), best of ``repeat`` interleaved runs."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    os.environ.setdefault("NEWSLOOM_SHARED", str(shared))
    import nlp as nlp_bench

    texts = nlp_bench.corpus()
    texts = texts[:limit] if limit else texts
    nlp = build_nlp(Settings.load())
    best = {"with": float("inf"), "without": float("inf"), "events_only": float("inf")}
    for _ in range(repeat):
        for key in ("without", "with"):
            disable = ["newsloom_events"] if key == "without" else []
            t0 = time.process_time()
            with nlp.select_pipes(disable=disable):
                docs = list(nlp.pipe(make_docs(nlp, [t for t, _ in texts], [p for _, p in texts])))
            best[key] = min(best[key], time.process_time() - t0)
        events = nlp.get_pipe("newsloom_events")
        t0 = time.process_time()
        for doc in docs:
            events(doc)
        best["events_only"] = min(best["events_only"], time.process_time() - t0)
    return {"documents": len(texts), "cpu_seconds": {k: round(v, 3) for k, v in best.items()},
            "events_share": round(best["events_only"] / best["with"], 4)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared")
    ap.add_argument("--speed", action="store_true")
    ap.add_argument("--errors", type=int, default=0)
    ap.add_argument("--limit", type=int, default=0, help="speed: only the first N texts")
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    shared = shared_dir(args.shared)
    result: dict[str, Any] = speed(shared, args.repeat, args.limit) if args.speed else run(shared)
    for part in result.values():
        if isinstance(part, dict) and "errors" in part:
            errs = part.pop("errors")
            if args.errors:
                part["errors"] = errs[:args.errors]
    result["targets"] = TARGETS
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
