"""The lexicon's prefiltered line check (one Aho-Corasick pass for the strings patterns need, then
only the patterns whose strings are all present) gives exactly the verdict of running every
pattern group's regex on the line."""

from __future__ import annotations

from re import _constants, _parser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsloom.extract.classify import _lexicon_kind, _lexicon_kind_by_search
from newsloom.extract.lexicon import LINE_GROUPS, lexicon
from newsloom.extract.literals import MIN_KEY_CHARS, Literals, necessary_sets


def _strings() -> list[str]:
    literals = lexicon().literals
    assert literals is not None
    return sorted(literals._ids)


@pytest.mark.parametrize(("pattern", "sets"), [
    (r"\bhelp (us )?(fund|support) (our|the) (mission|journalism)\b", [{"help "}, {"fund", "support"}, {"mission", "journalism"}]),
    (r"follow us on (twitter|facebook)", [{"follow us on "}, {"twitter", "facebook"}]),
    (r"\d+ of \d+", [{" of "}]),  # only short strings: the best one is kept
    (r"[a-z]+$", []),
])
def test_necessary_sets(pattern: str, sets: list[set[str]]) -> None:
    assert necessary_sets(pattern) == [frozenset(s) for s in sets]


def test_present_finds_overlapping_and_nested_strings() -> None:
    literals = Literals()
    ids = {s: next(iter(literals.ids([s]))) for s in ("sign", "sign up", "gn u", "newsletter", "letter")}
    literals.freeze()
    assert literals.present("please sign up for the newsletter") == set(ids.values())
    assert literals.present("a letter") == {ids["letter"]}
    assert literals.present("nothing here") == set()
    with pytest.raises(RuntimeError):
        literals.ids(["late"])


def test_empty_literals_find_nothing() -> None:
    assert Literals().freeze().present("anything") == set()


def test_no_line_pattern_refers_back_to_a_group() -> None:
    # Each pattern is compiled alone where the reference joined a group into one alternation: a
    # numbered back-reference would point at another group there.
    data = lexicon()
    for name in LINE_GROUPS:
        for pattern in getattr(data, name)._patterns:
            ops = {op for op, _ in _parser.parse(pattern.removeprefix("^")).data}
            assert _constants.GROUPREF not in ops, pattern


def test_short_needed_strings_are_not_keys_when_longer_ones_exist() -> None:
    sets = necessary_sets(r"\b(share|tweet) this (story|article) on \w+")
    assert all(min(map(len, s)) >= MIN_KEY_CHARS for s in sets) and len(sets) == 4


_LINES = [
    "Related stories", "most read:", "sign up for our newsletter", "share this article", "advertisement",
    "hide caption 3 of 12", "photo: jane roe/getty images", "jane roe / getty images", "follow us on twitter and facebook",
    "copyright 2024 the example post", "© example media", "jo bloggs wrote:",
    "the mayor said the new budget would help fund road repairs across the district next spring.",
    "readers like you help fund our independent journalism, and every contribution keeps it open to all.",
    "we use cookies to improve your experience on this site and to show you relevant advertising.",
    "the council met on tuesday: photo credit was not given for the image shown at the meeting",
    "subscribe", "reply", "email", "a" * 300, "share " * 50,
]


@pytest.mark.parametrize("line", _LINES)
@pytest.mark.parametrize("words", [1, 2, 6, 7, 30])
def test_prefiltered_verdict_equals_the_regex_search(line: str, words: int) -> None:
    low = line.lower()
    assert _lexicon_kind.__wrapped__(low, words) is _lexicon_kind_by_search(low, words)


def test_the_examples_reach_every_group() -> None:
    kinds = {_lexicon_kind.__wrapped__(line.lower(), len(line.split())) for line in _LINES}
    assert {k.value for k in kinds if k} == {"sidebar", "boilerplate", "chrome", "caption"}


_FILLER = ["the", "council", "said", "on", "tuesday", "it", "will", "review", "plans", ":", "(", ")", "2024", "—"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_strings()), st.sampled_from(_FILLER)), max_size=40),
       st.sampled_from([" ", "", "  "]), st.integers(min_value=0, max_value=40))
def test_random_lines_of_needed_strings_get_the_same_verdict(pieces: list[str], sep: str, words: int) -> None:
    # Lines built from the very strings the prefilter looks for (and filler), joined with or
    # without spaces, up to long lines: where a skipped pattern could have mattered.
    line = sep.join(pieces)
    assert _lexicon_kind.__wrapped__(line, words) is _lexicon_kind_by_search(line, words)
