"""Quality gate: extraction scores on the shared benchmark pages never fall below the pinned floors."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from aeb_metric import CorpusScore, aggregate, score_page  # noqa: E402

FLOORS = json.loads((ROOT / "tests" / "floors" / "extraction.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def aeb(shared: Path) -> tuple[dict[str, str], dict[str, str]]:
    from extraction import load_aeb

    return load_aeb(shared)


def _check(name: str, got: CorpusScore) -> None:
    floor = FLOORS[name]
    for key in ("f1", "precision", "recall"):
        assert getattr(got, key) >= floor[key], f"{name} {key} {getattr(got, key):.4f} < floor {floor[key]}"


@pytest.mark.slow
def test_html_extraction_floor(aeb: tuple[dict[str, str], dict[str, str]]) -> None:
    from newsloom.extract.html import extract_html

    pages, gold = aeb
    got = aggregate(score_page(gold[k], extract_html(pages[k], source=k).text) for k in gold)
    _check("aeb_html", got)


@pytest.mark.slow
def test_flattened_text_floor(aeb: tuple[dict[str, str], dict[str, str]]) -> None:
    from extraction import flatten

    from newsloom.extract.text import extract_text

    pages, gold = aeb
    flat = flatten(pages)
    got = aggregate(score_page(gold[k], extract_text(flat[k], source=k).text) for k in gold)
    _check("aeb_flattened", got)


@pytest.mark.slow
def test_second_flattener_floor(aeb: tuple[dict[str, str], dict[str, str]]) -> None:
    """The cleaner must not depend on one flattener's habits: inscriptis lays pages out differently."""
    from extraction import flatten

    from newsloom.extract.text import extract_text

    pages, gold = aeb
    flat = flatten(pages, "inscriptis")
    got = aggregate(score_page(gold[k], extract_text(flat[k], source=k).text) for k in gold)
    _check("aeb_flattened_inscriptis", got)
