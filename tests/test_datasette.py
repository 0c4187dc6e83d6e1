"""The datasette metadata shipped for SQLite stores: it names only real tables and columns, labels
every table of the store, and datasette itself serves the store with its facets and search."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path

from newsloom.store import SQLiteStore
from newsloom.store.datasette import datasette_metadata, main
from test_api import build_sample_store

FTS_SHADOW = ("_config", "_data", "_docsize", "_idx", "_content")


def _schema(path: Path) -> dict[str, set[str]]:
    with sqlite3.connect(path) as c:
        names = [r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")]
        return {n: {r[1] for r in c.execute(f"PRAGMA table_info('{n}')")} for n in names}


def test_metadata_names_real_tables_and_columns_and_labels_every_table(tmp_path: Path) -> None:
    SQLiteStore(tmp_path / "news.db").close()
    schema = _schema(tmp_path / "news.db")
    meta = datasette_metadata(tmp_path / "news.db")
    tables = meta["databases"]["news"]["tables"]
    for name, table in tables.items():
        assert name in schema, name
        columns = set(table.get("columns", {})) | {f for f in table.get("facets", []) if isinstance(f, str)}
        columns |= {c for f in table.get("facets", []) if isinstance(f, dict) for c in f.values()}
        columns |= {table[k] for k in ("label_column", "sort", "sort_desc", "fts_pk") if k in table}
        assert columns <= schema[name], (name, columns - schema[name])
        if "fts_table" in table:
            assert table["fts_table"] in schema
    shown = {n for n in schema if not n.endswith(FTS_SHADOW)}
    assert shown <= set(tables), f"tables without a label in data/datasette/metadata.json: {shown - set(tables)}"
    assert all(t.get("title") for n, t in tables.items() if not t.get("hidden")), "every shown table has a title"


def test_written_by_a_command(tmp_path: Path, capsys) -> None:
    assert main([str(tmp_path / "archive.db")]) == 0
    assert list(json.loads(capsys.readouterr().out)["databases"]) == ["archive"]
    assert main([]) == 2


def test_datasette_serves_the_store_with_labels_facets_and_search(tmp_path: Path) -> None:
    from datasette.app import Datasette

    store, ids = build_sample_store(tmp_path / "newsloom.db")
    store.close()
    ds = Datasette([str(tmp_path / "newsloom.db")], metadata=datasette_metadata(tmp_path / "newsloom.db"))

    async def fetch(path: str) -> dict:
        await ds.invoke_startup()
        response = await ds.client.get(path)
        assert response.status_code == 200, (path, response.text[:300])
        return response.json()

    page = asyncio.run(fetch("/newsloom/articles.json?_shape=objects"))
    assert {r["doc_id"] for r in page["rows"]} == set(ids)
    assert {"outlet", "language", "published"} <= set(page["facet_results"])  # from the metadata
    outlets = {f["value"]: f["count"] for f in page["facet_results"]["outlet"]["results"]}
    assert outlets == {"Harbour Tribune": 2, "Lakeside Courier": 1}
    found = asyncio.run(fetch("/newsloom/articles.json?_search=grain&_shape=objects"))
    assert [r["doc_id"] for r in found["rows"]] == [ids[1]]  # the FTS table the metadata names
    quotes = asyncio.run(fetch("/newsloom/quotes.json?_shape=objects"))
    assert "speaker_id" in quotes["facet_results"]
    tables = asyncio.run(fetch("/newsloom.json"))["tables"]
    assert next(t for t in tables if t["name"] == "migrations")["hidden"] is True
