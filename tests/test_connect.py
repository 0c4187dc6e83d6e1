"""Connect: near-duplicate copies, stories that keep two events of one kind apart, incremental
builds with stable ids, store queries and the ``stories`` commands. Texts are our own words."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsloom.cli import app
from newsloom.connect.build import build_stories, connect, connect_articles
from newsloom.connect.duplicates import DuplicateIndex, shingles
from newsloom.connect.features import Item, utc_instant
from newsloom.connect.metrics import bcubed, bcubed_losses, pairwise
from newsloom.connect.timelines import actor_story_timeline, story_timeline
from newsloom.model import Actor, Article, DateMention, Document, Entity, Mention, Paragraph, Quote, Speaker
from newsloom.store import SQLiteStore
from newsloom.store.base import Store

TURKEY = Actor("Q43", "Turkey", "country", "Q43", "TUR")
CHILE = Actor("Q298", "Chile", "country", "Q298", "CHL")
MINISTER = Actor("x-minister", "Ana Robles", "person")

# Two earthquakes (one story each, several outlets), plus an unrelated budget vote.
QUAKE_A = [
    ("Strong earthquake shakes eastern Turkey near Malatya",
     "A magnitude 6.1 earthquake struck eastern Turkey near the city of Malatya on Tuesday, damaging "
     "old buildings and sending residents into the streets, the disaster agency AFAD said.", "2024-03-12T06:10:00Z"),
    ("Malatya quake: rescuers search collapsed homes in eastern Turkey",
     "Rescue teams in Malatya searched collapsed homes after Tuesday's magnitude 6.1 earthquake in eastern "
     "Turkey; AFAD said dozens of people were injured.", "2024-03-12T11:45:00Z"),
    ("Turkey counts damage after Malatya earthquake",
     "Officials in eastern Turkey said more than 300 buildings near Malatya were damaged by the magnitude 6.1 "
     "earthquake, and schools in the province stayed shut.", "2024-03-13T09:00:00Z"),
]
QUAKE_B = [
    ("Earthquake hits northern Chile, Antofagasta buildings evacuated",
     "A magnitude 6.4 earthquake struck off northern Chile near Antofagasta on Friday, and the navy said "
     "there was no tsunami threat to the coast.", "2024-03-15T22:30:00Z"),
    ("Antofagasta quake cuts power in northern Chile",
     "Power was cut to parts of Antofagasta after Friday's magnitude 6.4 earthquake in northern Chile, "
     "the energy regulator said, while copper mines checked their pits.", "2024-03-16T03:05:00Z"),
]
BUDGET = ("Parliament passes spending plan after all-night session",
          "Lawmakers approved the annual spending plan early on Wednesday after an all-night debate over "
          "pensions and the defence budget.", "2024-03-13T05:00:00Z")

WIRE = ("Port workers end strike after pay deal | Harbour Times",
        "Dock workers at the country's three largest ports returned to work on Monday after unions accepted "
        "a two-year pay agreement that raises wages by nine percent. The strike had lasted eleven days and "
        "left hundreds of containers waiting at anchor. Union leaders said members voted by a large margin "
        "to accept the offer, which also limits night shifts. The transport ministry said it expected the "
        "backlog to clear within a week, and shipping lines said they would restore normal schedules. "
        "Exporters of fruit and machinery had warned of losses running into millions as the dispute dragged on.")


def _article(title: str, text: str, published: str, actors: list[Actor] = (), outlet: str = "Wire",
             dates: list[str] = (), quote: str | None = None) -> tuple[Document, Article]:
    doc = Document(raw=f"{title}\n{text}\n{published}".encode(), source=f"{title[:20]}.txt", media_type="text/plain")
    ents = [Entity(a, [Mention(a.name, 0, len(a.name), "GPE")]) for a in actors]
    quotes = []
    if quote:
        start = text.index(quote)
        quotes = [Quote(quote, start, start + len(quote), "direct", "said",
                        Speaker("Robles", 0, 6, MINISTER), None, None, date=published[:10])]
    art = Article(source=doc.source, document_id=doc.id, title=title, text=text, published=published,
                  outlet=outlet, paragraphs=[Paragraph(0, len(text))], entities=ents,
                  dates=[DateMention(d, 0, 1, d) for d in dates], quotes=quotes)
    return doc, art


def _corpus() -> list[tuple[Document, Article]]:
    rows = [_article(t, x, p, [TURKEY], outlet=f"Outlet {i}") for i, (t, x, p) in enumerate(QUAKE_A)]
    rows += [_article(t, x, p, [CHILE], outlet=f"Outlet {i}") for i, (t, x, p) in enumerate(QUAKE_B)]
    rows.append(_article(*BUDGET))
    return rows


def _groups(result, docs) -> list[set[str]]:
    by_story: dict[str, set[str]] = {}
    for doc, _ in docs:
        by_story.setdefault(result.assignment[doc.id], set()).add(doc.id)
    return sorted(by_story.values(), key=lambda g: (len(g), sorted(g)))


def test_two_earthquakes_are_two_stories() -> None:
    docs = _corpus()
    result = connect_articles([a for _, a in docs])
    ids = [d.id for d, _ in docs]
    assert _groups(result, docs) == sorted([{ids[5]}, set(ids[3:5]), set(ids[:3])], key=lambda g: (len(g), sorted(g)))
    titles = {s.title for s in result.stories}
    assert any("Malatya" in t for t in titles) and any("Chile" in t for t in titles)
    quake_a = next(s for s in result.stories if ids[0] in s.document_ids)
    assert (quake_a.first_seen, quake_a.last_seen) == ("2024-03-12T06:10:00Z", "2024-03-13T09:00:00Z")


def test_same_words_far_apart_in_time_start_a_new_story() -> None:
    first = _article(*QUAKE_A[0])
    # The same headline months later (an aftershock report reusing the wording) is a new development.
    later = _article(QUAKE_A[1][0], QUAKE_A[1][1], "2024-09-20T10:00:00Z")
    result = connect_articles([first[1], later[1]])
    assert result.assignment[first[0].id] != result.assignment[later[0].id]


def test_syndicated_copy_is_one_duplicate_group_with_the_earliest_as_canonical() -> None:
    original = _article(WIRE[0], WIRE[1], "2024-05-06T08:00:00+02:00", outlet="Harbour Times")
    # Re-published later elsewhere: other headline, a dateline in front, the last sentence dropped,
    # a footer added. Its timestamp has another offset but is later.
    body = WIRE[1].rsplit(" Exporters", 1)[0]
    copy = _article("Dockers back at work as unions accept pay offer",
                    "ROTTERDAM (Agency) - " + body + " Copyright 2024 Agency. All rights reserved.",
                    "2024-05-06T07:30:00+00:00", outlet="Daily Post")
    other = _article(*BUDGET)
    result = connect_articles([copy[1], other[1], original[1]])
    assert result.duplicates == {copy[0].id: (original[0].id, pytest.approx(result.duplicates[copy[0].id][1]))}
    assert result.duplicates[copy[0].id][1] >= 0.5
    assert result.assignment[copy[0].id] == result.assignment[original[0].id]


def test_duplicate_index_needs_enough_shared_text() -> None:
    index = DuplicateIndex()
    assert index.add("a", WIRE[1]) == "a"
    assert index.add("b", BUDGET[1] + " " + QUAKE_A[0][1] + " " + QUAKE_B[0][1]) == "b"
    assert index.add("c", "Short brief.") == "c"  # too short to call a copy
    assert index.add("d", WIRE[1].upper()) == "a"  # case and punctuation do not matter
    assert index.groups() == {"a": ["d"]}
    assert shingles("one two three four five six", 5) == shingles("One, two; three four five SIX.", 5)


def test_result_does_not_depend_on_input_order() -> None:
    docs = _corpus()
    arts = [a for _, a in docs]
    first = connect_articles(arts)
    for seed in range(3):
        shuffled = arts[:]
        random.Random(seed).shuffle(shuffled)
        again = connect_articles(shuffled)
        assert again.assignment == first.assignment and again.scores == first.scores
        assert [s.id for s in again.stories] == [s.id for s in first.stories]


def test_missing_facts_are_tolerated() -> None:
    items = [Item(id=str(i), title=t, lead=x, body=x) for i, (t, x, _) in enumerate(QUAKE_A + QUAKE_B)]
    result = connect(items)
    assert len({result.assignment[str(i)] for i in range(3)}) == 1
    assert result.assignment["0"] != result.assignment["3"]


def test_utc_instants_order_offsets() -> None:
    assert utc_instant("2024-05-06T08:00:00+02:00") == "2024-05-06T06:00:00Z"
    assert utc_instant("2024-05-06") == "2024-05-06"
    assert utc_instant("not a date") == "not a date"


def test_metrics_on_a_small_example() -> None:
    gold = {"a": "x", "b": "x", "c": "y"}
    assert bcubed(gold, gold)["f1"] == 1.0 and pairwise(gold, gold)["f1"] == 1.0
    lumped = {k: "all" for k in gold}
    assert bcubed(lumped, gold)["recall"] == 1.0 and round(bcubed(lumped, gold)["precision"], 3) == 0.556
    assert pairwise({k: k for k in gold}, gold)["f1"] == 0.0
    # The losses name the wrong merge (cluster "all") and the wrong split ("x" cut in two) and add up.
    merges, _ = bcubed_losses(lumped, gold)
    assert round(sum(merges.values()), 6) == round(1 - bcubed(lumped, gold)["precision"], 6) and set(merges) == {"all"}
    _, splits = bcubed_losses({"a": "1", "b": "2", "c": "3"}, gold)
    assert splits["x"] > 0 and splits["y"] == 0


def _fill(store: Store, rows: list[tuple[Document, Article]]) -> None:
    for doc, art in rows:
        assert store.save(doc, art)


def check_incremental_build_and_queries(store: Store) -> None:
    docs = _corpus()
    first_batch = docs[:2] + docs[3:4]
    _fill(store, first_batch)
    built = build_stories(store)
    assert built.new == 3
    before = store.story_assignments()
    # Later articles: one more on each quake (one with a quote), and the budget vote.
    quote_doc = _article(QUAKE_A[2][0], QUAKE_A[2][1] + " “We will rebuild every school,” Robles said.",
                         QUAKE_A[2][2], [TURKEY, MINISTER], quote="We will rebuild every school")
    _fill(store, [quote_doc, docs[4], docs[5]])
    again = build_stories(store)
    assert again.new == 3
    after = store.story_assignments()
    assert {k: v for k, v in after.items() if k in before} == before  # placed articles keep their story
    quake_a = after[docs[0][0].id][0]
    assert after[quote_doc[0].id][0] == quake_a and after[docs[4][0].id][0] == after[docs[3][0].id][0]
    assert after[docs[5][0].id][0] not in (quake_a, after[docs[3][0].id][0])

    page = store.stories(limit=1)
    assert len(page.items) == 1 and page.next
    rest = store.stories(limit=10, cursor=page.next)
    assert len(rest.items) == 2 and rest.next is None
    assert [s["id"] for s in store.stories(min_articles=2).items] == [after[docs[3][0].id][0], quake_a]
    from newsloom.store import Filters
    assert [s["id"] for s in store.stories(Filters(actor=CHILE.id)).items] == [after[docs[3][0].id][0]]
    assert [s["id"] for s in store.stories(Filters(text="malatya")).items] == [quake_a]
    assert [s["id"] for s in store.stories(Filters(until="2024-03-12")).items] == [quake_a]

    timeline = story_timeline(store, quake_a)
    assert timeline is not None and timeline["story"]["articles"] == 3
    kinds = [e["kind"] for e in timeline["entries"]]
    assert kinds.count("article") == 3 and kinds.count("quote") == 1
    dates = [e["date"][:10] for e in timeline["entries"]]
    assert dates == sorted(dates)
    assert timeline["entries"][-1]["speaker_name"] == "Ana Robles"
    assert timeline["actors"][0]["id"] == TURKEY.id and timeline["actors"][0]["articles"] == 3
    assert story_timeline(store, "st-missing") is None

    path = actor_story_timeline(store, MINISTER.id)
    assert [s["id"] for s in path] == [quake_a] and path[0]["quotes"] == 1
    assert store.article_story(docs[0][0].id)["story"]["id"] == quake_a
    assert store.article_story("nope") is None

    rebuilt = build_stories(store, rebuild=True)
    assert {d: s for d, (s, _) in store.story_assignments().items()} == rebuilt.assignment


def test_incremental_build_and_queries_sqlite(store: SQLiteStore) -> None:
    check_incremental_build_and_queries(store)


def test_incremental_build_reads_only_the_recent_past(store: SQLiteStore) -> None:
    old = _article("Rail strike ends after ten days", "Train drivers returned to work on Monday after the "
                   "union accepted a new pay offer, ending a ten-day national rail strike.", "2024-01-08T09:00:00Z")
    _fill(store, [old])
    first = build_stories(store)
    _fill(store, _corpus())
    again = build_stories(store)
    assert again.new == 6 and old[0].id not in again.assignment  # January is outside March's window
    assert store.story_assignments()[old[0].id][0] == first.assignment[old[0].id]
    assert len(store.stories().items) == 4 and store.unplaced_ids() == []
    # Nothing new: nothing read, nothing written.
    assert build_stories(store).stories == [] and len(store.stories().items) == 4


def test_copies_are_stored_and_collapsed(store: SQLiteStore) -> None:
    check_copies_are_stored_and_collapsed(store)


def check_copies_are_stored_and_collapsed(store: Store) -> None:
    original = _article(WIRE[0], WIRE[1], "2024-05-06T06:00:00Z", outlet="Harbour Times")
    copy = _article("Dockers back at work", "PORT (Agency) - " + WIRE[1], "2024-05-06T09:00:00Z", outlet="Daily Post")
    _fill(store, [copy, original])
    build_stories(store)
    assert store.duplicate_map() == {copy[0].id: (original[0].id, pytest.approx(store.duplicate_map()[copy[0].id][1]))}
    info = store.article_story(copy[0].id)
    assert info["canonical_id"] == original[0].id and info["copies"] == [copy[0].id]
    listed = store.stories().items
    assert listed[0]["articles"] == 2 and listed[0]["copies"] == 1 and listed[0]["outlets"] == 2
    articles = store.story(listed[0]["id"])["articles"]
    assert [a["duplicate_of"] for a in articles] == [None, original[0].id]
    assert store.story_stats() == {"stories": 1, "multi_article_stories": 1, "copies": 1, "distinct_articles": 1}
    # A later build that places a third copy writes it through the incremental path.
    third = _article("Ports reopen", "HARBOUR (Wire) - " + WIRE[1], "2024-05-07T09:00:00Z", outlet="Coast News")
    _fill(store, [third])
    assert build_stories(store).new == 1
    assert store.duplicate_map()[third[0].id][0] == original[0].id
    assert store.stories().items[0]["copies"] == 2 and store.story_stats()["distinct_articles"] == 1


def test_settings_override_the_thresholds() -> None:
    from newsloom.settings import Settings

    settings = Settings.load(None)
    settings.set("stories.threshold", 5)  # nothing can score that high
    settings.set("duplicates.containment", 0.95)
    result = connect_articles([a for _, a in _corpus()], settings)
    assert len(result.stories) == 6


def test_stories_commands(tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "c.db")
    with SQLiteStore(db) as store:
        _fill(store, _corpus())
    result = runner.invoke(app, ["stories", "build", "--db", db])
    assert result.exit_code == 0, result.output
    assert "placed 6 new article(s) · 3 stories written (2 with several articles) · 0 copies" in result.output
    listed = json.loads(runner.invoke(app, ["stories", "list", "--db", db, "-f", "json"]).output)
    assert [s["articles"] for s in listed] == [2, 3]
    shown = runner.invoke(app, ["stories", "show", listed[1]["id"], "--db", db])
    assert shown.exit_code == 0 and "Timeline" in shown.output and "Malatya" in shown.output
    data = json.loads(runner.invoke(app, ["stories", "show", listed[1]["id"], "--db", db, "-f", "json"]).output)
    assert len(data["entries"]) == 3
    assert runner.invoke(app, ["stories", "show", "st-none", "--db", db]).exit_code == 1
    path = json.loads(runner.invoke(app, ["stories", "actor", "Chile", "--db", db, "-f", "json"]).output)
    assert [s["id"] for s in path] == [listed[0]["id"]]
    for sub in ("build", "list", "show", "actor"):
        help_text = runner.invoke(app, ["stories", sub, "--help"])
        assert help_text.exit_code == 0 and "Usage" in help_text.output


def test_every_stories_command_and_option_has_help() -> None:
    import typer.main

    group = typer.main.get_command(app).commands["stories"]
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert command.help and len(command.help) > 20, f"stories {name} lacks help"
        for param in command.params:
            assert getattr(param, "help", None), f"stories {name} --{param.name} lacks help"


def test_example_pair_of_syndicated_pages(tmp_path: Path) -> None:
    """The example corpus holds one agency story published by two outlets: one duplicate group,
    the earlier publication (compared in UTC) as canonical, and one story."""
    from newsloom.batch.local import ingest
    from newsloom.pipeline import Pipeline
    from newsloom.settings import Settings

    folder = Path(__file__).resolve().parents[1] / "examples" / "corpus" / "html"
    pages = [folder / "northgatecourier-prisoner-swap.html", folder / "lakeshoregazette-prisoner-swap.html"]
    settings = Settings.load(None)
    with SQLiteStore(tmp_path / "pair.db") as store:
        report = ingest([str(p) for p in pages], store, settings, pipeline=Pipeline(settings, []))
        assert not report.errors
        result = build_stories(store)
        arts = {a.outlet: a for a in store.iter_articles()}
        north, lake = arts["Northgate Courier"].document_id, arts["The Lakeshore Gazette"].document_id
        assert set(result.duplicates) == {lake} and result.duplicates[lake][0] == north
        assert result.assignment[north] == result.assignment[lake] and len(result.stories) == 1
