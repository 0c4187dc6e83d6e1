"""Extraction on the bundled sample corpus (examples/corpus): metadata of every HTML page and scrape,
and no page furniture in the bodies."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsloom.extract import extract

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"

# (file, title, authors, published, outlet), as the pages state them.
EXPECTED = [
    ("html/atlasdispatch-unga-peace-resolution.html",
     "UN General Assembly backs call for Russian withdrawal on eve of war anniversary",
     ["Rafael Montoya"], "2023-02-23T19:32-05:00", "Atlas Dispatch"),
    ("html/civicobserver-g20-delhi-declaration.html",
     "G20 leaders agree Delhi declaration with softer wording on Ukraine war",
     ["Priya Raghavan"], "2023-09-09T21:10+05:30", "The Civic Observer"),
    ("html/continentalreview-iaea-zaporizhzhia-mission.html",
     "IAEA inspectors reach Zaporizhzhia plant after crossing front line under fire",
     ["Ingrid Halvorsen"], "2022-09-01T22:15+02:00", "Continental Review"),
    ("html/eastbridgepost-house-ukraine-aid.html", "House approves $61 billion for Ukraine after months of delay",
     ["Danielle Okafor", "Greg Halloran"], "2024-04-20T16:48-04:00", "The Eastbridge Post"),
    ("html/equatorherald-haiti-security-mission.html", "UN Security Council authorises Kenyan-led force for Haiti",
     ["Wanjiru Kamau"], "2023-10-02T23:40+03:00", "The Equator Herald"),
    ("html/harbourledger-grain-deal-signed.html",
     "Ukraine and Russia sign parallel deals to reopen Black Sea grain ports",
     ["Selin Arkan"], "2022-07-22T18:40+03:00", "The Harbour Ledger"),
    ("html/harbourledger-russia-quits-grain-deal.html", "Russia walks away from Black Sea grain deal, Kremlin says",
     ["Tomasz Wiśniewski"], "2023-07-17T14:10+03:00", "The Harbour Ledger"),
    ("html/lakeshoregazette-prisoner-swap.html", "Ukraine frees 215 fighters in swap for 55 Russians and Medvedchuk",
     ["Meridian Wire"], "2022-09-22T00:58-04:00", "The Lakeshore Gazette"),
    ("html/northgatecourier-prisoner-swap.html",
     "Azovstal commanders among 215 freed in swap brokered by Turkey and Saudi Arabia",
     ["Ayesha Rahman", "Piotr Lenz"], "2022-09-22T04:25+00:00", "Northgate Courier"),
    ("scrapes/balticbrief-nato-vilnius-summit.txt",
     "NATO says Ukraine's future lies in the alliance, but sets no date for an invitation",
     ["Kristina Vaitkutė"], "2023-07-11T22:48+03:00", "Baltic Brief"),
    ("scrapes/frontlinereport-grain-corridor-signed.txt",
     "Kyiv signs grain corridor deal in Istanbul but refuses to sit at the same table as Moscow",
     ["Olena Marchuk"], "2022-07-22T19:05", "Frontline Report"),
    ("scrapes/frontlinereport-jeddah-peace-talks.txt",
     "Jeddah meeting on Ukraine ends without statement, but China's presence gives Kyiv hope",
     ["Andriy Savchuk"], "2023-08-06T21:30", "Frontline Report"),
    ("scrapes/gulfcurrent-riyadh-us-russia-talks.txt",
     "US and Russian top diplomats agree in Riyadh to restore embassies and start work on Ukraine settlement",
     ["Faisal Al-Mutairi"], "2025-02-18T20:15+04:00", "Gulf Current"),
    ("scrapes/steppemonitor-istanbul-direct-talks.txt",
     "Russia and Ukraine hold first direct talks in three years, agree on 1,000-for-1,000 prisoner swap",
     ["Dmitri Orlov"], "2025-05-16T18:40", "Steppe Monitor"),
]
# Page furniture that must never reach a body.
FURNITURE = re.compile(r"newsletter|sign up|subscribe|cookies|©|all rights reserved|delivered before breakfast"
                       r"|every friday|your email|join free", re.I)


@pytest.mark.parametrize("name,title,authors,published,outlet", EXPECTED, ids=[e[0] for e in EXPECTED])
def test_corpus_page_metadata_and_body(name: str, title: str, authors: list[str], published: str,
                                       outlet: str) -> None:
    art = extract((CORPUS / name).read_bytes(), source=name)
    assert (art.title, art.authors, art.published, art.outlet) == (title, authors, published, outlet)
    paragraphs = art.paragraph_texts()
    assert len(paragraphs) >= 8
    assert not [p for p in paragraphs if FURNITURE.search(p)]


def test_scrape_update_stamps_are_modified_times() -> None:
    baltic = extract((CORPUS / "scrapes/balticbrief-nato-vilnius-summit.txt").read_bytes(), source="b")
    gulf = extract((CORPUS / "scrapes/gulfcurrent-riyadh-us-russia-talks.txt").read_bytes(), source="g")
    assert baltic.modified == "2023-07-12T08:10"
    assert gulf.modified == "2025-02-18T22:40+04:00"


def test_broken_page_without_article() -> None:
    path = Path(__file__).resolve().parent / "fixtures" / "broken" / "no-article.html"
    art = extract(path.read_bytes(), source=path.name)
    assert art.text == "" and art.paragraphs == []
    assert art.extraction["note"] == "no article found: error page"
