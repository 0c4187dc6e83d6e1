"""Claim: on real news the actor layer links frequently mentioned people and organisations to
Wikidata, keeps junk out, and attaches every full-name mention of a person to that person.

Corpora: the Giveme5W1H development half in the shared folder (title + body, as scraped) and the
train and dev compartments of PolNeAR, read from a fetched snapshot (git directory) given on the
command line; their text is never copied into the repository.

    NEWSLOOM_SHARED=/work/shared .venv/bin/python benchmarks/actors.py \
        --polnear /work/.mirror/networkdynamics+PolNeAR/repo [--cache /tmp/actors-docs] \
        [--sample benchmarks/actors_sample.tsv] [--judged benchmarks/actors_judged.tsv]

``--sample`` writes 100 links drawn with a fixed seed (doc id, mention, actor id, name) for hand
checking; ``--judged`` reads that file with a fifth column (y/n) and reports the precision.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from spacy.tokens import DocBin  # noqa: E402

from newsloom.settings import Settings  # noqa: E402
from newsloom.understand.kb import fold_words  # noqa: E402
from newsloom.understand.nlp import make_docs  # noqa: E402
from newsloom.understand.stage import UnderstandStage  # noqa: E402

# Independent junk detectors (not the linker's own rules).
HONORIFIC = re.compile(r"^(mr|mrs|ms|miss|dr|sen|rep|gov|gen|lt|col|sgt|president|secretary|senator|"
                       r"governor|minister|prince|king|queen|judge|justice|rev|sir|dame|lord|lady|"
                       r"prof|professor|chancellor|mayor|ambassador|chairman|speaker)\b\.?", re.I)
FURNITURE = re.compile(r"\b(caption|photo|photos|image|images|getty|credit|reuters/|ap photo|afp|"
                       r"file photo|hide|closeup|video|gallery|advertisement|click|subscribe)\b", re.I)
COMPARTMENTS = ("train", "dev")


def shared_dir() -> Path:
    for c in (os.environ.get("NEWSLOOM_SHARED"), ROOT / "../shared"):
        if c and Path(c).is_dir():
            return Path(c).resolve()
    raise SystemExit("shared data not found: set NEWSLOOM_SHARED")


def giveme() -> list[tuple[str, str, str | None]]:
    path = shared_dir() / "bench/clustering/giveme5w1h_dev/newscluster_dev.jsonl"
    out = []
    for line in path.read_text("utf-8").splitlines():
        r = json.loads(line)
        out.append((f"g5w:{r['id'][:12]}", f"{r.get('title') or ''}\n\n{r.get('text') or ''}", r.get("date")))
    return out


def polnear(repo: Path, limit: int) -> list[tuple[str, str, str | None]]:
    git = ["git", "--git-dir", str(repo if (repo / "HEAD").exists() else repo / ".git")]
    out = []
    for part in COMPARTMENTS:
        names = subprocess.run([*git, "ls-tree", "--name-only", f"HEAD:data/{part}/text"],
                               capture_output=True, text=True, check=True).stdout.split()
        for name in sorted(names)[: limit or None]:
            text = subprocess.run([*git, "show", f"HEAD:data/{part}/text/{name}"], capture_output=True,
                                  check=True).stdout.decode("utf-8", "replace")
            date = re.search(r"_(\d{4}-\d{2}-\d{2})_", name)
            out.append((f"pn:{part}:{name[:-4]}", text, date.group(1) if date else None))
    return out


def parsed(stage: UnderstandStage, corpus: list[tuple[str, str, str | None]], cache: Path | None) -> list:
    """Docs parsed by spaCy without our components, cached (the parse does not change while the
    linking rules do)."""
    nlp = stage.nlp
    ours = [n for n in nlp.pipe_names if n.startswith("newsloom_") and n != "newsloom_line_breaks"]
    file = cache / f"docs-{len(corpus)}.spacy" if cache else None
    if file and file.exists():
        return list(DocBin().from_disk(file).get_docs(nlp.vocab))
    docs = make_docs(nlp, [t for _, t, _ in corpus], [d for *_, d in corpus])
    docs = list(nlp.pipe(docs, batch_size=16, disable=ours))
    if file:
        file.parent.mkdir(parents=True, exist_ok=True)
        DocBin(store_user_data=True, docs=docs).to_disk(file)
    return docs


def linking_cost(stage: UnderstandStage, corpus: list[tuple[str, str, str | None]], n: int) -> dict[str, float]:
    """CPU time of the bare spaCy parse of ``n`` documents against that of the actor linker on the
    same parsed documents, in one process and one run (a ratio the machine's load affects alike)."""
    nlp = stage.nlp
    ours = [p for p in nlp.pipe_names if p.startswith("newsloom_") and p != "newsloom_line_breaks"]
    sample = corpus[:n]
    docs = make_docs(nlp, [t for _, t, _ in sample], [d for *_, d in sample])
    t = time.process_time()
    docs = list(nlp.pipe(docs, batch_size=16, disable=ours))
    parse = time.process_time() - t
    linker = nlp.get_pipe("newsloom_actors")
    t = time.process_time()
    for doc in docs:
        linker(doc)
    link = time.process_time() - t
    return {"cost_documents": len(docs), "spacy_cpu_ms_per_doc": round(parse / len(docs) * 1000, 1),
            "linker_cpu_ms_per_doc": round(link / len(docs) * 1000, 1),
            "parse_plus_linking_over_parse": round((parse + link) / parse, 3)}


def junk_kind(actor_id: str, name: str, first_line: str, body: str, kind: str = "person") -> str | None:
    """Why an actor's name is junk, judged on its name alone (a knowledge-base actor's name is
    curated; a document-local actor's name is the text it was found as). A title opens a
    person's name only: "Justice Department" is a body's name."""
    if kind == "person" and HONORIFIC.match(name):
        return "honorific"
    if FURNITURE.search(name):
        return "caption"
    return None


def headline_only(actor_id: str, name: str, first_line: str, body: str) -> bool:
    return actor_id.startswith("local:") and name in first_line and name not in body


def qid_shares(actors: dict[str, tuple[str, str, str | None]], mentions: Counter[str],
               limit: int = 80) -> dict[str, object]:
    """Per type, the share of actors with five mentions or more that carry a QID."""
    out: dict[str, object] = {}
    for kind in ("person", "organization"):
        frequent = sorted((i for i, (_, k, _) in actors.items() if k == kind and mentions[i] >= 5),
                          key=lambda i: -mentions[i])
        out[f"{kind}_frequent"] = len(frequent)
        out[f"{kind}_with_qid"] = round(sum(1 for i in frequent if actors[i][2]) / max(1, len(frequent)), 3)
        out[f"{kind}_frequent_without_qid"] = [actors[i][0] for i in frequent if not actors[i][2]][:limit]
    return out


@dataclass
class Tally:
    """What the linked mentions of a corpus add up to, per actor id."""

    mentions: Counter[str] = field(default_factory=Counter)
    by_corpus: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))  # "g5w" / "pn"
    actors: dict[str, tuple[str, str, str | None]] = field(default_factory=dict)
    junk: dict[str, str] = field(default_factory=dict)
    links: list[tuple[str, str, str, str, str]] = field(default_factory=list)  # the last: context, for judging only
    split_names: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))


def tally(corpus: list, docs: Iterable) -> Tally:
    """Count person and organisation mentions, junk actors and full names split across actors."""
    out = Tally()
    in_body: dict[str, bool] = {}  # a headline fragment is named in no document's body
    for (doc_id, text, _), doc in zip(corpus, docs, strict=True):
        first, _, body = text.partition("\n")
        for m in doc._.nl_mentions or []:
            a = m.actor
            if a.type not in ("person", "organization"):
                continue
            out.mentions[a.id] += 1
            out.by_corpus[doc_id.split(":")[0]][a.id] += 1
            out.actors.setdefault(a.id, (a.name, a.type, a.wikidata))
            kind = junk_kind(a.id, a.name, first, body, a.type)
            if kind:
                out.junk[a.id] = kind
            in_body[a.id] = in_body.get(a.id, False) or not headline_only(a.id, a.name, first, body)
            context = doc.text[max(0, m.start - 70):m.end + 50].replace("\n", " ").replace("\t", " ")
            out.links.append((doc_id, m.text, a.id, a.name, context))
            words = fold_words(m.text)
            if a.type == "person" and len(words) >= 2 and m.label == "PERSON":
                out.split_names[" ".join(words)].add(a.id)
    out.junk.update({i: "headline" for i, seen in in_body.items() if not seen and i not in out.junk})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--polnear", type=Path, help="PolNeAR snapshot (git directory)")
    ap.add_argument("--polnear-limit", type=int, default=0, help="first N documents per compartment")
    ap.add_argument("--cache", type=Path)
    ap.add_argument("--sample", type=Path)
    ap.add_argument("--judged", type=Path)
    ap.add_argument("--context", type=Path, help="with --sample: the same draw with each link's context")
    ap.add_argument("--seed", type=int, default=13, help="seed of the --sample draw (13: the first judged sample)")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--cost", type=int, default=0, help="also time spaCy against the linker on the first N documents")
    args = ap.parse_args()
    corpus = giveme() + (polnear(args.polnear, args.polnear_limit) if args.polnear else [])
    stage = UnderstandStage(Settings.load())
    docs = parsed(stage, corpus, args.cache)
    linker = stage.nlp.get_pipe("newsloom_actors")
    t = time.process_time()
    for doc in docs:
        linker(doc)
    link_ms = (time.process_time() - t) / len(docs) * 1000
    tl = tally(corpus, docs)
    mentions, actors, junk, links = tl.mentions, tl.actors, tl.junk, tl.links
    report: dict[str, object] = {"documents": len(docs), "linking_ms_per_doc": round(link_ms, 2)}
    report.update(qid_shares(actors, mentions))
    for name, counts in sorted(tl.by_corpus.items()):
        alone = qid_shares(actors, counts, limit=0)
        report[name] = {k: v for k, v in alone.items() if not k.endswith("without_qid")}
    frequent3 = [i for i in junk if mentions[i] >= 3]
    report["junk_ge3"] = sorted(f"{actors[i][0]} ({junk[i]}, {mentions[i]})" for i in frequent3)
    report["junk_all"] = len(junk)
    report["full_names_split"] = sorted(n for n, ids in tl.split_names.items() if len(ids) > 1)
    if args.cost:
        report.update(linking_cost(stage, corpus, args.cost))
    if args.sample:
        rng = random.Random(args.seed)
        with args.sample.open("w", newline="") as fh:
            drawn = rng.sample(links, min(100, len(links)))
            csv.writer(fh, delimiter="\t").writerows(r[:4] for r in drawn)
        if args.context:  # outside the repository: the documents' words are not copied into it
            with args.context.open("w", newline="") as fh:
                csv.writer(fh, delimiter="\t").writerows(drawn)
    if args.judged and args.judged.exists():
        rows = [r for r in csv.reader(args.judged.open(), delimiter="\t") if len(r) >= 5 and not r[0].startswith("#")]
        ok = sum(r[4].strip().lower().startswith("y") for r in rows)
        report["sample_precision"] = f"{ok}/{len(rows)}"
    print(json.dumps(report, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
