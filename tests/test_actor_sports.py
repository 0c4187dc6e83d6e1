"""People of a field outside politics (``wikidata/sports.tsv.gz``, from the Chadwick Baseball
Bureau Register): they link only where the article uses the field's words and the date fits the
career. Sentences are our own."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from newsloom.settings import Settings
from newsloom.understand.nlp import build_nlp, make_docs
from newsloom.understand.wikidata import SPORTS, WikidataIndex

TABLE = Path(__file__).resolve().parents[1] / "src/newsloom/data/actors/wikidata" / SPORTS


def test_sports_table_has_qids_careers_a_source_and_a_domain():
    lines = gzip.decompress(TABLE.read_bytes()).decode("utf-8").splitlines()
    assert lines[0].split("\t") == ["qid", "name", "aliases", "country", "gender", "offices", "source", "domain",
                                    "keys"]
    rows = [line.split("\t") for line in lines[1:]]
    assert len(rows) >= 15_000
    assert all(r[0].startswith("Q") and r[6] == "chadwickbureau/register" and r[7] == "baseball" for r in rows)
    assert all(o.split("|")[1].isdigit() for r in rows for o in r[5].split(";"))


def test_index_reads_the_domain_of_a_sports_row():
    text = ("qid\tname\taliases\tcountry\tgender\toffices\tsource\tdomain\tkeys\n"
            "Q9\tTed Example\t\t\t\tMajor League Baseball player|2001|2009\tx\tbaseball\tted example\n")
    (rec,) = WikidataIndex({SPORTS: text}).person(("ted", "example"))
    assert rec.domain == "baseball" and rec.offices[0].held_in(2005)


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(Settings.load())


def _qids(nlp, text: str, published: str) -> dict[str, str | None]:
    (doc,) = nlp.pipe(make_docs(nlp, [text], [published]))
    return {m.text: m.actor.wikidata for m in doc._.nl_mentions}


def test_a_ballplayer_links_in_a_baseball_story_of_his_career_only(nlp):
    story = "Ben Zobrist doubled in the tenth inning and the bullpen held on for the win."
    assert _qids(nlp, story, "2016-11-03").get("Ben Zobrist") == "Q1061268"
    # The same name in a story without a word of the game stays a person of the document.
    other = "Ben Zobrist, a neighbour, said the council had ignored the flooding for years."
    assert not _qids(nlp, other, "2016-11-03").get("Ben Zobrist")
    # A career that ended over a century before the article is a namesake's.
    old = "John Fox pitched six innings on Sunday, and the manager praised his curveball."
    assert _qids(nlp, old, "2016-05-01").get("John Fox") != "Q6233798"

