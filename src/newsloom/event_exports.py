"""Event exports where analysts load POLECAT, ICEWS or GDELT: PLOVER JSON records, a tab-separated
POLECAT-style table, and Parquet with typed columns. One record per dyad (source, target): an
event with several targets gives several records, an event without one a record with no recipient.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from . import plover

EXPORT_VERSION = "newsloom-plover-1"


def _party(actor: dict[str, Any] | None) -> dict[str, Any] | None:
    if not actor:
        return None
    return {"name": actor["name"], "id": actor["id"], "country": actor.get("country"),
            "sector": plover.sector(actor.get("type")), "wikidata": actor.get("wikidata"),
            "type": actor.get("type")}


def plover_records(events: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """PLOVER-style JSON records from the store's event records (see ``Store.events``)."""
    for e in events:
        targets = e["targets"] or [None]
        for k, target in enumerate(targets):
            trigger = e.get("trigger") or {}
            yield {
                "id": f"nl-{e['id']}" + (f"-{k + 1}" if len(targets) > 1 else ""),
                "date": e["date"] or (e["article"].get("published") or "")[:10] or None,
                "date_source": "event" if e["date"] else "publication",
                "actor": _party(e["source"]),
                "recipient": _party(target),
                "event": e["type"],
                "mode": e["mode"],
                "quad": plover.quad(e["type"]),
                "context": [],  # PLOVER contexts are not coded by Newsloom
                "event_text": e["text"],
                "trigger_text": trigger.get("text"),
                "negated": e["negated"], "hypothetical": e["hypothetical"], "future": e["future"],
                "historical": e["historical"],
                "cameo": e["cameo"],
                "location": _party(e.get("location")),
                "source_url": e["article"].get("url"),
                "publication_date": e["article"].get("published"),
                "outlet": e["article"].get("outlet"),
                "headline": e["article"].get("title"),
                "document_id": e["doc_id"],
                "offsets": {"start": e["start"], "end": e["end"], "trigger_start": trigger.get("start"),
                            "trigger_end": trigger.get("end")},
                "quote_index": e["quote_index"],
                "version": EXPORT_VERSION,
            }


# POLECAT's column names where it has the field; Newsloom's own after them.
TSV_COLUMNS: list[tuple[str, Any]] = [
    ("Event ID", lambda r: r["id"]), ("Event Date", lambda r: r["date"]), ("Event Type", lambda r: r["event"]),
    ("Event Mode", lambda r: r["mode"]), ("Quad Code", lambda r: r["quad"]),
    ("Contexts", lambda r: ";".join(r["context"])),
    ("Actor Name", lambda r: _get(r["actor"], "name")), ("Actor Country", lambda r: _get(r["actor"], "country")),
    ("Primary Actor Sector", lambda r: _get(r["actor"], "sector")),
    ("Wikidata Actor ID", lambda r: _get(r["actor"], "wikidata")),
    ("Recipient Name", lambda r: _get(r["recipient"], "name")),
    ("Recipient Country", lambda r: _get(r["recipient"], "country")),
    ("Primary Recipient Sector", lambda r: _get(r["recipient"], "sector")),
    ("Wikidata Recipient ID", lambda r: _get(r["recipient"], "wikidata")),
    ("Placename", lambda r: _get(r["location"], "name")), ("Source", lambda r: r["outlet"]),
    ("Source URL", lambda r: r["source_url"]), ("Publication Date", lambda r: r["publication_date"]),
    ("Story ID", lambda r: r["document_id"]), ("Headline", lambda r: r["headline"]),
    ("Event Text", lambda r: r["event_text"]), ("Start", lambda r: r["offsets"]["start"]),
    ("End", lambda r: r["offsets"]["end"]), ("Trigger Start", lambda r: r["offsets"]["trigger_start"]),
    ("Trigger End", lambda r: r["offsets"]["trigger_end"]), ("Negated", lambda r: r["negated"]),
    ("Hypothetical", lambda r: r["hypothetical"]), ("Future", lambda r: r["future"]),
    ("Historical", lambda r: r["historical"]), ("CAMEO", lambda r: r["cameo"]),
]


def _get(party: dict[str, Any] | None, key: str) -> Any:
    return party.get(key) if party else None


def _tsv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    # A tab or newline inside scraped text would break the row: folded to one space.
    return " ".join(str(value).split())


def write_tsv(records: Iterable[dict[str, Any]], out: io.TextIOBase | Any) -> int:
    writer = csv.writer(out, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar=None, lineterminator="\n")
    writer.writerow([name for name, _ in TSV_COLUMNS])
    n = 0
    for r in records:
        writer.writerow([_tsv_cell(get(r)) for _, get in TSV_COLUMNS])
        n += 1
    return n


def write_jsonl(records: Iterable[dict[str, Any]], out: Any) -> int:
    n = 0
    for r in records:
        out.write(json.dumps(r, ensure_ascii=False) + "\n")
        n += 1
    return n


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


def parquet_table(records: Iterable[dict[str, Any]]) -> Any:
    """A pyarrow Table with typed columns (dates as date32, offsets as int32, flags as bool)."""
    import pyarrow as pa

    rows = list(records)
    party = [("name", pa.string()), ("id", pa.string()), ("country", pa.string()), ("sector", pa.string()),
             ("wikidata", pa.string())]
    fields = [("id", pa.string()), ("date", pa.date32()), ("date_text", pa.string()), ("event", pa.string()),
              ("mode", pa.string()), ("quad", pa.string())]
    fields += [(f"{who}_{k}", t) for who in ("actor", "recipient") for k, t in party]
    fields += [("location", pa.string()), ("event_text", pa.string()), ("trigger_text", pa.string()),
               ("start", pa.int32()), ("end", pa.int32()), ("trigger_start", pa.int32()), ("trigger_end", pa.int32()),
               ("negated", pa.bool_()), ("hypothetical", pa.bool_()), ("future", pa.bool_()),
               ("historical", pa.bool_()), ("cameo", pa.string()), ("document_id", pa.string()),
               ("source_url", pa.string()), ("outlet", pa.string()), ("headline", pa.string()),
               ("publication_date", pa.string())]
    columns: dict[str, list[Any]] = {name: [] for name, _ in fields}
    for r in rows:
        flat = {**r, **r["offsets"], "date": _day(r["date"]), "date_text": r["date"],
                "location": _get(r["location"], "name")}
        for who in ("actor", "recipient"):
            for k, _ in party:
                flat[f"{who}_{k}"] = _get(r[who], k)
        for name, _ in fields:
            columns[name].append(flat.get(name))
    schema = pa.schema(fields)
    return pa.table({name: pa.array(columns[name], type=t) for name, t in fields}, schema=schema)


def write_parquet(records: Iterable[dict[str, Any]], path: Path) -> int:
    import pyarrow.parquet as pq

    table = parquet_table(records)
    pq.write_table(table, str(path))
    return table.num_rows
