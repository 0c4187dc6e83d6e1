"""A speaker's referent: the words a relative word or pronoun stands for, carried from the finder
through the model, the JSON contract, the store, the batch tables and what readers are shown.

Sentences written for these tests; the people and places are invented."""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path

import jsonschema

from newsloom import output
from newsloom.batch.tables import SCHEMAS, fact_rows, to_table
from newsloom.model import Actor, Article, Document, Paragraph, Quote, Referent, Speaker
from newsloom.serve.render import segments
from quoting import one, quotes_in

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

TEXT = "Some harbour economists, who argued that the levy would shrink trade, met on Monday."


def _article(actor: Actor | None = None) -> tuple[Document, Article]:
    doc = Document(raw=TEXT.encode(), source="referent.txt", media_type="text/plain")
    w, a = TEXT.index("who"), TEXT.index("Some")
    q0 = TEXT.index("that the levy")
    q1 = TEXT.index(", met")
    speaker = Speaker("who", w, w + 3, actor, Referent.of(TEXT, a, TEXT.index(",")))
    art = Article(source=doc.source, document_id=doc.id, text=TEXT, paragraphs=[Paragraph(0, len(TEXT))],
                  title="Levy", published="2024-03-04", outlet="Wire",
                  quotes=[Quote(TEXT[q0:q1], q0, q1, "indirect", "argued", speaker)])
    return doc, art


def test_a_relative_speaker_without_an_actor_names_its_antecedent() -> None:
    q = one(quotes_in(TEXT), "the levy would shrink trade")
    sp = q.speaker
    assert sp is not None and sp.text == "who" and TEXT[sp.start:sp.end] == "who"
    assert sp.actor is None and sp.refers_to is not None
    ref = sp.refers_to
    assert TEXT[ref.start:ref.end] == ref.text and "economists" in ref.text
    assert sp.display == ref.text


def test_a_relative_speaker_with_an_actor_keeps_the_actor_and_the_name() -> None:
    text = ("The ferry plan was welcomed on Tuesday by Governor Tomas Reyes of Ohio, who said the "
            "northern crossing would reopen in May.")
    q = one(quotes_in(text), "northern crossing would reopen")
    sp = q.speaker
    assert sp is not None and sp.text == "who" and sp.refers_to is not None
    assert "Reyes" in sp.refers_to.text and text[sp.refers_to.start:sp.refers_to.end] == sp.refers_to.text
    assert "Reyes" in sp.display


def test_a_document_that_only_led_to_the_speaker_is_no_referent() -> None:
    text = "Dana Okafor released a letter from her doctor that says she is in excellent health for her age."
    q = one(quotes_in(text), "excellent health")
    assert q.speaker is not None and q.speaker.text != "that"


def test_a_pronoun_knows_the_mention_it_stands_for() -> None:
    text = ("Governor Tomas Reyes of Ohio opened the new ferry terminal on Tuesday. "
            "He said the northern crossing would reopen in May.")
    q = one(quotes_in(text), "northern crossing")
    sp = q.speaker
    assert sp is not None and sp.text == "He" and sp.refers_to is not None
    assert text[sp.refers_to.start:sp.refers_to.end] == sp.refers_to.text and "Reyes" in sp.refers_to.text


def test_round_trip_and_contract() -> None:
    _, art = _article()
    d = art.as_dict()
    assert d["quotes"][0]["speaker"]["refers_to"] == {"text": "Some harbour economists", "start": 0, "end": 23}
    assert Article.from_dict(d).quotes[0].speaker == art.quotes[0].speaker
    schema = json.loads(resources.files("newsloom").joinpath("data/schema/analysis.schema.json").read_text())
    jsonschema.validate(d, schema)
    bad = json.loads(json.dumps(d))
    bad["quotes"][0]["speaker"]["refers_to"] = {"text": "x"}  # a referent without its offsets
    try:
        jsonschema.validate(bad, schema)
    except jsonschema.ValidationError:
        pass
    else:
        raise AssertionError("a referent without offsets passed the schema")
    plain = Speaker("Reyes", 0, 5)
    assert "refers_to" not in plain.as_dict()  # older readers see what they always saw
    assert Speaker.from_dict(plain.as_dict()).refers_to is None


def test_display_prefers_the_actor_then_the_referent_then_the_mention() -> None:
    ref = Referent("the envoy", 0, 9)
    assert Speaker("who", 11, 14, Actor("Q1", "Ines Varga", "person"), ref).display == "Ines Varga"
    assert Speaker("who", 11, 14, None, ref).display == "the envoy"
    assert Speaker("who", 11, 14).display == "who"


def check_store_round_trip(store) -> None:
    """The referent survives a write and every read path (shared with the PostgreSQL suite)."""
    doc, art = _article()
    store.save(doc, art)
    back = store.article(doc.id)
    assert back is not None and back.quotes[0].speaker.refers_to == art.quotes[0].speaker.refers_to
    [item] = store.quotes(limit=5).items
    assert item["speaker"]["text"] == "who"
    assert item["speaker"]["refers_to"] == {"text": "Some harbour economists", "start": 0, "end": 23}
    assert output.speaker_shown(item["speaker"]) == "Some harbour economists"
    named = Speaker("Reyes", 0, 5)
    assert output.speaker_shown(named.as_dict()) == "Reyes"


def test_store_round_trip_sqlite(store) -> None:
    check_store_round_trip(store)


def test_batch_rows_carry_the_referent() -> None:
    _, art = _article()
    rows = fact_rows(art, "2024-03")["quotes"]
    assert rows[0]["speaker_refers_to"] == {"text": "Some harbour economists", "start": 0, "end": 23}
    table = to_table("quotes", rows)
    assert table.schema == SCHEMAS["quotes"]
    assert table.column("speaker_refers_to").to_pylist()[0]["text"] == "Some harbour economists"


def test_readers_are_shown_the_referent_escaped() -> None:
    doc, art = _article()
    art.quotes[0].speaker.refers_to = Referent("<b>economists</b>", 0, 23)  # hostile words stay text
    titles = [s.title for line in segments(art) for s in line if s.title]
    assert any("<b>economists</b>" in t for t in titles)
    from newsloom.serve.web import _env

    html = _env.get_template("_macros.html").module.quote_card(
        {"kind": "indirect", "text": "x", "speaker": {"text": "who", "actor": None,
                                                        "refers_to": {"text": "<b>economists</b>"}}},
        show_article=False)
    assert "&lt;b&gt;economists&lt;/b&gt;" in str(html) and "<b>economists" not in str(html)


def test_own_scorer_counts_the_referent_as_a_name() -> None:
    import quotes  # benchmarks/quotes.py, our own sets' scorer
    _, art = _article()
    assert quotes.speaker_ok(art.quotes[0], ["Some harbour economists"])
    art.quotes[0].speaker.refers_to = None
    assert not quotes.speaker_ok(art.quotes[0], ["Some harbour economists"])


def test_a_verb_joined_to_a_relative_clause_shares_its_relative_speaker() -> None:
    text = ("The delay angered the harbour pilots, who have marched through the old town and called for "
            "the ferry schedule to be restored.")
    q = one(quotes_in(text), "ferry schedule to be restored")
    sp = q.speaker
    assert sp is not None and sp.text == "who" and q.cue == "called for"
    assert sp.refers_to is not None and "pilots" in sp.refers_to.text


def test_a_reported_clause_ends_before_a_relative_statement_of_its_own() -> None:
    text = "Senator Lena Whitfield endorsed Governor Tomas Reyes of Ohio, who says he is grateful for the support."
    inner = one(quotes_in(text), "he is grateful")
    assert inner.speaker is not None and inner.speaker.text == "who" and "Reyes" in inner.speaker.display
    assert all("grateful" not in q.text for q in quotes_in(text) if q is not inner and q.cue == "endorsed")


def test_the_cli_article_view_shows_the_referent() -> None:
    from rich.console import Console

    _, art = _article()
    out = Console(record=True, width=200)
    output.article(out, art)
    shown = out.export_text()
    assert "indirect Some harbour economists:" in shown and "indirect who:" not in shown


def test_story_timeline_shows_the_referent(store) -> None:
    from newsloom.model import Story

    doc, art = _article()
    store.save(doc, art)
    store.replace_stories([Story(id="st-levy", title="Levy", document_ids=[doc.id])], {}, {})
    [entry] = store.story("st-levy")["quotes"]
    assert entry["speaker_text"] == "who" and entry["speaker_ref_text"] == "Some harbour economists"
    from fastapi.testclient import TestClient

    from newsloom.serve import create_app
    from test_api import fast_serve_settings

    page = TestClient(create_app(store, fast_serve_settings())).get("/stories/st-levy").text
    assert "Some harbour economists" in page
