"""Claim: the understand stage costs at most 1.25x bare spaCy on the same texts and model.

Measures documents/second for bare ``nlp.pipe`` and for ``UnderstandStage`` (linking, roles, dates,
quotes), each with one process and with ``n_process=2``, in the same run. Texts: the two seeds and
the AEB ground-truth bodies from the shared folder, plus ``examples/corpus`` when present.

    .venv/bin/python benchmarks/nlp.py [--limit N] [--repeat R]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import spacy  # noqa: E402

from newsloom.extract import extract  # noqa: E402
from newsloom.model import Article  # noqa: E402
from newsloom.settings import Settings  # noqa: E402
from newsloom.understand.nlp import make_docs  # noqa: E402
from newsloom.understand.stage import UnderstandStage  # noqa: E402

OURS = ("newsloom_headline", "newsloom_actors", "newsloom_dates", "newsloom_quotes", "newsloom_events")


def shared_dir() -> Path:
    for c in (os.environ.get("NEWSLOOM_SHARED"), ROOT / "../shared"):
        if c and Path(c).is_dir():
            return Path(c).resolve()
    raise SystemExit("shared data not found: set NEWSLOOM_SHARED")


def corpus() -> list[tuple[str, str | None]]:
    """(text, published) pairs of real-looking news bodies."""
    shared = shared_dir()
    out: list[tuple[str, str | None]] = []
    for path in sorted((shared / "seeds").glob("*.txt")):
        a = extract(path.read_bytes(), source=str(path))
        out.append((a.text, a.published))
    gt = json.loads((shared / "bench/aeb/ground-truth.json").read_text("utf-8"))
    for item in gt.values():
        body = item.get("articleBody") or ""
        if len(body) > 300:
            out.append((body, item.get("datePublished")))
    examples = ROOT / "examples/corpus"
    for path in sorted(examples.glob("*/*")) if examples.is_dir() else []:
        if path.suffix in (".txt", ".html"):
            a = extract(path.read_bytes(), source=str(path))
            if a.text:
                out.append((a.text, a.published))
    return out


def _cpu() -> float:
    # This process and its finished children (the n_process workers): other load does not count.
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def timed_pair(bare, ours, repeat: int) -> tuple[float, float, float]:
    """Best wall seconds of each side and the median CPU ratio of the runs taken in pairs. The
    runs alternate, and so does which side of a pair goes first: a pass takes seconds, and on a
    shared machine the cost of the same work drifts between passes (other programs' load, caches),
    so the ratio of two best-of-R figures taken minutes apart swung by 0.1-0.2 (session 9 read 1.34x
    for a pass whose parts add up to 1.21x); a ratio within a pair sees the same conditions."""
    wall = [float("inf")] * 2
    ratios = []
    for r in range(repeat):
        cpu = [0.0, 0.0]
        for n in ((0, 1) if r % 2 == 0 else (1, 0)):
            w, c = time.perf_counter(), _cpu()
            (bare, ours)[n]()
            wall[n] = min(wall[n], time.perf_counter() - w)
            cpu[n] = _cpu() - c
        ratios.append(cpu[1] / cpu[0])
    return wall[0], wall[1], sorted(ratios)[len(ratios) // 2]


def paired(bare, stage, texts: list[tuple[str, str | None]], rounds: int) -> list[float]:
    """CPU time of the stage over bare spaCy, one document at a time, the two sides alternating
    (which goes first alternates too): a burst of load from other programs falls on both sides
    within a second, unlike whole passes of a minute each. One ratio per round."""
    ratios = []
    for r in range(rounds):
        spent = [0.0, 0.0]
        for n, (text, pub) in enumerate(texts):
            sides = ((0, lambda t=text: list(bare.pipe([t]))),
                     (1, lambda t=text, p=pub: stage([Article(source="p", text=t, published=p)])))
            for side, fn in (sides if (n + r) % 2 == 0 else sides[::-1]):
                c = _cpu()
                fn()
                spent[side] += _cpu() - c
        ratios.append(spent[1] / spent[0])
    return ratios


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=0, help="use only the first N texts")
    ap.add_argument("--repeat", type=int, default=2, help="runs per measurement; the best counts")
    ap.add_argument("--paired", type=int, default=0,
                    help="also measure N rounds document by document, stage and bare alternating (CPU time)")
    ap.add_argument("--batch-size", type=int, default=8,
                    help="nlp.pipe batch size for both sides (small, so two processes share the work evenly)")
    args = ap.parse_args()
    texts = corpus()
    if args.limit:
        texts = texts[: args.limit]
    chars = sum(len(t) for t, _ in texts)
    settings = Settings.load()
    settings.set("nlp.batch_size", args.batch_size)
    model, batch_size = settings.get("nlp.model"), args.batch_size
    bare = spacy.load(model)
    rows = []
    for n_process in (1, 2):
        s = settings.copy()
        s.set("nlp.n_process", n_process)
        stage = UnderstandStage(s)
        plain = [t for t, _ in texts]
        list(bare.pipe(plain[:4]))  # warm both pipelines outside the clock
        stage([Article(source="w", text=t, published=p) for t, p in texts[:4]])
        t_bare, t_ours, c_ratio = timed_pair(
            lambda plain=plain, n=n_process: list(bare.pipe(plain, batch_size=batch_size, n_process=n)),
            lambda stage=stage: stage([Article(source="b", text=t, published=p) for t, p in texts]),
            args.repeat)
        rows.append((n_process, len(texts) / t_bare, len(texts) / t_ours, t_ours / t_bare, c_ratio))
    # CPU time of our components alone over docs spaCy already parsed: robust on a busy machine.
    nlp = UnderstandStage(settings).nlp
    docs = list(nlp.pipe(make_docs(nlp, [t for t, _ in texts], [p for _, p in texts]),
                         batch_size=batch_size, disable=list(OURS)))
    t = time.process_time()
    list(bare.pipe([t for t, _ in texts], batch_size=batch_size))
    cpu_bare = time.process_time() - t
    cpu_ours = {}
    # The line-break component runs before the parser, so it is timed on freshly tokenized Docs.
    fresh = [nlp.make_doc(t) for t, _ in texts]
    t = time.process_time()
    for doc in fresh:
        nlp.get_pipe("newsloom_line_breaks")(doc)
    cpu_ours["newsloom_line_breaks"] = time.process_time() - t
    for name in OURS:
        component = nlp.get_pipe(name)
        t = time.process_time()
        for doc in docs:
            component(doc)
        cpu_ours[name] = time.process_time() - t
    cmd = "python benchmarks/nlp.py" + "".join(f" {a}" for a in sys.argv[1:])
    print(f"### Understanding stage vs bare spaCy ({time.strftime('%Y-%m-%d')})\n")
    print(f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"spaCy {spacy.__version__}, model `{model}`, batch_size {batch_size}. "
          f"{len(texts)} texts, {chars / len(texts):.0f} characters on average "
          f"(seeds + AEB ground-truth bodies + examples/corpus). {args.repeat} runs of each: docs/s and wall "
          f"from the best run, CPU as the median ratio of runs taken in pairs. "
          f"Command: `{cmd}`\n")
    print("| n_process | bare nlp.pipe (docs/s) | understand stage (docs/s) | wall time vs bare | CPU time vs bare |")
    print("| --- | --- | --- | --- | --- |")
    for n, b, o, r, c in rows:
        print(f"| {n} | {b:.1f} | {o:.1f} | {r:.2f}x | {c:.2f}x |")
    extra = sum(cpu_ours.values())
    mine = cpu_ours["newsloom_actors"] + cpu_ours["newsloom_dates"] + cpu_ours["newsloom_line_breaks"]
    print(f"\nLinking, dates and line breaks alone: {1 + mine / cpu_bare:.2f}x bare spaCy (CPU time).")
    parts = ", ".join(f"{k.removeprefix('newsloom_')} {v / len(texts) * 1000:.1f} ms" for k, v in cpu_ours.items())
    print(f"\nCPU time per document, one process: bare spaCy {cpu_bare / len(texts) * 1000:.0f} ms; "
          f"our components {extra / len(texts) * 1000:.1f} ms ({parts}), "
          f"i.e. {1 + extra / cpu_bare:.2f}x bare.")
    t = time.process_time()
    for doc in docs:
        nlp.get_pipe("lemmatizer")(doc)
    cpu_lemma = (time.process_time() - t) / len(texts) * 1000
    print("\nspaCy components kept: all of the model's (tok2vec, tagger, parser, attribute_ruler, "
          f"lemmatizer, ner). The lemmatizer ({cpu_lemma:.1f} ms per document) cannot be disabled: "
          "quotes (reporting verbs, role nouns) and linking (motion verbs, government nouns) read "
          "`token.lemma_`.")
    if args.paired:
        s = settings.copy()
        s.set("nlp.n_process", 1)
        ratios = sorted(paired(bare, UnderstandStage(s), texts, args.paired))
        print(f"\nPaired, document by document ({args.paired} rounds, one process, CPU time): stage "
              f"{ratios[len(ratios) // 2]:.2f}x bare spaCy (median; rounds {', '.join(f'{x:.2f}' for x in ratios)}).")
    # CPU time decides: on a shared machine wall time also measures the other programs.
    verdict = "met" if all(c <= 1.25 for *_, c in rows) and 1 + extra / cpu_bare <= 1.25 else "NOT met"
    print(f"\nTarget (stage at most 1.25x bare spaCy in CPU time): {verdict}. Load average at the end: "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (above the CPU count, wall times are unreliable).")


if __name__ == "__main__":
    main()
