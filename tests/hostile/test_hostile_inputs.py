"""Hostile and careless inputs through the real CLI, in a child process under memory and CPU limits:
the batch goes on, each bad document is failed with a clear reason, nothing else is lost, no
traceback reaches the user, the exit status says so, and `newsloom retry` picks the failures up."""

from __future__ import annotations

import bz2
import gzip
import json
import lzma
import random
import sqlite3
from pathlib import Path

import pytest
from hostile_helpers import ARTICLE_TEXT, article_html, gzip_bomb, run_cli, warc_record

GOOD = [("good-1", "Harbour"), ("good-2", "Bridge"), ("good-3", "Tunnel")]


def _good_line(ident: str, word: str, **extra) -> str:
    return json.dumps({"id": ident, "text": ARTICLE_TEXT.replace("Harbour", word).replace("harbour", word.lower()),
                       **extra})


def _hostile_folder(root: Path) -> dict[str, str]:
    """Writes the inputs; returns source -> the words its failure reason must contain."""
    root.mkdir()
    expect: dict[str, str] = {}
    # 1. A lone surrogate in a text and in a title, each followed by a good document in the same file.
    (root / "surrogates.jsonl").write_text(
        '{"id": "sur-text", "text": "Officials met \\udc00 on Monday to agree on repairs."}\n'
        + _good_line("good-1", "Harbour") + "\n"
        + '{"id": "sur-title", "title": "Port \\ud800", "text": "' + "Engineers met again. " * 8 + '"}\n'
        + _good_line("good-2", "Bridge") + "\n")
    expect["sur-text"] = "text: invalid Unicode (lone surrogate"
    expect["sur-title"] = "title: invalid Unicode"
    # 2. Rich markup in a source id (it is printed in the error report) and types that are wrong.
    (root / "types.jsonl").write_text("\n".join([
        json.dumps({"id": "[/]", "published": "not a date", "text": ARTICLE_TEXT}),
        json.dumps({"id": "[bold red]x", "published": "True", "text": ARTICLE_TEXT + " one"}),
        json.dumps({"id": "bad-year", "published": "99999-99-99", "text": ARTICLE_TEXT + " two"}),
        json.dumps({"id": "list-title", "title": ["a", "b"], "text": ARTICLE_TEXT + " three"}),
        json.dumps({"id": "dict-authors", "authors": {"name": "x"}, "text": ARTICLE_TEXT + " four"}),
        json.dumps({"id": "js-url", "url": "javascript:alert(1)", "text": ARTICLE_TEXT + " five"}),
        _good_line("good-3", "Tunnel", pubDate="Tue, 07 May 2024 10:00:00 GMT", publisher="Wire", maintext_note=1),
    ]) + "\n")
    expect.update({"[/]": "published: 'not a date' is not a date", "[bold red]x": "published: 'True'",
                   "bad-year": "published: '99999-99-99'", "list-title": "title: expected a string",
                   "dict-authors": "authors: expected a string or a list of strings",
                   "js-url": "url: only http(s) URLs"})
    # 3. Input that yields no article: two short lines, a truncated page holding only a title,
    #    invalid UTF-8 noise.
    (root / "short.jsonl").write_text(json.dumps({"id": "two-lines", "text": "Update\nMore soon"}) + "\n")
    expect["two-lines"] = "no article text found"
    (root / "cut.html").write_text("<html><head><title>Budget vote delayed</title></head><body><art")
    expect[str(root / "cut.html")] = "no article text found"
    (root / "noise.txt").write_bytes(random.Random(7).randbytes(4000))
    expect[str(root / "noise.txt")] = ""
    # 4. A feed whose teaser links carry a bad port and an unclosed bracket.
    (root / "feed.xml").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        '<item><title>A</title><link>http://example.com:99999/a</link><description>teaser</description></item>'
        '<item><title>B</title><link>http://[::1</link><description>teaser</description></item>'
        "</channel></rss>")
    expect["http://example.com:99999/a"] = "malformed URL"
    expect["http://[::1"] = "malformed URL"
    # 5. WARC: a record cut short at the end of the archive, after a whole one.
    whole = warc_record("https://news.example/whole", article_html("Whole record").encode())
    cut = warc_record("https://news.example/cut", article_html("Cut record").encode())
    (root / "cut.warc").write_bytes(whole + cut[: int(len(cut) * 0.6)])
    expect[f"{root / 'cut.warc'}#https://news.example/cut"] = "truncated WARC record"
    # 6. Decompression bombs: a .warc.gz of zeros, a .warc.gz with a 1 GB record, a .html.gz.
    (root / "zeros.warc.gz").write_bytes(gzip_bomb(1000))
    expect[str(root / "zeros.warc.gz")] = "inflates past"
    big_head = warc_record("https://news.example/huge", b"", declared=1000 << 20)[:-4]
    (root / "huge.warc.gz").write_bytes(gzip_bomb(1000, prefix=big_head))
    expect[str(root / "huge.warc.gz")] = ""
    (root / "bomb.html.gz").write_bytes(gzip_bomb(200))
    expect[str(root / "bomb.html.gz")] = "inflates past the"
    # 7. Compressed documents that are fine, one per format.
    (root / "page.html.gz").write_bytes(gzip.compress(article_html("Gzip page").encode()))
    (root / "note.txt.bz2").write_bytes(bz2.compress(ARTICLE_TEXT.replace("Harbour", "Canal").encode()))
    (root / "lines.jsonl.xz").write_bytes(lzma.compress(_good_line("xz-1", "Dam").encode()))
    # 8. A page of a million paragraphs (8 MB, under the size limit).
    (root / "paragraphs.html").write_text("<html><body>" + "<p>a</p>" * 1_000_000 + "</body></html>")
    expect[str(root / "paragraphs.html")] = "too many HTML elements"
    return expect


def _failures(db: Path) -> dict[str, str]:
    with sqlite3.connect(db) as c:
        return dict(c.execute("SELECT source, error FROM documents WHERE status = 'failed'").fetchall())


def _done(db: Path) -> set[str]:
    with sqlite3.connect(db) as c:
        return {r[0] for r in c.execute("SELECT source FROM documents WHERE status = 'done'")}


@pytest.mark.slow
def test_hostile_folder_fails_each_bad_input_alone(tmp_path: Path) -> None:
    expect = _hostile_folder(tmp_path / "in")
    db = tmp_path / "h.db"
    args = ["ingest", str(tmp_path / "in"), "http://example.com:99999/", "http://[::1", "--stages", ""]
    run = run_cli(args, db)
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr + run.stdout, run.stderr[-3000:]
    failures = _failures(db)
    for source, words in expect.items():
        if source.startswith("http://") or source.endswith(("zeros.warc.gz", "huge.warc.gz")):
            # Nothing to store for these: reported, not recorded.
            assert source in run.stderr, (source, run.stderr[-3000:])
            continue
        assert source in failures, (source, sorted(failures))
        assert words in failures[source], (source, failures[source])
    assert "refused: inflates past" in run.stderr  # the zeros archive, as it inflated
    assert "[/]" in run.stderr and "[bold red]x" in run.stderr  # printed as given, not read as markup
    done = _done(db)
    assert {"good-1", "good-2", "good-3", "xz-1", f"{tmp_path / 'in' / 'cut.warc'}#https://news.example/whole",
            str(tmp_path / "in" / "page.html.gz"), str(tmp_path / "in" / "note.txt.bz2")} <= done
    assert "warning" in run.stderr and "maintext_note (1)" in run.stderr
    with sqlite3.connect(db) as c:
        meta, published, outlet = c.execute(
            "SELECT d.meta, a.published, a.outlet FROM documents d JOIN articles a ON a.doc_id = d.id "
            "WHERE d.source = 'good-3'").fetchone()
    assert json.loads(meta)["fields"] == {"maintext_note": 1}
    assert (published, outlet) == ("2024-05-07T10:00:00+00:00", "Wire")

    # Retry picks every stored failure up; they fail again with the same kind of reason.
    retry = run_cli(["retry"], db)
    assert retry.returncode == 1 and "Traceback" not in retry.stderr, retry.stderr[-2000:]
    assert f"failed {len(failures)}" in retry.stderr
    assert "[/]" in retry.stderr
    listed = run_cli(["failures", "--format", "json"], db)
    assert listed.returncode == 0 and {r["source"] for r in json.loads(listed.stdout)} == set(failures)


def test_short_note_fails_then_retry_allow_short_keeps_it(tmp_path: Path) -> None:
    note = tmp_path / "note.jsonl"
    note.write_text(json.dumps({"id": "note", "text": "Polls close at eight."}) + "\n"
                    + json.dumps({"id": "blank", "text": "\n\n"}) + "\n")
    db = tmp_path / "n.db"
    run = run_cli(["ingest", str(note), "--stages", ""], db)
    assert run.returncode == 1 and "added 0" in run.stderr
    assert _failures(db)["note"].startswith("no article text found")
    kept = run_cli(["retry", "--allow-short"], db, extra_env={"NEWSLOOM_CONFIG": str(_no_stages(tmp_path))})
    assert "note" in _done(db), kept.stderr
    assert "blank" in _failures(db)  # a document with no text at all stays failed


def _no_stages(tmp_path: Path) -> Path:
    cfg = tmp_path / "nostages.toml"
    cfg.write_text('[pipeline]\nstages = ["extract"]\n')
    return cfg


def test_compressed_files_one_by_one_and_in_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "z"
    folder.mkdir()
    (folder / "a.html.gz").write_bytes(gzip.compress(article_html("Alpha report").encode()))
    (folder / "b.txt.xz").write_bytes(lzma.compress(ARTICLE_TEXT.encode()))
    (folder / "c.json.bz2").write_bytes(bz2.compress(_good_line("c", "Quay").encode()))
    (folder / "d.html.gz").write_bytes(b"\x1f\x8b\x08\x00not really gzip")
    db = tmp_path / "z.db"
    run = run_cli(["ingest", str(folder), "--stages", ""], db)
    assert "added 3" in run.stderr and run.returncode == 1, run.stderr
    assert "damaged .gz file" in _failures(db)[str(folder / "d.html.gz")]
    one = run_cli(["ingest", str(folder / "a.html.gz"), "--stages", ""], tmp_path / "one.db")
    assert one.returncode == 0 and "added 1" in one.stderr, one.stderr


def test_a_folder_with_nothing_readable_is_an_error_not_a_silent_success(tmp_path: Path, fast_settings) -> None:
    from newsloom.batch.local import ingest
    from newsloom.store import SQLiteStore

    folder = tmp_path / "pdfs"
    folder.mkdir()
    (folder / "scan.pdf").write_bytes(b"%PDF-1.7")
    store = SQLiteStore(tmp_path / "e.db")
    report = ingest([str(folder)], store, fast_settings)
    assert not report.ok and "no documents in this folder" in dict(report.errors)[str(folder)]
    store.close()
