"""The cleaner's fast paths give what the plain spellings gave (issue 13: speed, same outputs)."""

import random
import re

from newsloom.extract.blockscore import _unbulleted
from newsloom.extract.classify import _ASCII_WORDS, _NON_ASCII_MARKS, _non_ascii_words, classify_lines, word_count
from newsloom.extract.text import one_space
from newsloom.extract.verdict import _norm, _surely_longer

# The spelling one_space replaced: two or more spaces, or any one odd space.
_PLAIN = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]{2,}|[\t\u00a0\u2000-\u200b\u202f\u205f\u3000]")


def random_strings(seed: int, pool: str, count: int, longest: int, shortest: int = 0):
    """``count`` strings of ``shortest`` to ``longest`` characters drawn from ``pool``, the same each run."""
    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(rng.choice(pool) for _ in range(rng.randint(shortest, longest)))


def test_space_runs_match_the_plain_pattern():
    samples = ["a  b", "a b", "a\tb", " \t x", "x \u00a0", "\u3000", "one\u2009two  three \u202f four", "   ", "a \t\t b"]
    for s in samples:
        assert one_space(s) == _PLAIN.sub(" ", s), s


def test_space_runs_match_the_plain_pattern_on_random_strings():
    pool = " \t\u00a0\u2000\u2005\u200a\u200b\u202f\u205f\u3000ab\n"
    for s in random_strings(13, pool, 5000, 12):
        assert one_space(s) == _PLAIN.sub(" ", s), repr(s)


def test_a_line_holding_a_newline_is_still_one_line():
    # Lines are lower-cased together; a caller's line with a newline inside must not shift the rest.
    lines = ["Subscribe to our newsletter\nnow", "The council voted on Tuesday to close the old bridge for repairs."]
    out = classify_lines(lines)
    assert [ln.text for ln in out] == lines
    assert out[1].kind.value == "prose"


def test_a_line_told_longer_than_the_title_is_so_once_normalised():
    # headline_repeats skips normalising lines it can tell are too long: never a line that would fit.
    pool = "aBİ \t\u00a0\u1680\x1f\u2028x."
    for s in random_strings(14, pool, 20000, 10):
        for longest in range(11):
            assert not _surely_longer(s, longest) or len(_norm(s)) > longest, (repr(s), longest)


def test_words_of_unspaced_scripts_still_counted():
    assert word_count("école ouverte") == 2
    assert word_count("東京都の会議") == 1 + 6 // 2


# The spelling _unbulleted replaced: a contents entry's bullet and number, and trailing spaces.
_BULLET_SUB = re.compile(r"^[\s*+•·▪►–-]*(?:\d{1,2}(?:\.\d{1,2})*[.)]?\s+)?|\s+$")


def test_contents_entries_unbulleted_as_the_substitution_did():
    for s in random_strings(15, " \t\n\u00a0*+•·▪►–-1234.)ab", 20000, 12):
        assert _unbulleted(s) == _BULLET_SUB.sub("", s), repr(s)


def test_words_of_ascii_lines_as_the_word_pattern_finds_them():
    for s in random_strings(16, "".join(map(chr, range(128))), 20000, 15):
        assert s.translate(_ASCII_WORDS).split() == re.findall(r"\w+", s), repr(s)


def test_words_of_lines_with_typographic_marks_as_the_word_pattern_finds_them():
    assert not any(re.match(r"\w", mark) for mark in _NON_ASCII_MARKS)  # made spaces: none may be a word's
    pool = "ab1_ .,'\u2019\u201c\u201d\u2014\u2026\u00e9\u00b7\u20ac\u00a9\uac00-"
    for s in random_strings(17, pool, 20000, 15, shortest=1):
        if not s.isascii():
            assert _non_ascii_words(s) == re.findall(r"\w+", s), repr(s)
