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


def _check_titles(name: str, pages: dict[str, str], articles: dict[str, object]) -> None:
    """Share of pages whose flattened title equals the page's own metadata title (folded)."""
    from flattened_titles import reference, verdict

    refs = {k: reference(html) for k, html in pages.items()}
    kinds = [verdict(articles[k].title, refs[k]) for k in pages if refs[k]]  # type: ignore[attr-defined]
    share = kinds.count("exact") / len(kinds)
    assert share >= FLOORS[name]["title_exact"], f"{name} title exact {share:.3f} < floor {FLOORS[name]['title_exact']}"


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
    articles = {k: extract_text(flat[k], source=k) for k in gold}
    got = aggregate(score_page(gold[k], articles[k].text) for k in gold)
    _check("aeb_flattened", got)
    _check_titles("aeb_flattened", pages, articles)


@pytest.mark.slow
def test_second_flattener_floor(aeb: tuple[dict[str, str], dict[str, str]]) -> None:
    """The cleaner must not depend on one flattener's habits: inscriptis lays pages out differently."""
    from extraction import flatten

    from newsloom.extract.text import extract_text

    pages, gold = aeb
    flat = flatten(pages, "inscriptis")
    articles = {k: extract_text(flat[k], source=k) for k in gold}
    got = aggregate(score_page(gold[k], articles[k].text) for k in gold)
    _check("aeb_flattened_inscriptis", got)
    _check_titles("aeb_flattened_inscriptis", pages, articles)
