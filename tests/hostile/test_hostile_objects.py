"""Document objects: aliases real exports use, strict types, strict dates, per-field messages."""

from __future__ import annotations

import pytest

from newsloom.sources.objects import parse_published, validate


@pytest.mark.parametrize(("value", "iso"), [
    ("2024-05-07", "2024-05-07"), ("2024-05", "2024-05"), ("2024", "2024"),
    ("2024-05-07T10:00:00Z", "2024-05-07T10:00:00+00:00"), ("Tue, 07 May 2024 10:00:00 GMT", "2024-05-07T10:00:00+00:00"),
    ("7 May 2024", "2024-05-07"), ("May 7, 2024 10:30", "2024-05-07T10:30:00"),
])
def test_dates_are_parsed_to_iso(value: str, iso: str) -> None:
    assert parse_published(value) == iso


@pytest.mark.parametrize("value", ["not a date", "True", "99999-99-99", "5", "12:30", "2024-13", "0000-01-01",
                                   "2024-02-30", "yesterday", "1e309"])
def test_non_dates_are_refused(value: str) -> None:
    with pytest.raises(ValueError, match="is not a date"):
        parse_published(value)


def test_aliases_map_to_our_fields_and_the_rest_is_kept_aside() -> None:
    obj = {"maintext": "Body.", "body": "Other.", "pubDate": "2024-05-07", "site_name": "Wire", "link": "https://w.example/a",
           "author": "A. Writer", "tags": ["x"]}
    fields, problems, unknown = validate(obj)
    assert problems == [] and fields is not None
    assert (fields.text, fields.published, fields.outlet, fields.url, fields.authors) == (
        "Other.", "2024-05-07", "Wire", "https://w.example/a", "A. Writer")
    assert unknown == ["maintext", "tags"]  # "body" comes first among text's names; the other is kept aside


@pytest.mark.parametrize(("obj", "message"), [
    ({"text": "x", "title": ["a"]}, "title: expected a string (got list)"),
    ({"text": "x", "authors": ["a", 3]}, "authors: item 1 of the list is not a string (got int)"),
    ({"text": "x", "published": True}, "published: expected a string (got bool)"),
    ({"text": "x", "url": "data:text/html,x"}, "url: only http(s) URLs"),
    ({"text": "x\udfff"}, "text: invalid Unicode (lone surrogate \\udfff at character 1)"),
    ({"text": "x", "meta": {"k": ["\ud800"]}}, "meta.k[0]: invalid Unicode"),
])
def test_each_bad_field_is_named(obj: dict, message: str) -> None:
    fields, problems, _ = validate(obj)
    assert fields is None and any(p.startswith(message) for p in problems), problems


@pytest.mark.parametrize(("name", "value", "field", "expected"), [
    ("date", "2024-05-07", "published", "2024-05-07"),
    ("datetime", "2024-05-07T10:00:00Z", "published", "2024-05-07T10:00:00+00:00"),
    ("pubDate", "Tue, 07 May 2024 10:00:00 GMT", "published", "2024-05-07T10:00:00+00:00"),
    ("publish_date", "2024-05-07", "published", "2024-05-07"),
    ("source_domain", "wire.example", "outlet", "wire.example"),
    ("site_name", "The Wire", "outlet", "The Wire"),
    ("publisher", "Wire Media", "outlet", "Wire Media"),
    ("link", "https://wire.example/a", "url", "https://wire.example/a"),
    ("body", "Councillors met.", "text", "Councillors met."),
    ("content", "Councillors met.", "text", "Councillors met."),
    ("maintext", "Councillors met.", "text", "Councillors met."),
])
def test_each_alias_real_exports_use_is_read(name: str, value: str, field: str, expected: str) -> None:
    obj = {"text": "Councillors met on Monday."} if field != "text" else {}
    fields, problems, unknown = validate({**obj, name: value})
    assert problems == [] and unknown == [] and fields is not None
    assert getattr(fields, field) == expected
