"""The seed documents against their hand-made gold: metadata exact, body complete, no boilerplate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsloom.extract import extract


def _fold(text: str) -> str:
    """Gold matches by meaning: straight or curly quotes, any whitespace."""
    table = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
    return " ".join(text.translate(table).split())


def _seeds(shared: Path) -> list[tuple[Path, dict]]:
    out = []
    for gold_file in sorted((shared / "seeds" / "gold").glob("*.json")):
        seed = next((shared / "seeds").glob(f"{gold_file.stem}.*"))
        out.append((seed, json.loads(gold_file.read_text("utf-8"))))
    assert out, "no gold files found"
    return out


@pytest.mark.parametrize("field", ["title", "authors", "published", "outlet"])
def test_gold_metadata(shared: Path, field: str) -> None:
    for seed, gold in _seeds(shared):
        art = extract(seed.read_bytes(), source=seed.name)
        assert getattr(art, field) == gold["article"][field], seed.name


def test_gold_body_complete_and_clean(shared: Path) -> None:
    for seed, gold in _seeds(shared):
        art = extract(seed.read_bytes(), source=seed.name)
        paragraphs = [_fold(p) for p in art.paragraph_texts()]
        for want in gold["article"]["body_paragraphs"]:
            assert _fold(want) in paragraphs, (seed.name, want[:60])
        body = _fold(art.text)
        for junk in gold.get("must_not_be_in_body", []):
            assert _fold(junk) not in body, (seed.name, junk)
