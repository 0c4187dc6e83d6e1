"""Train the speaker ranker for unattributed direct quotations on PolNeAR's train compartment.

Every direct quotation our finder marks and that matches a PolNeAR attribution with a source
becomes a group of candidates (the mentions and pronouns around it, as
``newsloom.understand.quotes.ranker`` sees them); a candidate is right when the speaker it
would give shares a word with the annotated source (the benchmark's own test). A logistic
regression over the candidates' features is fitted and written as feature names and weights:
no text of the corpus is kept. Cross-validation by article reports how often the top candidate
is right where the rules found no speaker, at the threshold written.

    .venv/bin/python benchmarks/train_speaker_ranker.py /work/.mirror/networkdynamics+PolNeAR/repo \
        --every 3 [--parses CACHE.pkl] [--out src/newsloom/data/lexicons/speaker_ranker.json]

``--parses`` reads a pickle of (articles, Doc bytes) made by parsing the same articles with the
pipeline minus its quotes and events components (saves the parse on re-runs).
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from quotes import build_pipeline  # noqa: E402
from quotes_polnear import load, match, name_words  # noqa: E402

OUT = HERE.parent / "src" / "newsloom" / "data" / "lexicons" / "speaker_ranker.json"


@dataclass(slots=True)
class Group:
    article: int
    features: list[dict[str, float]]
    labels: list[bool]
    rules_speaker: bool  # the rules attributed this quotation
    rules_right: bool


def _docs(args: argparse.Namespace) -> tuple[list[Any], list[Any], Any]:
    from spacy.tokens import Doc

    nlp = build_pipeline()
    if args.parses:
        with open(args.parses, "rb") as fh:
            arts, blobs = pickle.load(fh)
        docs = [Doc(nlp.vocab).from_bytes(b) for b in blobs]
        if "newsloom_headline" in nlp.pipe_names:
            docs = [nlp.get_pipe("newsloom_headline")(d) for d in docs]
        return arts, docs, nlp
    arts = load(args.root, "train", None, args.every)
    docs = []
    with nlp.select_pipes(disable=["newsloom_quotes", "newsloom_events"]):
        for a in arts:
            d = nlp.make_doc(a.text)
            d._.nl_published = a.published
            docs.append(nlp(d))
    return arts, docs, nlp


def _speaker_words(r: Any) -> set[str]:
    if r is None:
        return set()
    got = name_words(r.speaker.text)
    return got | name_words(r.speaker.actor.name) if r.speaker.actor is not None else got


def groups_of(k: int, article: Any, doc: Any, lex: Any) -> list[Group]:
    from newsloom.understand.quotes import finder as F
    from newsloom.understand.quotes.ranker import candidates

    ctx = F._context(doc, lex)
    items = F.dedupe(F._marked_items(ctx) + F._reported_items(ctx))
    items = F.merge_split_quotes(items, ctx.para_of)
    F.inherit_speakers(items, ctx.para_of, ctx.resolver.sentence_of)
    resolved = F._resolve_speakers(ctx, items)
    scene = F.ranker_scene(ctx, resolved)
    direct = [it for it in items if it.kind == "direct" and it.mark is not None]
    golds = [g for g in article.gold if g.direct and g.source]
    preds = [SimpleNamespace(text=ctx.text[it.start:it.end]) for it in direct]
    out = []
    for i, j in match(preds, golds):
        it, want = direct[i], name_words(golds[j].source_text)
        src = it.cue or (it.inherit_from.cue if it.inherit_from else None)
        rule = resolved.get(id(src)) if src else None
        feats, labels = [], []
        for c in candidates(scene, it.mark.start, max(it.end, it.mark.end), it.parts):
            r = ctx.resolver.resolve(c.token) if c.token is not None else ctx.resolver.from_mention(c.mention)
            feats.append(c.features)
            labels.append(bool(_speaker_words(r) & want))
        out.append(Group(k, feats, labels, rule is not None, bool(_speaker_words(rule) & want)))
    return out


def fit(groups: list[Group]) -> tuple[list[str], list[float], float]:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    names = sorted({n for g in groups for f in g.features for n in f})
    rows = [[f.get(n, 0.0) for n in names] for g in groups for f in g.features]
    ys = [y for g in groups for y in g.labels]
    lr = LogisticRegression(C=1.0, max_iter=2000)
    lr.fit(np.array(rows), np.array(ys))
    return names, [float(w) for w in lr.coef_[0]], float(lr.intercept_[0])


def evaluate(groups: list[Group], names: list[str], weights: list[float], bias: float,
             threshold: float) -> dict[str, int]:
    from newsloom.understand.quotes.ranker import Model

    mdl = Model(tuple(names), tuple(weights), bias, threshold)
    out = {"unattributed": 0, "chosen": 0, "right": 0, "attributed": 0, "top_right": 0, "rules_right": 0}
    for g in groups:
        if not g.features:
            continue
        scores = [mdl.score(f) for f in g.features]
        best = max(range(len(scores)), key=scores.__getitem__)
        if not g.rules_speaker:
            out["unattributed"] += 1
            if scores[best] >= threshold:
                out["chosen"] += 1
                out["right"] += g.labels[best]
        else:
            out["attributed"] += 1
            out["top_right"] += g.labels[best]
            out["rules_right"] += g.rules_right
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("root", type=Path, help="PolNeAR snapshot: git directory or folder holding data/")
    ap.add_argument("--every", type=int, default=3, help="take every K-th train article")
    ap.add_argument("--parses", type=Path, default=None, help="pickle of (articles, Doc bytes) to reuse")
    ap.add_argument("--threshold", type=float, default=0.5, help="least score to name a speaker")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    from newsloom.understand.quotes.lexicon import lexicon

    arts, docs, _nlp = _docs(args)
    lex = lexicon()
    groups = [g for k, (a, d) in enumerate(zip(arts, docs, strict=True)) for g in groups_of(k, a, d, lex)]
    # Two folds by article: fit on one half, count on the other.
    total: dict[str, int] = {}
    for fold in (0, 1):
        train = [g for g in groups if g.article % 2 != fold]
        names, weights, bias = fit(train)
        got = evaluate([g for g in groups if g.article % 2 == fold], names, weights, bias, args.threshold)
        total = {k: total.get(k, 0) + v for k, v in got.items()}
    print("cross-validated:", json.dumps(total))
    names, weights, bias = fit(groups)
    args.out.write_text(json.dumps({
        "about": ("Speaker ranker for direct quotations no rule attributes (newsloom.understand.quotes."
                  "ranker). Logistic regression weights fitted by benchmarks/train_speaker_ranker.py on "
                  f"PolNeAR train (one article in {args.every}; Newell, Margolin and Ruths, LREC 2018): "
                  "feature names and floats only, no text of the corpus."),
        "groups": len(groups), "threshold": args.threshold, "bias": round(bias, 5),
        "features": names, "weights": [round(w, 5) for w in weights],
        "cross_validated": total,
    }, indent=1) + "\n", "utf-8")
    print("wrote", args.out, len(groups), "groups")


if __name__ == "__main__":
    main()
