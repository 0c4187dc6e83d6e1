"""The actor tables, the hand-checked link sample and the linking of the Giveme5W1H development
articles may not fall below the floors pinned in ``tests/floors/actors.json`` (the same measures as
``benchmarks/actors.py``, on the shared corpus only: PolNeAR is a fetched snapshot)."""

from __future__ import annotations

import csv
import gzip
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FLOORS = json.loads((ROOT / "tests" / "floors" / "actors.json").read_text("utf-8"))
TABLES = ROOT / "src" / "newsloom" / "data" / "actors" / "wikidata"
sys.path.insert(0, str(ROOT / "benchmarks"))

import actors as bench  # noqa: E402

from newsloom.settings import Settings  # noqa: E402
from newsloom.understand.nlp import make_docs  # noqa: E402
from newsloom.understand.stage import UnderstandStage  # noqa: E402


def _rows(name: str) -> list[list[str]]:
    return [line.split("\t") for line in gzip.decompress((TABLES / name).read_bytes()).decode("utf-8").splitlines()[1:]]


def test_table_floors() -> None:
    people = [r for r in _rows("people.tsv.gz") if r[0].startswith("Q") and r[5]]
    orgs = {r[0] for name in ("parties.tsv.gz", "supraverden.tsv.gz", "nsi.tsv.gz") for r in _rows(name)
            if r[0].startswith("Q")}
    assert len(people) >= FLOORS["tables"]["people_with_qid_and_dated_office"]
    assert len(orgs) >= FLOORS["tables"]["organisations_with_qid"]
    sports = [r for r in _rows("sports.tsv.gz") if r[0].startswith("Q") and r[5]]
    assert len(sports) >= FLOORS["tables"]["sports_people_with_qid_and_dated_career"]


def test_judged_sample_floor() -> None:
    floor = FLOORS["judged_sample"]
    rows = [r for r in csv.reader((ROOT / floor["file"]).open(encoding="utf-8"), delimiter="\t")
            if len(r) >= 5 and not r[0].startswith("#")]
    assert len(rows) == 100
    assert sum(r[4].strip() == "y" for r in rows) >= floor["correct"]


def test_giveme5w1h_linking_floor() -> None:
    try:
        corpus = bench.giveme()
    except (SystemExit, FileNotFoundError) as exc:
        pytest.fail(f"Giveme5W1H development set not found ({exc}): set NEWSLOOM_SHARED or put shared/ beside the clone")
    stage = UnderstandStage(Settings.load())
    nlp = stage.nlp
    ours = [p for p in nlp.pipe_names if p.startswith("newsloom_") and p not in ("newsloom_line_breaks", "newsloom_actors")]
    docs = nlp.pipe(make_docs(nlp, [t for _, t, _ in corpus], [d for *_, d in corpus]), disable=ours)
    tl = bench.tally(corpus, docs)
    mentions = tl.mentions
    shares = bench.qid_shares(tl.actors, mentions, limit=0)
    floor = FLOORS["giveme5w1h_dev"]
    assert shares["person_with_qid"] >= floor["person_with_qid"]
    assert shares["organization_with_qid"] >= floor["organization_with_qid"]
    assert sum(1 for i in tl.junk if mentions[i] >= 3) <= floor["junk_ge3"]
    assert sum(1 for ids in tl.split_names.values() if len(ids) > 1) <= floor["full_names_split"]
