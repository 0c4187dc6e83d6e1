"""Batch enrichment to Parquet: both engines give the same rows, re-runs skip finished shards,
failures never stop the job, and `load` stores what `ingest` would have stored."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as pads
import pytest
from typer.testing import CliRunner

from newsloom.batch.load import load
from newsloom.batch.local import ingest
from newsloom.batch.ray_engine import _collect
from newsloom.batch.run import run_batch
from newsloom.batch.shards import plan_shards
from newsloom.batch.tables import TABLES, month_of
from newsloom.cli import app
from newsloom.settings import Settings
from newsloom.store import open_store
from pg_server import pg_server, pg_url  # noqa: F401 - fixtures

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
BROKEN = ROOT / "tests" / "fixtures" / "broken"


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small mixed input: a JSONL batch, a few HTML pages and scrapes, broken files, a Parquet shard."""
    folder = tmp_path_factory.mktemp("inputs")
    shutil.copy(CORPUS / "batch.jsonl", folder / "batch.jsonl")
    for sub in ("html", "scrapes"):
        for page in sorted((CORPUS / sub).iterdir())[:2]:
            shutil.copy(page, folder / f"{sub}-{page.name}")
    for name in ("empty.txt", "truncated.jsonl"):
        shutil.copy(BROKEN / name, folder / name)
    rows = [{"id": "pq-1", "text": "The port authority in Gdansk said on Monday that grain shipments resumed after "
                                   "a two-week strike by crane operators ended with a new wage deal.",
             "published": "2024-03-04", "outlet": "Baltic Wire"},
            {"id": "pq-2", "html": "", "title": "nothing here"}]
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist(rows), folder / "shard.parquet")
    return folder


def _rows(out: Path, table: str) -> list[dict]:
    folder = out / table
    if not folder.is_dir():
        return []
    rows = pads.dataset(folder, format="parquet", partitioning="hive").to_table().to_pylist()
    for row in rows:
        row.pop("fetched_at", None)  # when the input was read: differs between any two runs
    return sorted(rows, key=lambda r: json.dumps(r, sort_keys=True, default=str))


@pytest.fixture(scope="module")
def local_out(inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("local")
    report = run_batch([str(inputs)], out, Settings.load(), engine="local", workers=2, batch_size=4)
    assert report.shards == 4 and report.documents > 10
    return out


def test_tables_are_typed_and_partitioned_by_month(local_out: Path) -> None:
    articles = pads.dataset(local_out / "articles", format="parquet", partitioning="hive")
    assert pa.types.is_timestamp(articles.schema.field("published").type)
    assert pa.types.is_integer(articles.schema.field("text_length").type)
    mentions = pads.dataset(local_out / "mentions", format="parquet", partitioning="hive")
    assert pa.types.is_struct(mentions.schema.field("actor").type)
    months = {p.name for p in (local_out / "articles").iterdir()}
    assert "month=2024-03" in months
    row = next(r for r in _rows(local_out, "articles") if r["document_id"])
    record = json.loads(row["record"])
    for m in _rows(local_out, "mentions"):
        if m["document_id"] == row["document_id"]:
            assert record["text"][m["start"]:m["end"]] == m["text"]


def test_failures_are_rows_and_never_stop_the_job(local_out: Path) -> None:
    failures = _rows(local_out, "failures")
    reasons = " | ".join(f["error"] for f in failures)
    assert "invalid JSON" in reasons and "pq-2" in {f["source"] for f in failures}
    failed_docs = [d for d in _rows(local_out, "documents") if d["status"] == "failed"]
    assert failed_docs and all(d["error"] for d in failed_docs)


def test_rerun_skips_written_shards(inputs: Path, local_out: Path) -> None:
    before = _rows(local_out, "documents")
    report = run_batch([str(inputs)], local_out, Settings.load(), engine="local", workers=1)
    assert report.skipped == 4 and report.shards == 0 and report.documents == 0
    assert _rows(local_out, "documents") == before


def test_shard_plan_groups_single_files(inputs: Path) -> None:
    shards, missing = plan_shards([str(inputs), str(inputs / "nope.html")], group=2)
    assert [m.source for m in missing] == [str(inputs / "nope.html")]
    singles = [s for s in shards if len(s.paths) > 1]
    assert singles and all(len(s.paths) <= 2 for s in singles)
    assert len({s.key for s in shards}) == len(shards)


def _open(backend: str, path: Path, request: pytest.FixtureRequest):
    """A fresh store: a SQLite file, or a new database on the throwaway PostgreSQL server."""
    return open_store(str(path) if backend == "sqlite" else request.getfixturevalue("pg_url"))


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.server)])
def test_load_equals_direct_ingest(backend: str, inputs: Path, local_out: Path, tmp_path: Path,
                                   request: pytest.FixtureRequest) -> None:
    """`load` (batched transactions; COPY on PostgreSQL) then `stats` equals a direct `ingest`, every
    article reads back the same, a second load adds nothing, and a large load runs ANALYZE."""
    settings = Settings.load()
    settings.set("batch.analyze_after", 5)
    settings.set("batch.load_rows", 3)  # several transactions, one shard spread over them
    with _open(backend, tmp_path / "loaded.db", request) as store:
        report = load(local_out, store, settings)
        loaded = store.stats()
        loaded_articles = {i: store.article(i) for i in store.document_ids("done")}
        again = load(local_out, store, settings)
    assert report.added > 5 and report.analyzed and not again.analyzed
    assert again.added == again.failed == 0 and again.present == report.added + report.failed + report.present
    with _open(backend, tmp_path / "direct.db", request) as store:
        ingest([str(inputs)], store, Settings.load())
        direct = store.stats()
        direct_articles = {i: store.article(i) for i in store.document_ids("done")}
    assert loaded == direct
    assert loaded["mentions"] and loaded["quotes"] and loaded["actors"]
    assert loaded_articles.keys() == direct_articles.keys()
    for doc_id, article in loaded_articles.items():
        assert article is not None and article.as_dict() == direct_articles[doc_id].as_dict(), doc_id


@pytest.mark.slow
def test_ray_engine_gives_the_same_rows(inputs: Path, local_out: Path, tmp_path: Path) -> None:
    out = tmp_path / "r"
    report = run_batch([str(inputs)], out, Settings.load(), engine="ray", workers=2, batch_size=4)
    assert report.shards == 4
    for table in TABLES:
        assert _rows(out, table) == _rows(local_out, table), table


def test_collect_writes_a_shard_once_complete(tmp_path: Path) -> None:
    """Rows arrive out of order and interleaved between shards; each shard is written when whole."""
    import pickle

    from newsloom.batch.engine import BatchReport, Output, chunk_of
    from newsloom.batch.shards import Shard
    from newsloom.model import Document

    a, b = Shard("a" * 20, ("x",)), Shard("b" * 20, ("y",))
    doc = Document(raw=b"hello", source="y#1")
    chunk = chunk_of([(doc, None, "no article text", "y#1")])
    rows = [{"key": b.key, "kind": "chunk", "payload": pickle.dumps(chunk), "count": 1},
            {"key": a.key, "kind": "end", "payload": pickle.dumps(a), "count": 0},
            {"key": b.key, "kind": "end", "payload": pickle.dumps(b), "count": 1}]
    out = Output(tmp_path)
    report = BatchReport()
    _collect(iter(rows), out, report, None)
    assert out.done(a) and out.done(b) and report.shards == 2 and report.failed == 1
    assert out.manifest["shards"][b.key]["paths"] == ["y"]
    assert [r["error"] for r in _rows(tmp_path, "failures")] == ["no article text"]


def test_ray_bookkeeping_is_slowed_and_workers_use_one_thread() -> None:
    """The savings rest on Ray Data internals an upgrade may rename: this fails if they are lost."""
    import time

    import ray.data
    import threadpoolctl
    from ray.data._internal.execution import streaming_executor_state as loop

    from newsloom.batch import ray_engine
    from newsloom.batch.engine import one_thread

    ray_engine._quiet(ray.data.DataContext())
    assert loop.WAIT_FOR_TASK_COMPLETION_TIMEOUT_S == ray_engine.POLL_SECONDS
    t0 = time.perf_counter()
    loop.time.sleep(0.01)  # the output queue's polling sleep
    assert time.perf_counter() - t0 >= ray_engine.OUTPUT_POLL * 0.9
    assert abs(loop.time.time() - time.time()) < 1  # every other use of time is untouched
    before = threadpoolctl.threadpool_info()
    one_thread()
    try:
        assert all(pool["num_threads"] == 1 for pool in threadpoolctl.threadpool_info())
    finally:
        threadpoolctl.threadpool_limits({pool["prefix"]: pool["num_threads"] for pool in before})


def test_month_of() -> None:
    assert month_of("2024-03-04T10:00:00+02:00") == "2024-03"
    assert month_of(None) == month_of("not a date") == "undated"


def test_cli_batch_and_load(inputs: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "o"
    result = runner.invoke(app, ["batch", str(inputs / "batch.jsonl"), "--out", str(out), "--stages", "",
                                 "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert (out / "manifest.json").is_file()
    db = tmp_path / "c.db"
    result = runner.invoke(app, ["load", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["load", str(tmp_path / "missing"), "--db", str(db)])
    assert result.exit_code == 2
