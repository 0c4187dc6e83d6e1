"""The scorer for trafilatura's evaluation set (benchmarks/snippet_eval.py), on a tiny set of our own."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from snippet_eval import Counts, SnippetPage, count, load_set, total  # noqa: E402

PAGE = SnippetPage("https://example.org/a", "a.html", ("night buses", "three  districts"), ("Subscribe", "Menu"))


def test_count_matches_after_collapsing_whitespace() -> None:
    got = count(PAGE, "The night\nbuses reach three districts.\nSubscribe now")
    assert got == Counts(tp=2, fp=1, fn=0, tn=1)


def test_no_output_finds_nothing() -> None:
    assert count(PAGE, None) == Counts(tp=0, fp=0, fn=2, tn=2)
    assert count(PAGE, "") == Counts(tp=0, fp=0, fn=2, tn=2)


def test_scores_from_summed_counts() -> None:
    c = total([Counts(2, 1, 0, 1), Counts(1, 0, 1, 2)])
    assert c == Counts(3, 1, 1, 3)
    assert c.precision == 0.75 and c.recall == 0.75 and c.f1 == 0.75 and c.accuracy == 0.75
    assert Counts().f1 == 0.0 and Counts().precision == 0.0


def test_load_json_and_python_annotations_and_count_missing(tmp_path: Path) -> None:
    tests = tmp_path / "tests"
    (tests / "cache").mkdir(parents=True)
    (tests / "eval").mkdir()
    (tests / "cache" / "a.html").write_bytes(b"<p>night buses</p>")
    (tests / "eval" / "b.html").write_bytes(b"<p>three districts</p>")
    notes = {"https://example.org/a": {"file": "a.html", "with": ["night buses"], "without": ["Menu"]},
             "https://example.org/b": {"file": "b.html", "with": ["three"], "without": ["x"]},
             "https://example.org/c": {"file": "c.html", "with": ["gone"], "without": ["y"]}}
    (tests / "evaldata.json").write_text(json.dumps(notes), "utf-8")
    pages, missing = load_set(tmp_path)
    assert [p.file for p, _ in pages] == ["a.html", "b.html"] and missing == ["c.html"]
    (tests / "evaldata.json").unlink()
    # Older snapshots keep the same dict as a literal in a Python file: read as data, never run.
    (tests / "evaldata.py").write_text(f"import os\nos.exit(1)\nEVAL_PAGES = {notes!r}\n", "utf-8")
    pages, missing = load_set(tests)
    assert len(pages) == 2 and pages[0][1] == b"<p>night buses</p>" and missing == ["c.html"]
