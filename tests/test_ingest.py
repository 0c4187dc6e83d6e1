"""Batch ingest: idempotency, broken inputs failing alone, retry, reprocess, crash safety."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import newsloom
from newsloom.batch.local import ingest, reprocess
from newsloom.store import SQLiteStore

ARTICLE = ("Ministers from eleven countries met in Geneva on Tuesday to discuss grain shipments.\n\n"
           "The talks ran late into the evening, officials said, and a further round is planned.\n")


def _corpus(root: Path) -> Path:
    root.mkdir()
    (root / "good.txt").write_text("Grain talks resume in Geneva\n" + ARTICLE)
    (root / "page.html").write_text("<html><head><title>Port reopens</title></head><body><article>"
                                    "<h1>Port reopens</h1><p>" + "The port reopened after repairs. " * 8 +
                                    "</p><p>" + "Ships queued outside the harbour overnight. " * 6 +
                                    "</p></article></body></html>")
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.html").write_bytes(bytes(range(256)) * 4)
    (root / "latin1.txt").write_bytes("Les ministres réunis à Genève ont évoqué les céréales.\n".encode("latin-1")
                                      + ("Une deuxième réunion est prévue la semaine prochaine. " * 3).encode("latin-1"))
    (root / "cut.json").write_text('{"text": "a document that sto')
    (root / "batch.jsonl").write_text(json.dumps({"id": "b-1", "text": ARTICLE, "outlet": "Wire",
                                                  "published": "2024-05-07"}) + "\n{\"text\": \"cut\n")
    return root


def test_bad_inputs_fail_alone_and_rerun_adds_nothing(tmp_path: Path, fast_settings) -> None:
    corpus = _corpus(tmp_path / "in")
    store = SQLiteStore(tmp_path / "db.sqlite")
    report = ingest([str(corpus), str(tmp_path / "missing.txt")], store, fast_settings)
    reasons = dict(report.errors)
    assert report.added == 4, reasons  # good.txt, page.html, latin1.txt, b-1
    assert reasons[str(corpus / "empty.txt")] == "empty document"
    assert reasons[str(corpus / "binary.html")].startswith("binary content")
    assert reasons[str(corpus / "cut.json")].startswith("invalid JSON")
    assert reasons[f"{corpus / 'batch.jsonl'}#2"].startswith("invalid JSON on line 2")
    assert reasons[str(tmp_path / "missing.txt")] == "no such file or directory"
    assert report.failed == 4 and not report.ok
    assert {f.source for f in store.failures()} == {str(corpus / n) for n in ("empty.txt", "binary.html", "cut.json")} | {
        f"{corpus / 'batch.jsonl'}#2"}
    latin = [a for a in store.iter_articles() if a.source.endswith("latin1.txt")][0]
    assert "Genève" in (latin.title or "") + latin.text
    given = store.article([a for a in store.iter_articles() if a.source == "b-1"][0].document_id)
    assert given.outlet == "Wire" and given.published == "2024-05-07"
    again = ingest([str(corpus)], store, fast_settings)
    assert (again.added, again.present) == (0, 8)
    store.close()


def test_retry_after_fixing_limit_and_reprocess(tmp_path: Path, fast_settings) -> None:
    big = tmp_path / "big.txt"
    big.write_text("Headline of a long report\n" + ("A sentence of the long report body. " * 60))
    store = SQLiteStore(tmp_path / "db.sqlite")
    fast_settings.set("ingest.max_bytes", 500)
    report = ingest([str(big)], store, fast_settings)
    assert report.failed == 1 and "too large" in report.errors[0][1]
    fast_settings.set("ingest.max_bytes", 10_000_000)
    retried = reprocess(store, store.document_ids("failed"), fast_settings)
    assert (retried.added, retried.failed) == (1, 0)
    [doc_id] = store.document_ids("done")
    assert store.article(doc_id).title == "Headline of a long report"
    again = reprocess(store, store.document_ids(), fast_settings)
    assert again.added == 1 and store.stats()["articles"] == 1
    store.close()


def test_fifty_megabyte_file_is_refused_by_default(tmp_path: Path, fast_settings) -> None:
    big = tmp_path / "huge.html"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    store = SQLiteStore(tmp_path / "db.sqlite")
    report = ingest([str(big)], store, fast_settings)
    assert report.failed == 1 and "too large: 52.4 MB" in report.errors[0][1]
    assert store.stats()["documents"] == 1
    store.close()


@pytest.mark.slow
def test_kill_9_mid_ingest_leaves_a_sound_database(tmp_path: Path) -> None:
    corpus = tmp_path / "many"
    corpus.mkdir()
    for i in range(3000):
        (corpus / f"doc{i:05d}.txt").write_text(f"Report number {i}\n" + ARTICLE * 3 + f"Closing line {i}.\n")
    db = tmp_path / "crash.db"
    env = {**os.environ, "NEWSLOOM_DB": str(db)}
    cmd = [sys.executable, "-m", "newsloom", "ingest", str(corpus), "--stages", ""]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    stored = 0
    while time.time() < deadline and stored < 300:
        time.sleep(0.2)
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=1) as c:
                    stored = c.execute("SELECT count(*) FROM documents").fetchone()[0]
            except sqlite3.Error:
                pass
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 0 < stored < 3000, "the ingest must be killed while it is running"
    with sqlite3.connect(db) as c:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        partial = c.execute("SELECT count(*) FROM documents").fetchone()[0]
        assert c.execute("SELECT count(*) FROM articles").fetchone()[0] == partial
    rerun = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"already present {partial}" in rerun.stderr
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT count(*) FROM documents").fetchone()[0] == 3000


def test_store_add_text_path_and_document(tmp_path: Path, fast_settings) -> None:
    store = SQLiteStore(tmp_path / "db.sqlite")
    doc_id = newsloom.add(store, "Bridge reopens\nThe river bridge reopened to traffic on Sunday morning.",
                          settings=fast_settings, outlet="Town Post", published="2024-06-02")
    article = store.article(doc_id)
    assert article.title == "Bridge reopens" and article.outlet == "Town Post"
    assert newsloom.add(store, "Bridge reopens\nThe river bridge reopened to traffic on Sunday morning.",
                        settings=fast_settings) == doc_id  # stored once
    page = tmp_path / "p.txt"
    page.write_text("Ferry strike ends\nFerries sailed again after the crews accepted the offer.")
    assert store.article(newsloom.add(store, page, settings=fast_settings)).title == "Ferry strike ends"
    failed = newsloom.add(store, b"", settings=fast_settings)
    assert store.document(failed).status == "failed" and store.document(failed).error == "empty document"
    store.close()
