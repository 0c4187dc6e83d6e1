"""Fuzzing the ingestion path (hypothesis, bounded): JSON document objects, raw text bytes and
HTML never raise, never hang past the per-document limit, and always end stored or failed."""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsloom.batch.local import ingest
from newsloom.model import Document
from newsloom.pipeline import Pipeline
from newsloom.settings import Settings
from newsloom.store import SQLiteStore

# Per-document limit for extraction of these small inputs; far above the usual milliseconds, far
# below a hang.
PER_DOC_SECONDS = 10
# 40 examples per test keeps the suite's run bounded; NEWSLOOM_FUZZ_EXAMPLES=2000 for a longer hunt.
FUZZ = settings(max_examples=int(os.environ.get("NEWSLOOM_FUZZ_EXAMPLES", 40)), deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)

_SETTINGS = Settings.load(**{"pipeline.stages": [], "ingest.batch_size": 4})
_PIPELINE = Pipeline(_SETTINGS)
_DIR = tempfile.TemporaryDirectory(prefix="newsloom-fuzz-")
_STORE = SQLiteStore(Path(_DIR.name) / "fuzz.db")

# Text with what breaks encoders and markup readers: lone surrogates, NULs, bidi marks, markup.
_ODD = st.sampled_from(["\udc00", "\ud800", "\x00", "\u202e", "[/]", "[bold]", "<script>", "javascript:",
                        "\r\n", "“", "”", '"', "\ufeff", "💥", "99999-99-99", "True", "1e309"])
_TEXT = st.lists(st.one_of(st.text(max_size=40), _ODD, st.just("The council met on Monday and agreed. ")),
                 max_size=12).map("".join)
_SCALAR = st.one_of(st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70),
                    st.floats(allow_nan=True), _TEXT)
_VALUE = st.recursive(_SCALAR, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                       st.dictionaries(st.text(max_size=5), inner, max_size=3)),
                      max_leaves=8)
_KEYS = st.sampled_from(["id", "text", "html", "title", "published", "date", "pubDate", "outlet", "publisher",
                         "url", "link", "authors", "author", "language", "body", "maintext", "content", "extra"])
_OBJECT = st.dictionaries(st.one_of(_KEYS, st.text(max_size=8)), _VALUE, max_size=8)


def _tag(children: list[str], name: str, attr: str) -> str:
    return f"<{name} {attr}>{''.join(children)}</{name}>"


_HTML = st.recursive(
    _TEXT.map(lambda t: t.replace("<", "&lt;")),
    lambda inner: st.builds(_tag, st.lists(inner, max_size=4),
                            st.sampled_from(["p", "div", "article", "h1", "a", "script", "table", "li", "title",
                                             "meta", "link", "br", "noscript", "svg"]),
                            st.sampled_from(["", 'class="x"', 'href="javascript:alert(1)"', 'rel="canonical" '
                                             'href="data:x"', 'content="2024-13-45"', "onload=alert(1)"])),
    max_leaves=20).map(lambda body: f"<html><head></head><body>{body}</body></html>")


def _within_limit(start: float) -> None:
    assert time.monotonic() - start < PER_DOC_SECONDS, "a document took past the per-document limit"


@FUZZ
@given(st.lists(_OBJECT, min_size=1, max_size=3))
def test_json_document_objects_never_break_an_ingest(objects: list[dict]) -> None:
    path = Path(_DIR.name) / "batch.jsonl"
    path.write_text("\n".join(json.dumps(o, allow_nan=True) for o in objects) + "\n")
    start = time.monotonic()
    report = ingest([str(path)], _STORE, _SETTINGS, pipeline=_PIPELINE)
    _within_limit(start)
    assert report.added + report.present + report.failed >= len(objects)
    for _source, reason in report.errors:
        assert reason and "Traceback" not in reason


@FUZZ
@given(_TEXT, st.sampled_from(["text/plain", "text/html", "application/json", ""]))
def test_text_bytes_never_raise(text: str, media_type: str) -> None:
    raw = text.encode("utf-8", "surrogatepass")  # lone surrogates become invalid UTF-8 bytes
    start = time.monotonic()
    [article] = _PIPELINE.process([Document(raw=raw, source="fuzz.txt", media_type=media_type)])
    _within_limit(start)
    assert article.error or article.text
    for p in article.paragraphs:
        assert 0 <= p.start <= p.end <= len(article.text)


@FUZZ
@given(_HTML)
def test_html_never_raises(html: str) -> None:
    start = time.monotonic()
    [article] = _PIPELINE.process([Document(raw=html.encode("utf-8", "surrogatepass"), source="fuzz.html",
                                            media_type="text/html")])
    _within_limit(start)
    assert article.error or article.text
    assert not (article.url or "https://").lower().startswith(("javascript:", "data:"))
