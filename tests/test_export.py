"""Exports that join: typed Parquet fact tables with document ids and offsets, stories, GKG layout."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from newsloom.batch.local import ingest
from newsloom.cli import app
from newsloom.connect.build import build_stories
from newsloom.settings import Settings
from newsloom.store import open_store

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("export") / "e.db")
    with open_store(path) as store:
        ingest([str(CORPUS / "clean"), str(CORPUS / "batch.jsonl")], store, Settings.load())
        build_stories(store, Settings.load())
    return path


def test_mentions_parquet_is_typed_and_offsets_hold(db: str, tmp_path: Path) -> None:
    out = tmp_path / "m.parquet"
    result = runner.invoke(app, ["export", "--table", "mentions", "-f", "parquet", "-o", str(out), "--db", db])
    assert result.exit_code == 0, result.output
    table = pq.read_table(out)
    assert pa.types.is_timestamp(table.schema.field("published").type)
    assert pa.types.is_integer(table.schema.field("start").type)
    assert pa.types.is_struct(table.schema.field("actor").type)
    rows = table.to_pylist()
    assert rows
    with open_store(db) as store:
        texts = {}
        for row in rows[:50]:
            doc = row["document_id"]
            texts.setdefault(doc, store.article(doc).text)
            assert texts[doc][row["start"]:row["end"]] == row["text"]


def test_quotes_events_dates_and_stories_tables(db: str, tmp_path: Path) -> None:
    for table in ("quotes", "dates", "events", "stories", "articles"):
        out = tmp_path / f"{table}.parquet"
        result = runner.invoke(app, ["export", "--table", table, "-f", "parquet", "-o", str(out), "--db", db])
        assert result.exit_code == 0, result.output
    quotes = pq.read_table(tmp_path / "quotes.parquet").to_pylist()
    assert quotes and any(q["speaker"] and q["speaker"]["id"] for q in quotes)
    stories = pq.read_table(tmp_path / "stories.parquet").to_pylist()
    assert stories and all(s["story_id"] and s["document_id"] for s in stories)
    articles = pq.read_table(tmp_path / "articles.parquet")
    assert pa.types.is_list(articles.schema.field("actors").type)
    csv_out = runner.invoke(app, ["export", "--table", "quotes", "-f", "csv", "--db", db]).stdout
    header = next(csv.reader(io.StringIO(csv_out)))
    assert {"document_id", "start", "end", "speaker", "speaks_for"} <= set(header)


def test_gkg_layout(db: str) -> None:
    result = runner.invoke(app, ["export", "--table", "gkg", "-f", "csv", "--db", db])
    assert result.exit_code == 0
    lines = [line for line in result.stdout.splitlines() if line]
    assert lines and all(len(line.split("\t")) == 27 for line in lines)
    first = lines[0].split("\t")
    assert len(first[1]) == 14 or first[1] == ""  # YYYYMMDDHHMMSS
    jl = [json.loads(x) for x in runner.invoke(app, ["export", "--table", "gkg", "--db", db]).stdout.splitlines()]
    with_quotes = [r for r in jl if r["Quotations"]]
    assert with_quotes
    offset, length = (int(x) for x in with_quotes[0]["Quotations"].split("#")[0].split("|")[:2])
    assert offset >= 0 and length > 0


def test_unknown_table_is_an_error(db: str) -> None:
    assert runner.invoke(app, ["export", "--table", "nope", "--db", db]).exit_code == 2
