"""Every gold quote of the seed documents is found, with its speaker and whom the speaker speaks for."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from newsloom.extract import extract
from newsloom.model import Quote


def loose(text: str | None) -> str:
    """Compare on meaning: case, accents, quotation marks, apostrophes, whitespace and "the" aside."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[’‘`´]", "'", text)
    text = re.sub(r"[“”„«»\"]", "", text)
    text = re.sub(r"^the\s+", "", text.strip())
    return re.sub(r"\s+", " ", text).strip(" .,")


def gold_cases(shared: Path) -> list[tuple[str, dict]]:
    cases = []
    for gold_path in sorted((shared / "seeds" / "gold").glob("*.json")):
        for q in json.loads(gold_path.read_text("utf-8"))["quotes"]:
            cases.append((gold_path.stem, q))
    return cases


def _shared() -> Path:
    from conftest import shared_dir

    return shared_dir()


CASES = gold_cases(_shared())


@pytest.fixture(scope="module")
def seed_quotes(shared: Path) -> dict[str, list[Quote]]:
    from newsloom.settings import Settings
    from newsloom.understand.nlp import build_nlp

    nlp = build_nlp(Settings.load())
    out = {}
    for path in sorted((shared / "seeds").glob("*.txt")):
        article = extract(path.read_bytes(), source=str(path))
        doc = nlp.make_doc(article.text)
        doc._.nl_published = article.published
        out[path.stem] = nlp(doc)._.nl_quotes
    return out


def test_the_seeds_have_gold_quotes() -> None:
    floors = json.loads((Path(__file__).parent / "floors" / "quotes.json").read_text("utf-8"))
    assert len(CASES) >= floors["seed_gold_quotes"]


@pytest.mark.slow
@pytest.mark.parametrize(("seed", "gold"), CASES, ids=[f"{s}:{g['contains'][:30]}" for s, g in CASES])
def test_gold_quote_found_with_speaker(seed: str, gold: dict, seed_quotes: dict[str, list[Quote]]) -> None:
    quotes = seed_quotes[seed]
    hits = [q for q in quotes if loose(gold["contains"]) in loose(q.text)]
    assert hits, f"no quote contains {gold['contains']!r}"
    want = loose(gold["speaker"])

    def named(q: Quote) -> set[str]:
        if q.speaker is None:
            return set()
        names = {loose(q.speaker.text)}
        if q.speaker.actor is not None:
            names = {loose(q.speaker.actor.name)}  # with an actor, the canonical name must match
        return names

    right = [q for q in hits if want in named(q)]
    assert right, f"speaker {[sorted(named(q)) for q in hits]} for {gold['contains']!r}, want {gold['speaker']!r}"
    q = right[0]
    got_for = loose(q.speaks_for.name) if q.speaks_for else None
    assert got_for == (loose(gold["speaks_for"]) if gold["speaks_for"] else None)
    if gold.get("via"):
        assert q.via is not None and loose(q.via.name) == loose(gold["via"])
