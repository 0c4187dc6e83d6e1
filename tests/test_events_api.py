"""Events through the JSON API and the command line: filters, pages, per article and per actor,
positions, contrasts, and the PLOVER JSON / TSV / Parquet exports."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from events_sample import OSTERLAND, PAYLOAD, RURITANIA, VALDORIA, fill
from newsloom.cli import app as cli
from newsloom.serve import create_app
from newsloom.settings import Settings
from newsloom.store import SQLiteStore

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> tuple[Path, list[str]]:
    path = tmp_path / "events.db"
    with SQLiteStore(path) as store:
        ids = fill(store)
    return path, ids


@pytest.fixture
def client(db):
    settings = Settings.load()
    settings.set("pipeline.stages", [])
    with TestClient(create_app(str(db[0]), settings)) as c:
        yield c, db[1]


def test_events_filters_and_pages(client) -> None:
    c, ids = client
    body = c.get("/api/v1/events", params={"source": RURITANIA.id}).json()
    assert [e["type"] for e in body["items"]] == ["ASSAULT", "ACCUSE", "REQUEST"] and body["next"] is None
    e = body["items"][0]
    assert e["quad"] == "material conflict" and e["mode"] == "heavy-weapons" and e["targets"][0]["id"] == OSTERLAND.id
    assert e["trigger"]["text"] == "shelled" and e["article"]["id"] == ids[1]
    assert [x["type"] for x in c.get("/api/v1/events", params={"target": "Ruritania"}).json()["items"]] == [
        "THREATEN", "CONSULT", "REJECT"]
    assert [x["type"] for x in c.get("/api/v1/events", params={"type": "consult", "mode": "third-party"}).json()[
        "items"]] == ["CONSULT"]
    got = c.get("/api/v1/events", params={"since": "2024-04-05", "until": "2024-04-30"}).json()["items"]
    assert sorted(x["type"] for x in got) == ["ASSAULT", "REJECT"]
    seen, cursor = [], None
    while True:
        page = c.get("/api/v1/events", params={"limit": 3, **({"cursor": cursor} if cursor else {})}).json()
        seen += [x["id"] for x in page["items"]]
        if not (cursor := page["next"]):
            break
    assert len(seen) == len(set(seen)) == 7
    for params, status in (({"since": "soon"}, 422), ({"cursor": "nope"}, 400), ({"limit": 0}, 422)):
        assert c.get("/api/v1/events", params=params).status_code == status


def test_article_and_actor_events(client) -> None:
    c, ids = client
    items = c.get(f"/api/v1/articles/{ids[0]}/events").json()["items"]
    assert [e["type"] for e in items] == ["REQUEST", "ACCUSE"]  # text order
    art = c.get(f"/api/v1/articles/{ids[0]}").json()
    for e in items:
        assert art["text"][e["start"]:e["end"]] == e["text"]
        assert art["text"][e["trigger"]["start"]:e["trigger"]["end"]] == e["trigger"]["text"]
    assert c.get("/api/v1/articles/nope/events").status_code == 404
    mine = c.get(f"/api/v1/actors/{VALDORIA.id}/events").json()["items"]
    assert sorted(e["type"] for e in mine) == ["COERCE", "CONSULT"]
    assert [e["type"] for e in c.get(f"/api/v1/actors/{VALDORIA.id}/events", params={"role": "target"}).json()[
        "items"]] == []
    counts = c.get(f"/api/v1/actors/{RURITANIA.id}/event-counts").json()
    assert {(i["type"], i["quad"], i["events"]) for i in counts["items"]} == {
        ("ACCUSE", "verbal conflict", 1), ("ASSAULT", "material conflict", 1), ("REQUEST", "verbal conflict", 1)}
    assert c.get("/api/v1/actors/nobody:x/events").status_code == 404
    # The actor's own profile route still answers (the event routes are matched first).
    assert c.get(f"/api/v1/actors/{RURITANIA.id}").json()["actor"]["name"] == "Ruritania"


def test_positions_and_contrasts_endpoints(client) -> None:
    c, _ = client
    body = c.get(f"/api/v1/actors/{RURITANIA.id}/positions", params={"topic": "ceasefire"}).json()
    [topic] = body["topics"]
    assert topic["positions"][0]["stance"] == "calls for"
    pair = c.get(f"/api/v1/actors/{RURITANIA.id}/contrasts").json()["items"][0]
    assert pair["done"]["type"] == "ASSAULT" and pair["said"]["stance"] == "calls for"
    assert c.get(f"/api/v1/actors/{RURITANIA.id}/contrasts", params={"window": 3}).json()["items"] == []
    paths = c.get("/api/v1/openapi.json").json()["paths"]
    for route in ("/api/v1/events", "/api/v1/actors/{actor_id}/events", "/api/v1/actors/{actor_id}/positions",
                  "/api/v1/actors/{actor_id}/contrasts", "/api/v1/articles/{doc_id}/events"):
        assert route in paths, route


def test_cli_events_table_and_filters(db) -> None:
    path, _ = db
    r = runner.invoke(cli, ["events", "--db", str(path), "--source", "Ruritania", "--type", "ASSAULT"])
    assert r.exit_code == 0, r.output
    assert "ASSAULT" in r.output and "REQUEST" not in r.output
    r = runner.invoke(cli, ["events", "--db", str(path), "--target", "Nobody Known"])
    assert r.exit_code == 1


def test_cli_exports(db, tmp_path: Path) -> None:
    path, ids = db
    r = runner.invoke(cli, ["events", "--db", str(path), "-f", "json"])
    assert r.exit_code == 0
    records = [json.loads(line) for line in r.stdout.splitlines() if line.startswith("{")]
    # One record per dyad: the mediation offer names two recipients.
    assert len(records) == 8
    consult = [x for x in records if x["event"] == "CONSULT"]
    assert {x["recipient"]["name"] for x in consult} == {"Ruritania", "Osterland"}
    req = next(x for x in records if x["event"] == "REQUEST")
    assert req["actor"] == {"name": "Ruritania", "id": RURITANIA.id, "country": "RUR", "sector": "Government",
                            "wikidata": "Q999999001", "type": "country"}
    assert req["recipient"]["country"] == "OST" and req["document_id"] == ids[0] and req["source_url"]
    assert req["mode"] == "ceasefire" and req["cameo"] == "0256" and req["date"] == "2024-04-01"
    with SQLiteStore(path) as store:
        text = store.article(ids[0]).text
    assert text[req["offsets"]["start"]:req["offsets"]["end"]] == req["event_text"]
    assert text[req["offsets"]["trigger_start"]:req["offsets"]["trigger_end"]] == "called for"
    r = runner.invoke(cli, ["events", "--db", str(path), "-f", "tsv", "--source", "Osterland"])
    rows = list(csv.DictReader(io.StringIO(r.stdout), delimiter="\t"))
    assert [x["Event Type"] for x in rows] == ["THREATEN", "REJECT"]
    assert rows[1]["Negated"] == "true" and rows[0]["Recipient Country"] == "RUR"
    assert PAYLOAD in rows[0]["Event Text"]  # exported as data, as written
    out = tmp_path / "ev.parquet"
    r = runner.invoke(cli, ["events", "--db", str(path), "-f", "parquet", "-o", str(out)])
    assert r.exit_code == 0, r.output
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pq.read_table(out)
    assert table.num_rows == 8
    assert table.schema.field("date").type == pa.date32() and table.schema.field("start").type == pa.int32()
    assert table.schema.field("negated").type == pa.bool_()
    assert runner.invoke(cli, ["events", "--db", str(path), "-f", "parquet"]).exit_code == 2


def test_cli_positions_and_contrasts(db) -> None:
    path, _ = db
    r = runner.invoke(cli, ["positions", "Ruritania", "--db", str(path), "--format", "json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert any(p["stance"] == "calls for" for t in data["topics"] for p in t["positions"])
    r = runner.invoke(cli, ["contrasts", "Ruritania", "--db", str(path), "--format", "json"])
    assert r.exit_code == 0 and json.loads(r.stdout)["items"][0]["done"]["type"] == "ASSAULT"
    r = runner.invoke(cli, ["contrasts", "Ruritania", "--db", str(path)])
    assert r.exit_code == 0 and "Said versus done" in r.output
