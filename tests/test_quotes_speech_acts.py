"""Speech acts toward things (``understand/quotes/speech_acts.py``): a verb of communication or
evaluation reports its object as an indirect statement of its subject, the convention our own
sets adopted in issue 11 (``benchmarks/quotes_eval/README.md``); physical and institutional acts,
votes and acts inside someone else's reported words do not.

Sentences written for these tests; the people and places are invented.
"""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from newsloom.understand.quotes.speech_acts import speech_acts
from quoting import quotes_in, who


def _by_cue(text: str, cue: str):
    found = [q for q in quotes_in(text) if q.cue and q.cue.startswith(cue)]
    assert len(found) == 1, [(q.cue, q.text) for q in quotes_in(text)]
    return found[0]


def test_the_verbs_are_data() -> None:
    raw = yaml.safe_load(resources.files("newsloom").joinpath("data/lexicons/speech_acts.yaml").read_text("utf-8"))
    acts = speech_acts()
    assert {"announce", "praise", "thank", "defend", "declare", "promise"} <= acts.verbs
    assert set(raw["naming_verbs"]) == acts.naming and acts.naming <= acts.verbs
    # Physical and institutional acts are no speech acts.
    assert not {"sign", "vote", "adopt", "approve", "build", "pass", "ratify"} & acts.verbs


@pytest.mark.parametrize(("text", "cue", "content", "speaker"), [
    ("Finance Minister Petra Lund announced her resignation on Monday after the vote.",
     "announced", "her resignation", "Petra Lund"),
    ("Governor Tomas Reyes praised the engineers after the bridge reopened.",
     "praised", "the engineers", "Tomas Reyes"),
    ("Mayor Tomas Reyes thanked the volunteers.", "thanked", "the volunteers", "Tomas Reyes"),
    ("President Omar Adeyemi declared three days of national mourning for the victims.",
     "declared", "three days of national mourning for the victims", "Omar Adeyemi"),
    ("Senator Ines Varga defended the harbour levy in a long speech on Friday.",
     "defended", "the harbour levy", "Ines Varga"),
])
def test_a_speech_act_reports_its_object_with_true_spans(text: str, cue: str, content: str, speaker: str) -> None:
    q = _by_cue(text, cue)
    assert q.kind == "indirect" and q.text == content and text[q.start:q.end] == q.text
    assert speaker in (who(q) or "")
    assert text[q.speaker.start:q.speaker.end] == q.speaker.text


def test_a_participle_act_takes_the_speakers_subject() -> None:
    text = "“We will not bend,” said Premier Dana Okafor, promising a swift response to the blockade."
    q = _by_cue(text, "promising")
    assert q.text == "a swift response to the blockade" and "Okafor" in (who(q) or "")


def test_naming_and_describing_give_what_the_object_was_called() -> None:
    text = "Mayor Lena Fisk called the ferry captain a hero. The harbour board described the storm as a disaster."
    called = _by_cue(text, "called")
    assert called.text.endswith("a hero") and "Fisk" in (who(called) or "")
    described = _by_cue(text, "described")
    assert described.text == "the storm as a disaster"
    # Without a name given, "called" is a call on someone, not a statement.
    assert not [q for q in quotes_in("Mayor Lena Fisk called reporters to the harbour.") if q.cue == "called"]


def test_acts_that_are_not_speech_stay_out() -> None:
    text = ("The council adopted a new budget and the governor signed the accord with the fishing "
            "cooperative. Workers built a new pier.")
    assert quotes_in(text) == []


def test_an_act_done_in_a_vote_is_no_statement() -> None:
    text = "Coastal voters rejected the harbour levy by a wide margin in Sunday's referendum."
    assert quotes_in(text) == []
    # The same verb outside a ballot is a statement.
    assert _by_cue("The fishermen's union rejected the harbour levy on Sunday.", "rejected").text == "the harbour levy"


def test_a_pronoun_object_without_a_predicate_says_nothing() -> None:
    assert not [q for q in quotes_in("Senator Ines Varga defended it on Friday.") if q.cue == "defended"]


def test_an_act_inside_someone_elses_words_is_part_of_them() -> None:
    text = "Councillor Marta Ilic said the mayor had praised the engineers."
    qs = quotes_in(text)
    assert len(qs) == 1 and qs[0].cue == "said" and "praised the engineers" in qs[0].text


def test_no_statement_without_a_speaker() -> None:
    for q in quotes_in("The engineers were praised after the bridge reopened."):
        assert q.speaker is not None


@pytest.mark.parametrize(("text", "content"), [
    ("Senator Ines Varga defended her support for the harbour levy.", "her support for the harbour levy"),
    ("Petra Lund defended her decision to close the ferry line.", "her decision to close the ferry line"),
])
def test_an_act_toward_a_statement_reports_the_whole_statement(text: str, content: str) -> None:
    # The object is itself a noun cue with its own owner: the act's subject is credited with the
    # whole object, and the owner's inner statement (the same speaker here) is not listed twice.
    found = quotes_in(text)
    assert [(q.cue, q.text) for q in found] == [("defended", content)]
    q = found[0]
    assert text[q.start:q.end] == q.text and q.kind == "indirect"
    assert "Varga" in (who(q) or "") or "Lund" in (who(q) or "")


def test_bashing_a_statement_is_an_act_toward_it() -> None:
    text = "Senator Ines Varga bashed the governor's proposal to close the ferry line."
    q = _by_cue(text, "bashed")
    assert q.text == "the governor's proposal to close the ferry line" and text[q.start:q.end] == q.text
    assert "Varga" in (who(q) or "")
