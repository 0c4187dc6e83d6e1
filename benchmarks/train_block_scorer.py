"""Train the flattened-text cleaner's block chooser on silver labels; write ``data/block_scorer.json``.

    .venv/bin/python benchmarks/train_block_scorer.py --trafilatura-set SNAPSHOT [--shared DIR]
        [--cache FILE] [--l2 0.01] [--write]

Labels need no gold: for every development page whose HTML we have (the AEB pages under
``DIR/bench/aeb`` and the *tuning* part of trafilatura's evaluation set in SNAPSHOT; its held-out
part is never read here), the page is flattened (html-text and inscriptis) and each line of the
flattened text is labelled article text when our HTML extraction keeps it. Among the rule-based
finder's candidate runs (``blockscore.candidates``), the one whose article lines best match those
labels (F1 over characters, clearly ahead of the others) is the article; a conditional logit over
``blockscore.FEATURES`` is fitted to pick it. The pages are read from the paths given, never
stored here; ``--cache`` keeps the flattened pages and HTML outputs between runs (outside the
repository). Without ``--write`` the weights are only printed.
"""

from __future__ import annotations

import argparse
import json
import pickle
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

_SPACE = re.compile(r"\s+")
# Lines shorter than this are labelled by equality with an output line, longer ones by being
# contained in the output (a flattener may split one paragraph of the HTML output in two).
MIN_CONTAINED_CHARS = 25
# Candidates whose F1 against the silver lines is within TIE_F1 of the best are all labelled
# right; a page with another candidate within CLEAR_F1 of the best teaches nothing.
TIE_F1 = 0.02
CLEAR_F1 = 0.05


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip().lower()


def build_pages(shared: Path, snapshot: Path) -> dict[str, dict[str, object]]:
    """page key -> {"html_out", "flat": {flattener: text}, "held": bool} for AEB and the set."""
    import extraction as ex
    from snippet_eval import load_set

    from newsloom.extract.decode import decode

    out: dict[str, dict[str, object]] = {}
    pages, _ = ex.load_aeb(shared)
    for key, html in pages.items():
        out[f"aeb:{key}"] = {"html_out": ex.newsloom_html(html), "held": False,
                             "flat": {n: f(html) for n, f in ex.FLATTENERS.items()}}
    loaded, _ = load_set(snapshot)
    for page, data in loaded:
        if page.held_out:
            continue  # never read the held-out part, not even for labels
        html = decode(data, "bench")
        out[f"set:{page.url}"] = {"html_out": ex.newsloom_html(html), "held": False,
                                  "flat": {n: f(html) for n, f in ex.FLATTENERS.items()}}
    return out


def silver_labels(lines: list, html_out: str) -> list[bool]:
    """Whether each classified line is kept by the HTML extraction (see MIN_CONTAINED_CHARS)."""
    kept = _norm(html_out)
    kept_lines = {_norm(ln) for ln in html_out.splitlines()}
    return [(_norm(ln.text) in kept) if len(ln.text) >= MIN_CONTAINED_CHARS else (_norm(ln.text) in kept_lines)
            for ln in lines]


def block_rows(flat: str, html_out: str) -> tuple[np.ndarray, np.ndarray] | None:
    """(features, labels) of one flattened page's candidate runs: label 1 for the run whose
    article lines best match the HTML extraction (F1 over characters), when it beats the others."""
    from newsloom.extract.blocks import Marks, main_block
    from newsloom.extract.blockscore import block_features, candidates
    from newsloom.extract.classify import Kind, classify_lines
    from newsloom.extract.text import split_lines
    from newsloom.extract.verdict import headline_repeats

    if len(_norm(html_out)) < 100:
        return None
    raw = split_lines(flat)
    lines = classify_lines(raw)
    repeats = headline_repeats(raw)
    marks = Marks(first_sidebar=len(lines))
    if main_block(lines, repeats[-1] if repeats else None, repeats, marks) is None:
        return None
    runs = candidates(marks)
    if len(runs) < 2:
        return None
    silver = silver_labels(lines, html_out)
    gold_chars = sum(len(ln.text) for ln, s in zip(lines, silver, strict=True) if s)
    if not gold_chars:
        return None
    f1s = []
    for _, start, end in runs:
        kept = [(len(ln.text), s) for ln, s in zip(lines[start:end], silver[start:end], strict=True)
                if ln.kind in (Kind.PROSE, Kind.SHORT, Kind.STAMP)]
        tp = sum(n for n, s in kept if s)
        out = sum(n for n, _ in kept)
        f1s.append(2 * tp / (out + gold_chars) if out + gold_chars else 0.0)
    best = max(f1s)
    # Every candidate within TIE_F1 of the best is right (a run and its join with a sliver of
    # text differ by little); a page with a candidate in the zone between is unclear.
    labels = np.array([f >= best - TIE_F1 for f in f1s], dtype=float)
    if best < 0.3 or labels.all() or any(best - CLEAR_F1 <= f < best - TIE_F1 for f in f1s):
        return None  # no clear article among the runs: nothing to learn from this page
    return block_features(lines, marks, runs), labels


def block_data(pages: dict[str, dict[str, object]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    xs, ys, gs = [], [], []
    for page in pages.values():
        if page["held"]:
            continue
        for flat in page["flat"].values():  # type: ignore[union-attr]
            rows = block_rows(flat, page["html_out"])  # type: ignore[arg-type]
            if rows is not None:
                xs.append(rows[0])
                ys.append(rows[1])
                gs.append(np.full(len(rows[1]), len(gs)))
    return np.vstack(xs), np.concatenate(ys), np.concatenate(gs)


def fit_choice(x: np.ndarray, y: np.ndarray, groups: np.ndarray, l2: float, names: tuple[str, ...],
               steps: int = 3000, rate: float = 0.5) -> dict[str, object]:
    """Conditional logit: within each page, a softmax over its candidates' scores, fitted by
    gradient descent to put the mass on the runs labelled right (L2 penalty ``l2``)."""
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    z = (x - mean) / scale
    n_groups = int(groups.max()) + 1
    coef = np.zeros(x.shape[1])
    for _ in range(steps):
        s = z @ coef
        s = s - np.maximum.reduceat(s, np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]]))[groups]
        e = np.exp(s)
        p = e / np.bincount(groups, weights=e)[groups]
        # Loss -log(sum of p over a page's right candidates): the gradient pulls p towards p
        # renormalised over them (the plain one-hot target when one candidate is right).
        q = p * y / np.bincount(groups, weights=p * y)[groups]
        grad = z.T @ (p - q) / n_groups + l2 * coef
        coef -= rate * grad
    return {"features": list(names), "mean": mean.round(6).tolist(), "scale": scale.round(6).tolist(),
            "coef": coef.round(6).tolist(), "intercept": 0.0, "l2": l2, "trained_on": n_groups}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trafilatura-set", type=Path, required=True, metavar="SNAPSHOT")
    parser.add_argument("--shared", type=Path, help="shared data folder (bench/aeb); default as extraction.py")
    parser.add_argument("--cache", type=Path, help="pickle of the flattened pages and HTML outputs (made if absent)")
    parser.add_argument("--l2", type=float, default=0.01, help="L2 penalty of the block chooser")
    parser.add_argument("--write", action="store_true", help="write src/newsloom/data/block_scorer.json")
    args = parser.parse_args()
    import extraction as ex

    if args.cache and args.cache.exists():
        pages = pickle.loads(args.cache.read_bytes())
    else:
        pages = build_pages(args.shared or ex.shared_dir(), args.trafilatura_set)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(pages))
    from newsloom.extract.blockscore import FEATURES

    x, y, groups = block_data(pages)
    model = fit_choice(x, y, groups, args.l2, FEATURES)
    print(f"{int(groups.max()) + 1} pages (page x flattener) with a clear article ({int(y.sum())} right) "
          f"among {len(y)} candidates; weights:")
    for name, coef in sorted(zip(model["features"], model["coef"], strict=True), key=lambda t: -abs(t[1])):  # type: ignore[arg-type]
        print(f"  {name:20s} {coef:+.3f}")
    if args.write:
        path = ROOT / "src" / "newsloom" / "data" / "block_scorer.json"
        path.write_text(json.dumps(model, indent=1) + "\n", "utf-8")
        print(f"written {path}")


if __name__ == "__main__":
    main()
