"""A technical post that goes on below its code listings: the listing's lines (calls, imports,
brackets) cut the block finder's run, and the post's explanation below it belongs to the post.
A teaser list whose lines end in "(Outlet)" is no listing. Texts and code are ours."""

from __future__ import annotations

from newsloom.extract.classify import classify_lines
from newsloom.extract.code import code_below
from newsloom.extract.text import extract_text

MENU = ["* Home", "* Services", "* Our team", "* Blog", "* Contact"]
INTRO = [
    "Last week our nightly build began to fail on one machine only, and it took us two days to see why.",
    "The test passed whenever we ran it alone, so the cause had to be something the other tests left behind.",
    "Here is the smallest version of the failing test that we could write after an afternoon of cutting.",
]
LISTING = [
    "import os",
    "from pathlib import Path",
    "def load_settings(root):",
    "    path = Path(root) / 'settings.toml'",
    "    return path.read_text()",
    "class SettingsTest(TestCase):",
    "    def test_reads_file(self):",
    "        self.assertTrue(load_settings(os.getcwd()))",
]
AFTER = [
    "Nothing in it looks shared, yet the settings are read through a cache that lives as long as the process.",
    "Once another test had filled that cache with its own values, ours read them instead of the file on disk.",
]
SUBHEADING = "Clearing the cache"
BEFORE_FIX = "The fix is one line in the set-up method, which empties the cache before every test runs again."
FIX = ["def setUp(self):", "    load_settings.cache_clear()", "    super().setUp()"]
CLOSING = [
    "With that line in place the suite has passed on every machine for a week, and the build is green again.",
    "We have since added a check that fails loudly whenever a test leaves a filled cache behind it.",
]
FOOTER = ["Share this post", "* Twitter", "* LinkedIn", "Newsletter", "Sign up for our newsletter",
          "\u00a9 2024 Example Studio"]


def _post() -> str:
    return "\n".join(["Why our test failed only in the suite", *MENU, "Why our test failed only in the suite",
                      "March 3, 2024", *INTRO, *LISTING, *AFTER, SUBHEADING, BEFORE_FIX, *FIX, *CLOSING, *FOOTER])


def test_the_post_goes_on_below_its_code_listings() -> None:
    text = extract_text(_post(), source="t").text
    assert all(line in text for line in [*INTRO, *AFTER, BEFORE_FIX, *CLOSING])
    assert "load_settings.cache_clear()" in text
    assert "Sign up for our newsletter" not in text


TEASERS = [
    "What the new rules for schools mean for parents (Example Times)",
    "Why the trains were late again this winter (Daily Example)",
    "Five walks to take before the spring ends (Example Post)",
    "How the city plans to pay for the new bridge (Example News)",
]


def test_a_teaser_list_is_no_listing() -> None:
    raw = [*INTRO, *TEASERS, *AFTER]
    lines = classify_lines(raw)
    spans = [(0, len(INTRO))]
    assert code_below(lines, spans, lambda _: False) == spans
    listed = classify_lines([*INTRO, *LISTING, *AFTER])
    assert code_below(listed, spans, lambda _: False) == [(0, len(INTRO) + len(LISTING) + len(AFTER))]
