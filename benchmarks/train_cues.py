"""Train the learned reporting-cue detector (``understand/quotes/learned.py``) on PolNeAR train.

Every verb token of the parsed train articles is one example, described by the features of
``learned.features`` (lemma, tag, dependency, child dependencies, the shape of what it governs,
the kind of its subject, negation, being inside quotation marks); it is positive when it lies in
the cue span of a gold attribution. A logistic regression (scikit-learn) is fitted on them and
its weights - feature names and floats, never corpus text - are written to
``data/lexicons/cue_model.json``. Only the train compartment is read, from the snapshot path
given on the command line; ``--offset``/``--every`` choose the articles (index % every == offset),
so the articles used to pick the threshold end to end can be kept out.

    .venv/bin/python benchmarks/train_cues.py /work/.mirror/networkdynamics+PolNeAR/repo \
        --every 3 --offset 1 [--threshold 0.5] [--c 1.0] [--write]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

import quotes_polnear as qp  # noqa: E402
from polnear_cues import cue_spans  # noqa: E402

from newsloom.understand.quotes.learned import features  # noqa: E402

OUT = HERE.parent / "src" / "newsloom" / "data" / "lexicons" / "cue_model.json"
_MIN_WEIGHT = 0.02  # weights smaller than this change no decision worth keeping


def examples(doc: Any, cues: list[tuple[int, int]]) -> tuple[list[list[str]], list[int]]:
    """Features and labels of every verb token of one parsed article."""
    marked: set[int] = set()
    for s, e in cues:
        span = doc.char_span(s, e, alignment_mode="expand")
        marked.update(t.i for t in span or [] if t.pos_ == "VERB")
    xs, ys = [], []
    for tok in doc:
        if tok.pos_ == "VERB":
            xs.append(features(tok))
            ys.append(int(tok.i in marked))
    return xs, ys


def gold_cues(root: Path, every: int, offset: int) -> list[tuple[str, str, list[tuple[int, int]]]]:
    """(name, text, cue spans) of the chosen train articles."""
    corpus = qp.Corpus(root)
    base = "data/train"  # the compartment for tuning; no other is read
    files: dict[str, str] = {}
    for name in corpus.names(f"{base}/attributions"):
        files.setdefault(name.rsplit("_", 1)[0], name)
    out = []
    for i, stem in enumerate(sorted(files)):
        if i % every != offset:
            continue
        try:
            pairs = cue_spans(corpus, f"{base}/attributions/{files[stem]}")
        except ValueError:
            continue  # a malformed annotation line: leave the article out
        spans = [s for cues, _content in pairs for s in cues]
        out.append((stem, corpus.read(f"{base}/text/{stem}.txt"), spans))
    return out


def fit(xs: list[list[str]], ys: list[int], c: float) -> tuple[dict[str, float], float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    matrix = vec.fit_transform([dict.fromkeys(x, 1) for x in xs])
    model = LogisticRegression(C=c, max_iter=2000, class_weight=None)
    model.fit(matrix, ys)
    names = vec.get_feature_names_out()
    weights = {str(n): round(float(w), 4) for n, w in zip(names, model.coef_[0], strict=True)
               if abs(w) >= _MIN_WEIGHT}
    return weights, round(float(model.intercept_[0]), 4)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("root", type=Path)
    ap.add_argument("--every", type=int, default=3)
    ap.add_argument("--offset", type=int, default=1)
    ap.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--write", action="store_true", help=f"write {OUT.name}")
    ap.add_argument("--out", type=Path, default=OUT, help="where --write puts the model")
    args = ap.parse_args()
    from quotes import build_pipeline

    nlp = build_pipeline()
    xs: list[list[str]] = []
    ys: list[int] = []
    with nlp.select_pipes(disable=["newsloom_quotes", "newsloom_events"]):
        for _name, text, spans in gold_cues(args.root, args.every, args.offset):
            x, y = examples(nlp(text), spans)
            xs += x
            ys += y
    weights, bias = fit(xs, ys, args.c)
    print(f"{len(ys)} verb tokens, {sum(ys)} marked as cues; {len(weights)} weights kept")
    data = {"about": f"benchmarks/train_cues.py --every {args.every} --offset {args.offset} --c {args.c}",
            "threshold": args.threshold, "bias": bias, "weights": dict(sorted(weights.items()))}
    if args.write:
        args.out.write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n", "utf-8")


if __name__ == "__main__":
    main()
