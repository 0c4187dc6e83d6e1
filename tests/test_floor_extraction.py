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


def _check_metadata(name: str, pages: dict[str, str], articles: dict[str, object]) -> None:
    """Against the pages' own metadata (as the HTML path reads it): the share of flattened titles
    equal to it (folded), the share of publication dates on its day, and of the dates read, the
    share on its day (a wrong date misplaces every relative date of the article)."""
    from flattened_titles import date_verdict, references, verdict

    refs = {k: references(html) for k, html in pages.items()}
    titles = [verdict(articles[k].title, refs[k][0]) for k in pages if refs[k][0]]  # type: ignore[attr-defined]
    dates = [date_verdict(articles[k].published, refs[k][1]) for k in pages if refs[k][1]]  # type: ignore[attr-defined]
    same, other = dates.count("same day"), dates.count("other day")
    got = {"title_exact": titles.count("exact") / len(titles), "date_same_day": same / len(dates),
           "date_precision": same / (same + other)}
    for key, value in got.items():
        assert value >= FLOORS[name][key], f"{name} {key} {value:.3f} < floor {FLOORS[name][key]}"


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
    _check_metadata("aeb_flattened", pages, articles)


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
    _check_metadata("aeb_flattened_inscriptis", pages, articles)
