"""The Wikidata-derived actor tables, linking to them in context, users' corrections, and the
shape of the understand package (own sentences throughout)."""

from __future__ import annotations

import ast
import gzip
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from newsloom.cli import app
from newsloom.cli.actors import read_overlay, upsert, write_overlay
from newsloom.model import Actor, Article, Document, Entity, Mention, Paragraph
from newsloom.settings import Settings
from newsloom.store.sqlite import SQLiteStore
from newsloom.understand.corrections import corrected
from newsloom.understand.hygiene import is_brand
from newsloom.understand.kb import KnowledgeBase, load_kb, packaged_records
from newsloom.understand.nlp import build_nlp, make_docs
from newsloom.understand.types import LinkedMention
from newsloom.understand.wikidata import PEOPLE, WikidataIndex, load_wikidata

SRC = Path(__file__).resolve().parents[1] / "src" / "newsloom"
TABLES = SRC / "data" / "actors" / "wikidata"


def _rows(name: str) -> list[list[str]]:
    lines = gzip.decompress((TABLES / name).read_bytes()).decode("utf-8").splitlines()
    header = lines[0].split("\t")
    assert header[-1] == "keys" and "source" in header
    return [line.split("\t") for line in lines[1:]]


def test_tables_reach_the_targets_and_every_record_has_a_source():
    people = _rows("people.tsv.gz")
    dated = [r for r in people if r[0].startswith("Q") and any(o.split("|")[1].isdigit() for o in r[5].split(";"))]
    assert len(dated) >= 20_000
    orgs = [r for name in ("parties.tsv.gz", "supraverden.tsv.gz") for r in _rows(name) if r[0].startswith("Q")]
    assert len(orgs) >= 2_000
    for name in ("people.tsv.gz", "parties.tsv.gz", "supraverden.tsv.gz", "groups.tsv.gz"):
        rows = _rows(name)
        source = 6 if name == "people.tsv.gz" else 5
        assert all(r[source] for r in rows), f"{name}: a row without a source"
    assert all(d.get("source") for d in packaged_records())


def test_index_finds_exact_folded_names_only():
    text = ("qid\tname\taliases\tcountry\tgender\toffices\tsource\tkeys\n"
            "Q1\tAnna Példa\tAnna B. Példa\tUSA\tf\tMayor|2010|2014\ttest\tanna pelda|anna b pelda\n"
            "Q2\tAnna Pelda\t\tGBR\tf\tMember|1850|1860\ttest\tanna pelda\n")
    index = WikidataIndex({PEOPLE: text})
    assert {r.id for r in index.person(("anna", "pelda"))} == {"Q1", "Q2"}
    assert [r.id for r in index.person(("anna", "b", "pelda"))] == ["Q1"]
    assert index.person(("pelda",)) == []
    (rec,) = index.person(("anna", "b", "pelda"))
    assert rec.offices[0].held_in(2012) and not rec.offices[0].held_in(2015)


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(Settings.load())


def link(nlp, text: str, published: str | None) -> list[LinkedMention]:
    (doc,) = nlp.pipe(make_docs(nlp, [text], [published]))
    return doc._.nl_mentions


def test_office_holder_links_in_context_and_a_namesake_of_another_century_does_not(nlp):
    ms = link(nlp, "Elizabeth Warren told voters in Boston that the bill would fail.", "2016-05-02")
    assert any(m.actor.wikidata == "Q434706" for m in ms if m.text == "Elizabeth Warren")
    ms = link(nlp, "John Quincy Adams, a plumber from Ohio, told us the pipes froze.", "2016-05-02")
    assert not any(m.actor.wikidata for m in ms if "Adams" in m.text)


def test_titles_are_roles_not_names_and_surnames_follow_the_full_name(nlp):
    ms = link(nlp, "Elizabeth Warren spoke first. Later Sen. Warren said the vote was close.", "2016-05-02")
    assert not any(m.text.startswith("Sen") for m in ms)
    assert {m.actor.id for m in ms if "Warren" in m.text} == {"Q434706"}


def test_brands_and_armed_groups_are_not_people(nlp):
    assert is_brand("SpaceX") and is_brand("YouTube")
    assert not is_brand("McCain") and not is_brand("DeSantis") and not is_brand("Obama")
    ms = link(nlp, "Officials said Boko Haram attacked two villages near the border.", "2015-03-01")
    assert all(m.actor.type == "organization" for m in ms if m.text == "Boko Haram")


def test_corrections_merge_alias_and_unlink():
    kb = KnowledgeBase([
        {"id": "Q1", "name": "Anna Pelda", "type": "person"},
        {"id": "local:person:a-pelda", "merged_into": "Q1"},
        {"id": "Q1", "add_aliases": ["Annie P."]},
        {"id": "Q1", "unlink": ["Pelda"]},
    ])
    assert kb.redirects == {"local:person:a-pelda": "Q1"}
    assert "Annie P." in kb.get("Q1").aliases
    stub = Actor(id="local:person:a-pelda", name="A. Pelda", type="person")
    wrong = Actor(id="Q1", name="Anna Pelda", type="person")
    ms = corrected(kb, [LinkedMention(0, 8, "A. Pelda", stub, "PERSON"), LinkedMention(9, 14, "Pelda", wrong, "surname")])
    assert ms[0].actor.id == "Q1" and ms[0].actor.name == "Anna Pelda"
    assert ms[1].actor.id.startswith("local:person:")


def test_overlay_file_round_trip_and_records_load(tmp_path):
    path = tmp_path / "overlay.yaml"
    records = read_overlay(path)
    upsert(records, {"id": "Q1", "name": "Anna Pelda", "type": "person"}, add_aliases=["A. P."])
    upsert(records, {"id": "Q1"}, add_aliases=["A. P.", "Ms Pelda"])
    upsert(records, {"id": "local:person:pelda"}, merged_into="Q1")
    write_overlay(path, records)
    again = read_overlay(path)
    assert again[0]["add_aliases"] == ["A. P.", "Ms Pelda"]
    kb = load_kb((str(path),))
    assert kb.redirects["local:person:pelda"] == "Q1" and kb.get("Q1").source == str(path)


def test_cli_merge_alias_split_write_the_overlay(tmp_path):
    db = tmp_path / "t.db"
    store = SQLiteStore(db)
    hc = Actor(id="Q6294", name="Hillary Clinton", type="person", wikidata="Q6294", country="USA")
    stub = Actor(id="local:person:clinton", name="Clinton", type="person")
    text = "Hillary Clinton spoke. Clinton left. Hillary Clinton came back."
    doc = Document(raw=text.encode(), source="t.txt", media_type="text/plain")
    article = Article(source=doc.source, document_id=doc.id, text=text, paragraphs=[Paragraph(0, len(text))],
                      entities=[Entity(hc, [Mention("Hillary Clinton", 0, 15, "PERSON"),
                                            Mention("Hillary Clinton", 37, 52, "PERSON")]),
                                Entity(stub, [Mention("Clinton", 23, 30, "PERSON")])])
    assert store.save(doc, article)
    assert store.find_actor("Clinton").id == "Q6294"  # the full name, most mentioned, wins
    overlay = tmp_path / "o.yaml"
    runner = CliRunner()
    for args in (["merge", "local:person:clinton", "Q6294"], ["alias", "Q6294", "HRC"], ["split", "Q6294", "Clinton"]):
        result = runner.invoke(app, ["actors", *args, "--db", str(db), "--file", str(overlay)])
        assert result.exit_code == 0, result.output
    store.close()
    data = yaml.safe_load(overlay.read_text())["actors"]
    by_id = {d["id"]: d for d in data}
    assert by_id["local:person:clinton"]["merged_into"] == "Q6294"
    assert by_id["Q6294"]["add_aliases"] == ["HRC"] and by_id["Q6294"]["unlink"] == ["Clinton"]


def test_understand_has_no_import_cycle():
    """Outside quotes/ (its own package), no module of understand/ imports one that imports it back."""
    graph: dict[str, set[str]] = {}
    for path in (SRC / "understand").glob("*.py"):
        deps = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
                deps.add(node.module.split(".")[0])
        graph[path.stem] = deps

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for dep in graph.get(start, ()):
            if dep == goal or (dep not in seen and reaches(dep, goal, seen | {dep})):
                return True
        return False

    assert not [m for m in graph if reaches(m, m, {m})]


def test_packaged_tables_load_once():
    assert load_wikidata() is load_wikidata() and len(load_wikidata()) > 20_000


def test_a_title_case_headline_is_not_a_person(nlp):
    text = "Clinton Warns Trump Over Tax Returns In Fiery Speech\n\nHillary Clinton said on Monday that Donald Trump was hiding something."
    ms = link(nlp, text, "2016-09-12")
    assert not any("Warns" in m.actor.name for m in ms)
    assert {m.actor.id for m in ms if m.text == "Hillary Clinton"} == {"Q6294"}
