"""Train the learned content/source step (``understand/quotes/learned_content.py``) on PolNeAR train.

Each article is run through our components (on a cached spaCy parse, ``--parses``) with the
learned step switched off; every (verb, content, subject) triple it would have scored there -
outside the rules' items and the quotations - is one example. A triple is positive when its
content matches a gold attribution the rules did not find (word sets overlapping by half of the
smaller, the benchmark's test) and its subject's words share one with that gold's source. A
logistic regression (scikit-learn) is fitted on them; its weights - feature names and floats,
never corpus text - go to ``data/lexicons/content_model.json``. Only the train compartment is
read; ``--offsets`` choose the articles fitted on (index % every), ``--hold`` the one the
threshold is read on (kept out of fitting).

    .venv/bin/python benchmarks/train_content.py /work/.mirror/networkdynamics+PolNeAR/repo \
        --parses /tmp/parses --cached-only --every 3 --offsets 1 2 --hold 0 [--c 0.25] \
        [--threshold 0.45] [--dump FILE | --load FILE] [--write]

Every train article is read once (``--dump`` keeps its examples for re-fitting with ``--load``);
the model is fitted on ``--offsets`` and the threshold table printed for ``--hold``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

import quotes_polnear as qp  # noqa: E402

from newsloom.understand.quotes import learned_content  # noqa: E402

OUT = HERE.parent / "src" / "newsloom" / "data" / "lexicons" / "content_model.json"
_MIN_WEIGHT = 0.02  # weights smaller than this change no decision worth keeping
_SKIP = {"relcl", "acl", "appos", "punct"}  # a subject's own clauses are not its name


@dataclass(slots=True)
class Example:
    article: int
    verb: int
    span: tuple[int, int]
    features: list[str]
    label: int
    gold: int  # index of the gold attribution it finds, -1 for none


def _speaker_words(c: Any) -> set[str]:
    """Words of the subject's phrase (its relative word too), as the scorer reads a speaker."""
    toks = [c.subject]
    stack = list(c.subject.children)
    while stack:
        t = stack.pop()
        if t.dep_ not in _SKIP:
            toks.append(t)
            stack += list(t.children)
    text = " ".join(t.text for t in toks) + (f" {c.relative.text}" if c.relative is not None else "")
    return qp.name_words(text)


def _label(text: str, c: Any, golds: list[qp.Gold], found: set[int]) -> tuple[int, int]:
    cw = qp.words(text[c.span[0]:c.span[1]])
    best, best_j = 0, -1
    for j, g in enumerate(golds):
        inter = len(cw & g.words)
        small = min(len(cw), len(g.words))
        if small and inter * 2 >= small and inter > best:
            best, best_j = inter, j
    if best_j < 0 or best_j in found:
        return 0, best_j
    g = golds[best_j]
    ok = not g.source or bool(_speaker_words(c) & qp.name_words(g.source_text))
    return int(ok), best_j


def examples(root: Path, every: int, offsets: set[int], parses: Path, limit: int | None,
             cached_only: bool = False) -> list[Example]:
    """Candidates and labels of the chosen train articles (missing parses are made and cached,
    or with ``cached_only`` left out)."""
    from quotes import build_pipeline

    nlp = build_pipeline()
    recorded: list[list[Any]] = []

    def record(doc: Any, lex: Any, taken: list[tuple[int, int]]) -> list[Any]:
        recorded.append(learned_content.candidates(doc, lex, taken))
        return []

    learned_content.learned_cues = record  # the rules alone; their leftovers recorded
    out: list[Example] = []
    articles = [(i, a) for i, a in enumerate(qp.load(root, "train")) if i % every in offsets][:limit]
    for k, a in articles:
        if cached_only and not (parses / (hashlib.sha1(a.text.encode()).hexdigest()[:20] + ".spacy")).exists():
            continue
        recorded.clear()
        preds = qp.analyse_cached(nlp, a.text, a.published, parses)
        found = {j for _, j in qp.match(preds, a.gold)}
        for c in recorded[0] if recorded else []:
            label, j = _label(a.text, c, a.gold, found)
            out.append(Example(k, c.verb.i, c.span, c.features, label, j))
    return out


def fit(xs: list[list[str]], ys: list[int], c: float) -> tuple[dict[str, float], float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    matrix = vec.fit_transform([dict.fromkeys(x, 1) for x in xs])
    model = LogisticRegression(C=c, max_iter=3000)
    model.fit(matrix, ys)
    names = vec.get_feature_names_out()
    weights = {str(n): round(float(w), 4) for n, w in zip(names, model.coef_[0], strict=True)
               if abs(w) >= _MIN_WEIGHT}
    return weights, round(float(model.intercept_[0]), 4)


def evaluate(exs: list[Example], weights: dict[str, float], bias: float) -> None:
    """What the step would add on held-out articles at each threshold: chosen as at run time
    (best per verb, no overlaps), counted as gold newly found and attributed."""
    model = learned_content.ContentModel(weights, bias, 0.0)
    scored = sorted(((model.score(e.features), e) for e in exs), key=lambda x: -x[0])
    for th in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
        chosen: list[Example] = []
        for p, e in scored:
            if p < th:
                break
            if any(o.article == e.article and (o.verb == e.verb or o.span[0] < e.span[1] and e.span[0] < o.span[1])
                   for o in chosen):
                continue
            chosen.append(e)
        good = len({(e.article, e.gold) for e in chosen if e.label})
        print(f"threshold {th}: {len(chosen)} emitted, {good} newly attributed gold "
              f"({good / len(chosen) if chosen else 0:.2f})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("root", type=Path)
    ap.add_argument("--parses", type=Path, required=True)
    ap.add_argument("--every", type=int, default=3)
    ap.add_argument("--offsets", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--hold", type=int, default=0, help="offset of the held-out articles (-1: none)")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--c", type=float, default=0.25, help="inverse regularisation strength")
    ap.add_argument("--threshold", type=float, default=0.45)
    ap.add_argument("--cached-only", action="store_true", help="leave out articles with no cached parse")
    ap.add_argument("--dump", type=Path, default=None, help="save the examples of every train article here")
    ap.add_argument("--load", type=Path, default=None, help="read examples saved by --dump")
    ap.add_argument("--write", action="store_true", help=f"write {OUT.name}")
    ap.add_argument("--out", type=Path, default=OUT, help="where --write puts the model")
    args = ap.parse_args()
    if args.load is not None:
        every = pickle.loads(args.load.read_bytes())
    else:
        every = examples(args.root, 1, {0}, args.parses, args.limit, args.cached_only)
        if args.dump is not None:
            args.dump.write_bytes(pickle.dumps(every))
    train = [e for e in every if e.article % args.every in args.offsets]
    ys = [e.label for e in train]
    print(f"{len(ys)} candidates, {sum(ys)} positive")
    weights, bias = fit([e.features for e in train], ys, args.c)
    print(f"{len(weights)} weights kept")
    if args.hold >= 0:
        evaluate([e for e in every if e.article % args.every == args.hold], weights, bias)
    data = {"about": f"benchmarks/train_content.py --every {args.every} --offsets "
                     f"{' '.join(map(str, args.offsets))} --c {args.c}",
            "threshold": args.threshold, "bias": bias, "weights": dict(sorted(weights.items()))}
    if args.write:
        args.out.write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n", "utf-8")


if __name__ == "__main__":
    main()
