"""Date expressions resolved against the publication date; nothing guessed without one."""

from __future__ import annotations

import pytest

from newsloom.settings import Settings
from newsloom.understand.nlp import build_nlp, make_docs


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(Settings.load())


def dates(nlp, text: str, published: str | None) -> dict[str, str | None]:
    (doc,) = nlp.pipe(make_docs(nlp, [text], [published]))
    for d in doc._.nl_dates:
        assert doc.text[d.start:d.end] == d.text  # provenance: offsets point at the words
    return {d.text: d.resolved for d in doc._.nl_dates}


# Wednesday 13 March 2024
PUB = "2024-03-13T09:30:00+00:00"


@pytest.mark.parametrize(("text", "surface", "expected"), [
    ("The council met on March 4 to vote.", "March 4", "2024-03-04"),
    ("The council met on Mar. 11 to vote.", "Mar. 11", "2024-03-11"),
    ("Earlier on March 12, the port reopened.", "March 12", "2024-03-12"),
    ("The treaty was signed on 5 February 2019 in Vienna.", "5 February 2019", "2019-02-05"),
    ("The treaty was signed on February 5, 2019, in Vienna.", "February 5, 2019", "2019-02-05"),
    ("The count began yesterday.", "yesterday", "2024-03-12"),
    ("Prices fell last week, traders said.", "last week", "2024-03-04/2024-03-10"),
    ("Exports rose last month.", "last month", "2024-02-01/2024-02-29"),
    ("Exports rose last year.", "last year", "2023"),
    ("The minister resigned on Monday.", "Monday", "2024-03-11"),
    ("The minister resigned on Wednesday.", "Wednesday", "2024-03-13"),
    ("The minister will resign on Friday.", "Friday", "2024-03-15"),
    ("The new council is due to meet for the first time on Friday.", "Friday", "2024-03-15"),
    ("On Friday the bank is expected to raise rates.", "Friday", "2024-03-15"),
    ("The mine closed three days ago.", "three days ago", "2024-03-10"),
    ("The law passed in January after a long debate.", "January", "2024-01"),
    ("The law passed in November after a long debate.", "November", "2023-11"),
    ("The strike started in June 2021.", "June 2021", "2021-06"),
    ("The dam was built in 1998.", "1998", "1998"),
    ("The report was published 2024-03-01 online.", "2024-03-01", "2024-03-01"),
])
def test_resolves_against_publication(nlp, text, surface, expected):
    assert dates(nlp, text, PUB).get(surface) == expected


def test_day_month_near_new_year_goes_to_previous_year(nlp):
    assert dates(nlp, "The fire started on Dec. 30.", "2025-01-02")["Dec. 30"] == "2024-12-30"


def test_upcoming_date_early_next_year(nlp):
    assert dates(nlp, "The summit is set for Jan. 8.", "2024-12-28")["Jan. 8"] == "2025-01-08"


def test_without_publication_date_only_explicit_dates_resolve(nlp):
    found = dates(nlp, "On Tuesday, a week after 24 February 2022, it rained; on March 3 it snowed.", None)
    assert found["24 February 2022"] == "2022-02-24"
    assert found["Tuesday"] is None
    assert found["March 3"] is None


def test_durations_are_not_dates(nlp):
    found = dates(nlp, "The war has lasted three years, and the one-year plan failed.", PUB)
    assert "three years" not in found and "one-year" not in found


def test_modal_may_is_not_a_month(nlp):
    assert dates(nlp, "Officials may 3 times revise the figures.", PUB) == {}
