"""The command line through typer's runner: every command documented, outputs on contract."""

from __future__ import annotations

import csv
import io
import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from newsloom.cli import app

runner = CliRunner()
SCHEMA = json.loads(resources.files("newsloom").joinpath("data/schema/analysis.schema.json").read_text())
TEXT = ("Harbour cranes return to work\n"
        "Dock workers in Rotterdam returned on Monday after a two-day strike, the port authority said.\n"
        "“The terminals are running again,” a spokesperson told reporters.\n")


def _write(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT)
    (folder / "b.jsonl").write_text(
        json.dumps({"id": "x-1", "text": "Rail strike ends\nTrains ran again across the country on Friday.",
                    "published": "2024-02-02", "outlet": "Daily Wire"}) + "\n")
    (folder / "bad.json").write_text("{")
    return folder


def test_every_command_has_help_text() -> None:
    import typer.main

    group = typer.main.get_command(app)
    for name, command in group.commands.items():
        assert command.help and len(command.help) > 20, f"command {name} lacks help"
        for param in command.params:
            if param.name != "help" and not getattr(param, "hidden", False):
                assert getattr(param, "help", None), f"{name} --{param.name} lacks help"
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0 and "Usage" in result.output


def test_ingest_stats_articles_search_export(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _write(tmp_path)
    db = str(tmp_path / "n.db")
    monkeypatch.setenv("NEWSLOOM_DB", db)
    result = runner.invoke(app, ["ingest", str(folder), "--stages", ""])
    assert result.exit_code == 1  # bad.json failed, and the exit status says so
    assert "added 2" in result.output and "bad.json: invalid JSON" in result.output
    stats = json.loads(runner.invoke(app, ["stats", "--format", "json"]).output)
    assert (stats["documents"], stats["articles"], stats["failed"]) == (3, 2, 1)
    again = runner.invoke(app, ["ingest", str(folder / "a.txt"), "--db", db, "--stages", ""])
    assert again.exit_code == 0 and "added 0" in again.output
    listed = json.loads(runner.invoke(app, ["articles", "-f", "json"]).output)
    assert [a["title"] for a in listed] == ["Rail strike ends", "Harbour cranes return to work"]
    hits = json.loads(runner.invoke(app, ["search", "terminals running", "-f", "json"]).output)
    assert hits and hits[0]["title"] == "Harbour cranes return to work"
    shown = runner.invoke(app, ["show", hits[0]["id"], "-f", "json"])
    assert json.loads(shown.output)["text"].startswith("Dock workers")
    out = tmp_path / "a.csv"
    assert runner.invoke(app, ["export", "-f", "csv", "-o", str(out)]).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert {r["title"] for r in rows} == {"Rail strike ends", "Harbour cranes return to work"}
    pq = tmp_path / "a.parquet"
    assert runner.invoke(app, ["export", "-f", "parquet", "-o", str(pq)]).exit_code == 0
    import pyarrow.parquet as pqmod

    assert pqmod.read_table(pq).num_rows == 2
    jl = runner.invoke(app, ["export", "-f", "jsonl"])
    assert len([json.loads(x) for x in jl.output.splitlines() if x.startswith("{")]) == 2
    fails = json.loads(runner.invoke(app, ["failures", "-f", "json"]).output)
    assert fails[0]["source"].endswith("bad.json")
    assert runner.invoke(app, ["retry"]).exit_code == 1  # still broken: says so again
    assert runner.invoke(app, ["show", "nope"]).exit_code == 1


def test_extract_prints_schema_objects(tmp_path: Path) -> None:
    folder = _write(tmp_path)
    result = runner.invoke(app, ["extract", str(folder / "a.txt"), "--format", "json"])
    assert result.exit_code == 0
    obj = json.loads(result.output)
    jsonschema.validate(obj, SCHEMA)
    assert obj["title"] == "Harbour cranes return to work" and obj["source"] == str(folder / "a.txt")
    for p in obj["paragraphs"]:
        assert obj["text"][p["start"]:p["end"]].strip()
    lines = runner.invoke(app, ["extract", str(folder), "--format", "jsonl"])
    objs = [json.loads(x) for x in lines.output.splitlines() if x.startswith("{")]
    assert lines.exit_code == 1 and len(objs) == 3
    for o in objs:
        jsonschema.validate(o, SCHEMA)
    assert {o["source"] for o in objs} == {str(folder / "a.txt"), "x-1", str(folder / "bad.json")}
    assert [o for o in objs if o["source"] == "x-1"][0]["published"] == "2024-02-02"
    assert [o for o in objs if o["error"]][0]["source"].endswith("bad.json")


@pytest.mark.slow
def test_analyze_output_validates(tmp_path: Path) -> None:
    folder = _write(tmp_path)
    result = runner.invoke(app, ["analyze", str(folder / "a.txt"), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    obj = json.loads(result.output.splitlines()[0])
    jsonschema.validate(obj, SCHEMA)
    assert "entities" in obj and "quotes" in obj and "dates" in obj
    for ent in obj["entities"]:
        for m in ent["mentions"]:
            assert obj["text"][m["start"]:m["end"]] == m["text"]


@pytest.mark.slow
def test_user_actor_file_extends_the_knowledge_base(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(
        "- id: person:ines-varga\n  name: Ines Varga\n  type: person\n  wikidata: null\n  country: HUN\n"
        "  gender: f\n  aliases: [Inés Varga]\n")
    doc = tmp_path / "a.txt"
    doc.write_text("Budapest talks stall\nInes Varga said on Monday that the talks had stalled. "
                   "Varga added that a new round was possible.\n")
    result = runner.invoke(app, ["analyze", str(doc), "--actors", str(tmp_path / "mine.yaml"), "-f", "json"])
    assert result.exit_code == 0, result.output
    obj = json.loads(result.output)
    [ent] = [e for e in obj["entities"] if e["actor"]["name"] == "Ines Varga"]
    assert ent["actor"]["id"] == "person:ines-varga" and ent["actor"]["country"] == "HUN"
    assert [m["text"] for m in ent["mentions"]] == ["Ines Varga", "Varga"]
    speakers = {q["speaker"]["actor"]["id"] for q in obj["quotes"] if q["speaker"] and q["speaker"]["actor"]}
    assert "person:ines-varga" in speakers
