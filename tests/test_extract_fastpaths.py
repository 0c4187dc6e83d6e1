"""The cleaner's fast paths give what the plain spellings gave (issue 13: speed, same outputs)."""

import re

from newsloom.extract.classify import classify_lines
from newsloom.extract.text import _SPACES

# The spelling _SPACES replaced: two or more spaces, or any one odd space.
_PLAIN = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]{2,}|[\t\u00a0\u2000-\u200b\u202f\u205f\u3000]")


def test_space_runs_match_the_plain_pattern():
    samples = ["a  b", "a b", "a\tb", " \t x", "x \u00a0", "\u3000", "one\u2009two  three \u202f four", "   ", "a \t\t b"]
    for s in samples:
        assert _SPACES.sub(" ", s) == _PLAIN.sub(" ", s), s


def test_a_line_holding_a_newline_is_still_one_line():
    # Lines are lower-cased together; a caller's line with a newline inside must not shift the rest.
    lines = ["Subscribe to our newsletter\nnow", "The council voted on Tuesday to close the old bridge for repairs."]
    out = classify_lines(lines)
    assert [ln.text for ln in out] == lines
    assert out[1].kind.value == "prose"
