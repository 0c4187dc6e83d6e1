"""The boilerplate lexicon's fast paths never change a verdict: the line gate (strings every line
pattern needs), triggers spelled out by every floating pattern, and the memoised line verdict."""

from __future__ import annotations

import re
from importlib import resources

import pytest
import yaml

from newsloom.extract.classify import _lexicon_kind
from newsloom.extract.lexicon import PatternSet, lexicon, required_literals


def _data() -> dict:
    return yaml.safe_load(resources.files("newsloom").joinpath("data/lexicons/boilerplate.yaml").read_text("utf-8"))


@pytest.mark.parametrize(("pattern", "needed"), [
    (r"(please,? )?(sign up|subscribe|join)\b", {"sign up", "subscribe", "join"}),
    (r"\d+ of \d+", {" of "}),
    (r"(foo|bar)+baz", {"baz"}),
    (r"photos?:", {"photo"}),
    (r"x?(ab|cd)e*", {"ab", "cd"}),
])
def test_required_literals(pattern: str, needed: set[str]) -> None:
    assert required_literals(pattern) == needed


@pytest.mark.parametrize("pattern", [r"[a-z]+$", r"(?i)share", r"(a|\d)x?", r"(?:share)?"])
def test_no_required_literal_when_none_can_be_told(pattern: str) -> None:
    assert required_literals(pattern) is None


def test_every_line_pattern_has_a_gate_string_and_every_floating_one_a_trigger() -> None:
    data = _data()
    gate = lexicon().line_gate
    assert gate is not None and not gate.search(" " * 40), "a gate string of spaces lets every line through"
    for name, trig in (("call_to_action", "triggers"), ("appeals", "triggers"), ("captions", "caption_triggers")):
        for pattern in data[name]:
            if not pattern.startswith("^"):
                assert any(t.strip() in re.sub(r"\\[bsSwWd]|[\\()?|]", " ", pattern) for t in data[trig]), pattern
    for name in ("call_to_action", "page_chrome", "captions", "appeals", "sidebar_headings"):
        for pattern in data[name]:
            assert required_literals(pattern.removeprefix("^")), pattern


@pytest.mark.parametrize("line", [
    "sign up for our newsletter", "share this article", "hide caption 3 of 12", "advertisement",
    "related stories", "most read", "photo: ap photo/jane doe", "follow us on twitter",
])
def test_gated_verdict_equals_the_full_check(line: str) -> None:
    lex = lexicon()
    assert lex.line_gate is not None and lex.line_gate.search(line)
    n = len(line.split())
    assert _lexicon_kind(line, n) is not None
    assert _lexicon_kind.__wrapped__(line, n) is _lexicon_kind(line, n)


def test_pattern_set_with_triggers_matches_like_one_alternation() -> None:
    patterns = ["^skip to content", "sign up (now|today)", "newsletter", "subscribe"]
    gated = PatternSet(patterns, ("sign", "newsletter", "subscri"))
    plain = re.compile(r"^(?:skip to content)|(?:sign up (now|today))|(?:newsletter)|(?:subscribe)")
    for line in ["skip to content", "please sign up today", "our newsletter", "subscribe here", "the sign said",
                 "content skip to", "sign up later", ""]:
        assert gated.search(line) == bool(plain.search(line)), line
