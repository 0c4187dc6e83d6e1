"""Quote attribution on PolNeAR (Newell, Margolin and Ruths, LREC 2018): real, independently annotated news.

PolNeAR marks every attribution in 1,008 US political news articles of 2016: source (speaker),
cue and content, direct and indirect, in BRAT standoff files. The corpus has no licence file, so
nothing of it lives in this repository: pass the path of a fetched snapshot (a git directory,
read with ``git show``) or of a checked-out/extracted folder holding ``data/``.

Only the ``train`` and ``dev`` compartments are read (tune on train, report on dev); the corpus's
authors reserve its third compartment for one final evaluation, and this script never reads it.

Metric (issue 11):
- found: a predicted quote matches a gold attribution when their word sets overlap by at least
  half of the smaller set; each gold attribution is matched once (greedy, largest overlap first).
- attributed: the matched prediction's speaker (mention text or linked actor name) shares a
  content word with the gold source span (pronouns count: the gold marks "he" in "he said").
  A gold attribution without a source span is attributed by any match.
- precision = attributed / predicted, recall = attributed / gold, F1, for all attributions and
  for direct quotes alone: gold content holding words in quotation marks, and predictions judged
  the same way (kind ``direct`` or ``partial``, or a quote whose text holds quotation marks: an
  indirect statement quoting a phrase is direct by the issue's definition, as its gold is).

    .venv/bin/python benchmarks/quotes_polnear.py /work/.mirror/networkdynamics+PolNeAR/repo \
        --split dev [--limit N] [--every K] [--worst 15] [--show-errors]
"""

from __future__ import annotations

import argparse
import hashlib
import re
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from quotes import build_pipeline  # noqa: E402

SPLITS = ("train", "dev")  # the only compartments this benchmark may read
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
# Direct: the content holds quoted words (wholly or in part): any double mark, doubled
# apostrophes, or an opening single mark (a lone "'" or "’" is mostly an apostrophe).
_MARKS = re.compile(r"[“”\"«»„‘]|''")
# Words too common to show that two spans name the same speaker ("the", "of"); pronouns stay.
_FUNCTION = {"the", "a", "an", "of", "and", "in", "on", "at", "for", "to", "s", "'s", "’s", "mr", "mrs",
             "ms", "dr", "by", "with", "from"}


@dataclass(slots=True)
class Gold:
    spans: list[tuple[int, int]]
    source: list[tuple[int, int]]
    text: str
    source_text: str
    direct: bool
    words: set[str] = field(default_factory=set)
    cue: str = ""


@dataclass(slots=True)
class Article:
    name: str
    text: str
    published: str | None
    gold: list[Gold]


class Corpus:
    """Reads files of the snapshot: from a git directory with ``git show``, else from disk."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.git = not (root / "data").is_dir()

    def names(self, folder: str) -> list[str]:
        if self.git:
            out = subprocess.run(["git", "-C", str(self.root), "ls-tree", "--name-only", "HEAD", folder + "/"],
                                 check=True, capture_output=True, text=True).stdout
            return sorted(Path(p).name for p in out.splitlines())
        return sorted(p.name for p in (self.root / folder).iterdir())

    def read(self, path: str) -> str:
        if self.git:
            return subprocess.run(["git", "-C", str(self.root), "show", f"HEAD:{path}"],
                                  check=True, capture_output=True).stdout.decode("utf-8")
        return (self.root / path).read_text("utf-8")


def words(text: str) -> set[str]:
    return {w.lower().replace("’", "'") for w in _WORD.findall(text)}


def name_words(text: str) -> set[str]:
    """Words of a speaker phrase, a possessive's "'s" dropped ("Mr. Trump's" names Trump)."""
    return {w[:-2] if w.endswith("'s") else w for w in words(text)} - _FUNCTION


def _spans(field_: str) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in (p.split() for p in field_.split(";"))]


def parse_ann(ann: str, text: str) -> list[Gold]:
    """BRAT text-bound annotations (T) tied into attributions by events (E)."""
    bound: dict[str, list[tuple[int, int]]] = {}
    # An annotated span holding a line break continues its line on the next: only "T<n>\t" and
    # "E<n>\t" lines are records.
    for line in ann.splitlines():
        if re.match(r"T\d+\t", line):
            tid, body, _ = line.split("\t", 2)
            _label, _, offsets = body.partition(" ")
            bound[tid] = _spans(offsets)
    golds = []
    for line in ann.splitlines():
        if not re.match(r"E\d+\t", line):
            continue
        roles = dict(part.split(":", 1) for part in line.split("\t")[1].split())
        content = bound.get(roles.get("Content", ""))
        if not content:
            continue
        source = bound.get(roles.get("Source", ""), [])
        ctext = " ".join(text[a:b] for a, b in content)
        cue = " ".join(text[a:b] for a, b in bound.get(roles.get("Cue", ""), []))
        golds.append(Gold(content, source, ctext, " ".join(text[a:b] for a, b in source),
                          bool(_MARKS.search(ctext)), words(ctext), cue))
    return golds


def load(root: Path, split: str, limit: int | None = None, every: int = 1) -> list[Article]:
    if split not in SPLITS:
        raise SystemExit(f"split must be one of {SPLITS}")
    corpus = Corpus(root)
    base = f"data/{split}"
    anns: dict[str, str] = {}
    for name in corpus.names(f"{base}/attributions"):
        # Several annotators may have marked one article: keep the first file (sorted) per article.
        anns.setdefault(name.rsplit("_", 1)[0], name)
    articles = []
    for i, stem in enumerate(sorted(anns)):
        if i % every:
            continue
        text = corpus.read(f"{base}/text/{stem}.txt")
        date = re.search(r"_(\d{4}-\d\d-\d\d)_", stem)
        articles.append(Article(stem, text, date.group(1) if date else None,
                                parse_ann(corpus.read(f"{base}/attributions/{anns[stem]}"), text)))
        if limit and len(articles) >= limit:
            break
    return articles


def speaker_words(q: Any) -> set[str]:
    if q.speaker is None:
        return set()
    got = name_words(q.speaker.text)
    if q.speaker.actor is not None:
        got |= name_words(q.speaker.actor.name)
    return got


def is_direct(q: Any) -> bool:
    # The same test as the gold's (content holding quotation marks), plus our own kinds.
    return q.kind in ("direct", "partial") or bool(_MARKS.search(q.text))


def match(preds: list[Any], golds: list[Gold]) -> list[tuple[int, int]]:
    """(prediction, gold) pairs, greedy by overlap; each side used once."""
    pairs = []
    for i, q in enumerate(preds):
        pw = words(q.text)
        for j, g in enumerate(golds):
            inter = len(pw & g.words)
            small = min(len(pw), len(g.words))
            if small and inter * 2 >= small:
                # Equal word overlaps (one name found in several golds) go to the gold nearest in the text.
                lo, hi = min(a for a, _ in g.spans), max(b for _, b in g.spans)
                pairs.append((inter, max(lo - q.end, q.start - hi, 0), i, j))
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _inter, _gap, i, j in sorted(pairs, key=lambda p: (-p[0], p[1], p[2], p[3])):
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((i, j))
    return out


def attributed(q: Any, g: Gold) -> bool:
    if not g.source:
        return True
    return bool(speaker_words(q) & name_words(g.source_text))


@dataclass(slots=True)
class Tally:
    predicted: int = 0
    gold: int = 0
    found: int = 0
    good: int = 0

    def add(self, other: Tally) -> None:
        self.predicted += other.predicted
        self.gold += other.gold
        self.found += other.found
        self.good += other.good

    def scores(self) -> dict[str, float]:
        p = self.good / self.predicted if self.predicted else 0.0
        r = self.good / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
                "found": round(self.found / self.gold, 3) if self.gold else 0.0,
                "gold": self.gold, "predicted": self.predicted}


def score_article(preds: list[Any], golds: list[Gold], errors: list[str] | None = None,
                  name: str = "") -> tuple[Tally, Tally]:
    every = Tally(len(preds), len(golds))
    for i, j in match(preds, golds):
        every.found += 1
        ok = attributed(preds[i], golds[j])
        every.good += ok
        if not ok and errors is not None:
            errors.append(f"{name}\tSPEAKER\t{sorted(speaker_words(preds[i]))} want {golds[j].source_text!r}"
                          f"\t{golds[j].text[:80]!r}")
    if errors is not None:
        hit_p = {i for i, _ in match(preds, golds)}
        hit_g = {j for _, j in match(preds, golds)}
        errors += [f"{name}\tMISS-{'D' if g.direct else 'I'}\t{g.source_text!r}\t{g.cue!r}\t{g.text[:100]!r}"
                   for j, g in enumerate(golds) if j not in hit_g]
        errors += [f"{name}\tEXTRA-{q.kind}\t{q.speaker.text if q.speaker else None!r}\t{q.text[:100]!r}"
                   for i, q in enumerate(preds) if i not in hit_p]
    dpreds = [q for q in preds if is_direct(q)]
    dgolds = [g for g in golds if g.direct]
    direct = Tally(len(dpreds), len(dgolds))
    for i, j in match(dpreds, dgolds):
        direct.found += 1
        direct.good += attributed(dpreds[i], dgolds[j])
    return every, direct


# Our components that run after spaCy's parser and NER: what a cached parse is replayed through.
_LATE = ("newsloom_headline", "newsloom_actors", "newsloom_dates", "newsloom_quotes")


def analyse_cached(nlp: Any, text: str, published: str | None, folder: Path) -> list[Any]:
    """Quotes of ``text`` from a parse stored in ``folder`` (made on first use): a quick loop
    for attribution work, where spaCy's parse is most of the time and never changes. A cached
    parse can differ from a fresh one in small ways; the full run is the figure to report."""
    from spacy.tokens import DocBin

    later = [n for n in nlp.pipe_names if n in _LATE or n == "newsloom_events"]
    path = folder / (hashlib.sha1(text.encode()).hexdigest()[:20] + ".spacy")
    if path.exists():
        doc = next(DocBin().from_disk(path).get_docs(nlp.vocab))
    else:
        with nlp.select_pipes(disable=later):
            doc = nlp(nlp.make_doc(text))
        folder.mkdir(parents=True, exist_ok=True)
        bin_ = DocBin()
        bin_.add(doc)
        bin_.to_disk(path)
    doc._.nl_published = published
    for name in _LATE:
        if name in nlp.pipe_names:
            doc = nlp.get_pipe(name)(doc)
    return doc._.nl_quotes


def run(root: Path, split: str, limit: int | None, every: int, show: bool, worst: int,
        parses: Path | None = None) -> dict[str, Any]:
    articles = load(root, split, limit, every)
    nlp = build_pipeline()
    from quotes import analyse

    started = time.perf_counter()
    if parses is None:
        predictions = [analyse(nlp, a.text, a.published) for a in articles]
    else:
        predictions = [analyse_cached(nlp, a.text, a.published, parses) for a in articles]
    elapsed = time.perf_counter() - started
    total, direct = Tally(), Tally()
    errors: list[str] = []
    losses = []
    bad_spans = 0
    for a, preds in zip(articles, predictions, strict=True):
        bad_spans += sum(a.text[q.start:q.end] != q.text for q in preds)
        e, d = score_article(preds, a.gold, errors if show else None, a.name)
        total.add(e)
        direct.add(d)
        losses.append((e.gold - e.good + e.predicted - e.good, a.name, e.scores()))
    if show:
        print("\n".join(errors))
        print(Counter(e.split("\t")[1] for e in errors).most_common())
    out = {"split": split, "articles": len(articles), "all": total.scores(), "direct": direct.scores(),
           "docs_per_second": round(len(articles) / elapsed, 2),
           "spans_not_text": bad_spans, "quotes": sum(len(p) for p in predictions)}
    if worst:
        out["worst"] = [(n, lost, s["f1"]) for lost, n, s in sorted(losses, reverse=True)[:worst]]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("root", type=Path, help="PolNeAR snapshot: git directory or folder holding data/")
    ap.add_argument("--split", choices=SPLITS, default="dev")
    ap.add_argument("--limit", type=int, default=None, help="stop after N articles")
    ap.add_argument("--every", type=int, default=1, help="take every K-th article (a sample of train)")
    ap.add_argument("--show-errors", action="store_true", help="print misses, wrong speakers and extras")
    ap.add_argument("--worst", type=int, default=10, help="list the N articles losing most")
    ap.add_argument("--parses", type=Path, default=None,
                    help="cache spaCy's parses in this folder and replay only our components "
                         "(quick loops; report the full run)")
    args = ap.parse_args()
    res = run(args.root, args.split, args.limit, args.every, args.show_errors, args.worst, args.parses)
    for key in ("all", "direct"):
        s = res[key]
        print(f"{res['split']} {key:6s} P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f} "
              f"found {s['found']:.3f} (gold {s['gold']}, predicted {s['predicted']})")
    print(f"articles {res['articles']}, quotes {res['quotes']}, text != text[start:end]: {res['spans_not_text']}, "
          f"{res['docs_per_second']} docs/s")
    for name, lost, f1 in res.get("worst", []):
        print(f"  worst: {name} lost {lost} F1 {f1}")


if __name__ == "__main__":
    main()
