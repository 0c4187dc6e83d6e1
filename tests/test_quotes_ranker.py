"""The learned speaker choice for direct quotations that no reporting cue attributes.

Texts written for these tests; the people are invented.
"""

from __future__ import annotations

import json
import re
from importlib import resources

from newsloom.understand.quotes.ranker import Model, model
from quoting import one, quotes_in, who


def test_a_name_before_a_colon_speaks_the_quotation_after_it() -> None:
    text = ("The council met on Tuesday to debate the harbour budget.\n\n"
            "The debate turned sharp. The last word went to councillor Dana Okafor: “We cannot keep "
            "patching the sea wall with money we borrowed from the school fund.”\n\nThe vote was delayed.")
    q = one(quotes_in(text), "patching the sea wall")
    # No rule attributed it (the subject before the colon, "word", names nobody): the ranker did.
    assert q.cue is None
    assert "Okafor" in (who(q) or "")
    assert text[q.speaker.start:q.speaker.end] == q.speaker.text
    assert text[q.start:q.end] == q.text


def test_a_label_naming_an_introduced_candidate_speaks_its_line() -> None:
    text = ("Both candidates for mayor, Dana Okafor and Kofi Mensah, reject the plan to sell the ferry.\n\n"
            "Okafor: “The ferry belongs to the people of this town and it is not for sale.”\n\n"
            "The election is in May.")
    q = one(quotes_in(text), "ferry belongs")
    assert who(q) == "Dana Okafor"


def test_a_name_after_the_quotation_with_a_verb_the_parser_misses() -> None:
    text = ("Councillor Priya Nandakumar has opposed the plan since spring.\n\n"
            "“Nobody asked the fishermen what they needed before the plan was drawn up,” Nandakumar, who runs "
            "a bait shop on the pier, Tweeted on Friday with a photo of the empty quay.\n\nThe mayor did not answer.")
    q = one(quotes_in(text), "Nobody asked the fishermen")
    assert "Nandakumar" in (who(q) or "")


def test_a_quotation_with_nobody_around_keeps_no_speaker() -> None:
    text = ("The report ran to ninety pages.\n\n"
            "“Harbour works will cost more than the town can raise in ten years of taxes.”\n\n"
            "It was published on Friday.")
    q = one(quotes_in(text), "Harbour works")
    assert q.speaker is None


def test_the_weights_are_names_and_numbers_only() -> None:
    raw = json.loads(resources.files("newsloom").joinpath("data/lexicons/speaker_ranker.json").read_text("utf-8"))
    assert len(raw["features"]) == len(raw["weights"]) == len(set(raw["features"]))
    assert all(re.fullmatch(r"[a-z0-9_]+", n) for n in raw["features"])
    assert 0.0 < raw["threshold"] < 1.0
    assert "PolNeAR" in raw["about"]


def test_the_model_scores_what_its_weights_say() -> None:
    m = Model(("colon_before", "after"), (2.0, -1.0), 0.0, 0.5)
    assert m.score({"colon_before": 1.0}) > 0.8
    assert m.score({"after": 1.0}) < 0.3
    assert m.score({}) == 0.5
    assert model().names  # the shipped weights load
