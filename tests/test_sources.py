"""Reading inputs: files, folders, globs, JSON and JSONL documents, broken inputs."""

from __future__ import annotations

import json
from pathlib import Path

from newsloom.sources.files import expand_paths, read_path


def _items(path: Path, max_bytes: int = 10_000_000):
    return list(read_path(path, max_bytes))


def test_expand_folders_globs_and_missing(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("x")
    (tmp_path / "a" / "two.html").write_text("<p>x</p>")
    (tmp_path / "a" / "skip.png").write_bytes(b"\x89PNG")
    (tmp_path / "b.jsonl").write_text("{}\n")
    files, missing = expand_paths([str(tmp_path / "a"), str(tmp_path / "*.jsonl"),
                                   str(tmp_path / "a" / "one.txt"), str(tmp_path / "nope.txt"),
                                   str(tmp_path / "*.csv")])
    assert [f.name for f in files] == ["one.txt", "two.html", "b.jsonl"]
    assert [(Path(m.source).name, m.error) for m in missing] == [
        ("nope.txt", "no such file or directory"), ("*.csv", "no file matches this pattern")]


def test_json_object_list_and_metadata(tmp_path: Path) -> None:
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"text": "Body here.", "title": "T", "url": "https://x.example/a", "extra": 1}))
    [item] = _items(one)
    assert item.error is None and item.doc.media_type == "text/plain"
    assert item.doc.meta["title"] == "T" and "extra" not in item.doc.meta
    assert item.source == str(one)
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"id": "doc-a", "html": "<p>A</p>"}, {"text": "B"}]))
    a, b = _items(many)
    assert a.source == "doc-a" and a.doc.media_type == "text/html"
    assert b.source == f"{many}#2"


def test_jsonl_bad_lines_fail_alone(tmp_path: Path) -> None:
    p = tmp_path / "batch.jsonl"
    p.write_text('{"text": "first"}\n\n{"text": "second"}\n{"text": "cut\n{"title": "no body"}\n')
    items = _items(p)
    assert [i.source for i in items] == [f"{p}#1", f"{p}#3", f"{p}#4", f"{p}#5"]
    assert items[0].error is None and items[1].error is None
    assert "invalid JSON on line 4" in items[2].error and items[2].doc is not None
    assert "neither" in items[3].error


def test_truncated_json_is_recorded_with_reason(tmp_path: Path) -> None:
    p = tmp_path / "cut.json"
    p.write_text('{"text": "an article that stops')
    [item] = _items(p)
    assert item.doc is not None and item.error.startswith("invalid JSON")


def test_too_large_keeps_hash_not_bytes(tmp_path: Path) -> None:
    p = tmp_path / "big.txt"
    p.write_bytes(b"a" * 5000)
    [item] = _items(p, max_bytes=1000)
    assert item.doc.raw == b"" and len(item.doc.content_hash) == 64
    assert item.doc.meta["_size"] == 5000 and "too large" in item.error
