"""The understand stage on Articles: entities grouped per actor, dates, quotes, the schema, and the
same results with two worker processes."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest

from newsloom.model import Article
from newsloom.pipeline import STAGES, load_stage
from newsloom.settings import Settings
from newsloom.understand.stage import UnderstandStage

TEXTS = [
    ("Lisbon said on Tuesday it would host the talks. Portuguese officials met the Kenyan delegation "
     "in Porto. Kenyan President William Ruto said Nairobi welcomed the offer. Ruto left on Thursday.",
     "2024-06-14"),
    ("The Brazilian Foreign Ministry criticised the tariffs last week. Brasilia has asked the WTO to "
     "rule on the dispute before March 2025.", "2024-11-20"),
    ("Nothing of note happened here.", None),
]


def articles() -> list[Article]:
    return [Article(source=f"t{i}", text=t, published=p) for i, (t, p) in enumerate(TEXTS)]


@pytest.fixture(scope="module")
def done() -> list[Article]:
    return UnderstandStage(Settings.load())(articles())


def test_registered_and_declared():
    assert STAGES["understand"] == "newsloom.understand.stage:UnderstandStage"
    stage = load_stage("understand", Settings.load())
    assert (stage.name, stage.requires, stage.assigns) == ("understand", ("text",), ("entities", "dates", "quotes", "events"))


def test_entities_grouped_per_actor(done):
    first = done[0]
    kenya = [e for e in first.entities if e.actor.name == "Kenya"]
    assert len(kenya) == 1
    assert {m.text for m in kenya[0].mentions} >= {"Kenyan", "Nairobi"}
    ruto = [e for e in first.entities if e.actor.type == "person" and "Ruto" in e.actor.name]
    assert len(ruto) == 1 and [m.text for m in ruto[0].mentions][-1] == "Ruto"
    titled = [m for m in ruto[0].mentions if m.role]
    assert titled and titled[0].role == "President" and titled[0].affiliation.name == "Kenya"
    porto = [e for e in first.entities if e.actor.name == "Porto"]
    assert porto and porto[0].actor.type == "place"


def test_dates_and_quotes_filled(done):
    assert {d.text: d.resolved for d in done[0].dates}["Tuesday"] == "2024-06-11"
    assert {d.text: d.resolved for d in done[1].dates}["last week"] == "2024-11-11/2024-11-17"
    assert {d.text: d.resolved for d in done[1].dates}["March 2025"] == "2025-03"
    assert done[2].entities == [] and done[2].dates == []
    assert all(a.quotes is not None for a in done)
    assert all(a.events is not None for a in done)


def test_output_matches_schema(done):
    schema = json.loads(resources.files("newsloom").joinpath("data/schema/analysis.schema.json").read_text())
    for article in done:
        jsonschema.validate(article.as_dict(), schema)


@pytest.mark.slow
def test_two_processes_give_the_same_result(done):
    settings = Settings.load(**{"nlp.n_process": 2, "nlp.batch_size": 1})
    twice = UnderstandStage(settings)(articles())
    for a, b in zip(done, twice, strict=True):
        assert [e.as_dict() for e in a.entities] == [e.as_dict() for e in b.entities]
        assert [d.as_dict() for d in a.dates] == [d.as_dict() for d in b.dates]
        assert [q.as_dict() for q in a.quotes] == [q.as_dict() for q in b.quotes]
        assert [e.as_dict() for e in a.events] == [e.as_dict() for e in b.events]
    # The workers tokenize the texts: the publication date must reach them with each text.
    assert {d.text: d.resolved for d in twice[0].dates}["Tuesday"] == "2024-06-11"


@pytest.mark.slow
def test_language_reaches_the_workers():
    # On text the model's language does not cover, only knowledge-base names link: the tagger's
    # own guesses ("Porto" as a place) must stay out with two processes as with one.
    batch = [Article(source=f"l{i}", text=TEXTS[0][0], published=TEXTS[0][1], language=lang)
             for i, lang in enumerate(("de", "en"))]
    for n in (1, 2):
        german, english = UnderstandStage(Settings.load(**{"nlp.n_process": n, "nlp.batch_size": 1}))(
            [Article(source=a.source, text=a.text, published=a.published, language=a.language) for a in batch])
        assert "Porto" in {e.actor.name for e in english.entities}
        assert "Porto" not in {e.actor.name for e in german.entities}


WORDS = ["Paris", "said", "the", "French", "minister", "Anna", "Berg", "met", "NATO", "on", "Monday",
         "in", "Georgia", "U.S.", "officials", "Kyiv", "and", "last", "week", "China's", "Foreign",
         "Ministry", "\u201cwe", "agree,\u201d", "Mr.", "Berg", "3", "March", "2021", ",", "."]


@pytest.mark.slow
def test_offsets_always_point_at_the_text():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    stage = UnderstandStage(Settings.load())

    @settings(max_examples=25, deadline=None)
    @given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=40), st.sampled_from([None, "2022-07-01"]))
    def check(words, published):
        text = " ".join(words)
        (article,) = stage([Article(source="h", text=text, published=published)])
        for entity in article.entities:
            for m in entity.mentions:
                assert text[m.start:m.end] == m.text
        for d in article.dates:
            assert text[d.start:d.end] == d.text

    check()


def test_text_in_another_language_links_only_knowledge_base_names():
    text = ("Die Versicherten sollen ihre Patientenakte ab Januar nutzen. Deutschland und die Ukraine "
            "unterzeichneten am Montag ein Abkommen.")
    (german,) = UnderstandStage(Settings.load())([Article(source="de", text=text, language="de")])
    assert all(not e.actor.id.startswith("local:") for e in german.entities)
    assert "Ukraine" in {e.actor.name for e in german.entities}
