"""Events in the store: written whole, read with filters; one SQL text for SQLite and PostgreSQL.

The host class provides ``_all`` and ``transaction()``; PostgreSQL sets ``paramstyle = "format"``
and the ``?`` placeholders become ``%s``. Writers call :func:`write_events` inside their own
transaction, with their cursor and their JSON dumper.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .. import plover
from ..model import Event
from .base import Filters, Page, decode_cursor, encode_cursor
from .dialect import SQLHost

_INSERT = ('INSERT INTO events (doc_id, type, mode, source_id, targets, date, location_id, start, "end", negated,'
           " text, trigger_text, trigger_start, trigger_end, quote_index, hypothetical, future, historical, cameo,"
           " effective_date) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id")
_INSERT_TARGET = "INSERT INTO event_targets (event_id, position, actor_id) VALUES (?,?,?)"
_ACTOR = "{p}.id AS {p}_id, {p}.name AS {p}_name, {p}.type AS {p}_type, {p}.wikidata AS {p}_wikidata, " \
         "{p}.country AS {p}_country"
_WHEN = "e.effective_date"  # the event's date, else its article's publication ('' if neither)
_SELECT = (
    'SELECT e.id, e.doc_id, e.type, e.mode, e.date, e.start, e."end", e.negated, e.hypothetical, e.future,'
    " e.historical, e.cameo, e.trigger_text, e.trigger_start, e.trigger_end, e.quote_index, e.source_id,"
    " e.location_id, coalesce(e.text, substr(a.text, e.start + 1, e.\"end\" - e.start)) AS sentence,"
    " a.title, a.published, a.outlet, a.url, " + _ACTOR.format(p="src") + ", " + _ACTOR.format(p="loc")
    + " FROM events e JOIN articles a ON a.doc_id = e.doc_id LEFT JOIN actors src ON src.id = e.source_id"
    " LEFT JOIN actors loc ON loc.id = e.location_id"
)


def _joins(where: list[str]) -> str:
    """The article join, only when a condition reads the article."""
    return " JOIN articles a ON a.doc_id = e.doc_id" if any(w.startswith("a.") for w in where) else ""


def _cond(where: list[str]) -> str:
    return f" WHERE {' AND '.join(where)}" if where else ""


def _sql(sql: str, paramstyle: str) -> str:
    return sql.replace("?", "%s") if paramstyle == "format" else sql


def write_events(cur: Any, doc_id: str, events: Iterable[Event], *, published: str | None,
                 dump: Callable[[Any], Any], paramstyle: str = "qmark") -> None:
    """Insert ``events`` of one document and their targets with ``cur`` (a SQLite connection or a
    psycopg cursor, inside the caller's transaction); ``dump`` makes the dialect's JSON value."""
    insert, insert_target = _sql(_INSERT, paramstyle), _sql(_INSERT_TARGET, paramstyle)
    for e in events:
        row = cur.execute(insert, (
            doc_id, e.type, e.mode, e.source.id, dump([t.id for t in e.targets]), e.date,
            e.location.id if e.location else None, e.start, e.end, int(e.negated), e.text, e.trigger,
            e.trigger_start, e.trigger_end, e.quote_index, int(e.hypothetical), int(e.future),
            int(e.historical), e.cameo, e.date or published or "")).fetchone()
        if e.targets:
            cur.executemany(insert_target, [(row["id"], i, t.id) for i, t in enumerate(e.targets)])


@dataclass(slots=True)
class EventFilters:
    """What an event list is narrowed to (the keyword arguments of ``Store.events``)."""

    source: str | None = None
    target: str | None = None
    actor: str | None = None
    type: str | None = None
    mode: str | None = None
    doc_ids: Sequence[str] | None = None


def _actor(row: dict[str, Any], prefix: str) -> dict[str, Any] | None:
    if row.get(f"{prefix}_id") is None:
        return None
    return {k: row[f"{prefix}_{k}"] for k in ("id", "name", "type", "wikidata", "country")}


class EventQueryMixin(SQLHost):
    """Reading events: lists with filters and cursor pages, one article's events, counts over time."""

    def _erows(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        return [dict(r) for r in self._all(_sql(sql, self.paramstyle), list(params))]

    def _actor_ids(self, value: str) -> list[str]:
        """Ids of the actor named ``value`` (an id, or an exact name in any case)."""
        rows = self._erows("SELECT id FROM actors WHERE id = ? OR lower(name) = lower(?) ORDER BY id",
                           [value, value])
        return [r["id"] for r in rows] or [value]

    def _event_where(self, filters: Filters | None, ef: EventFilters | None,
                     collapse_copies: bool) -> tuple[list[str], list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        f, ef = filters or Filters(), ef or EventFilters()

        def any_of(column: str, values: Sequence[str]) -> None:
            where.append(f"{column} IN ({','.join('?' * len(values))})")
            params.extend(values)

        targeted = "e.id IN (SELECT et.event_id FROM event_targets et WHERE et.actor_id IN ({}))"
        # Either side as one id set (a UNION of two index lookups), not an OR that scans every event.
        either = ("e.id IN (SELECT s.id FROM events s WHERE s.source_id IN ({0}) UNION"
                  " SELECT et.event_id FROM event_targets et WHERE et.actor_id IN ({0}))")
        if ef.source:
            any_of("e.source_id", self._actor_ids(ef.source))
        if ef.target:
            ids = self._actor_ids(ef.target)
            where.append(targeted.format(",".join("?" * len(ids))))
            params += ids
        for value in (ef.actor, f.actor):
            if value:
                ids = self._actor_ids(value)
                marks = ",".join("?" * len(ids))
                where.append(either.format(marks))
                params += ids + ids
        if ef.type:
            any_of("e.type", [t.strip().upper() for t in ef.type.split(",") if t.strip()])
        if ef.mode:
            where.append("e.mode = ?")
            params.append(ef.mode)
        if ef.doc_ids is not None:
            any_of("e.doc_id", list(ef.doc_ids) or [""])
        if f.since:
            where.append(f"{_WHEN} >= ?")
            params.append(f.since)
        if f.until:
            # A prefix compare the indexes can use: "2024-04" keeps every day of April 2024
            # (U+FFFF sorts after any date character, byte-wise in both dialects).
            where.append(f"{_WHEN} > '' AND {_WHEN} <= ?")
            params.append(f.until + "\uffff")
        if f.outlet:
            where.append("a.outlet = ?")
            params.append(f.outlet)
        for word in (f.text or "").split():  # words of the event's sentence, all required
            where.append("lower(coalesce(e.text, '')) LIKE lower(?) ESCAPE '\\'")
            params.append("%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
        if collapse_copies:
            where.append("NOT EXISTS (SELECT 1 FROM duplicates du WHERE du.doc_id = e.doc_id)")
        return where, params

    def events(self, filters: Filters | None = None, *, source: str | None = None, target: str | None = None,
               actor: str | None = None, type: str | None = None, mode: str | None = None,
               doc_ids: Sequence[str] | None = None, limit: int = 50, cursor: str | None = None,
               collapse_copies: bool = False) -> Page:
        """Events newest first (by their own date, else their article's publication), whole."""
        offset = decode_cursor(cursor)
        ef = EventFilters(source, target, actor, type, mode, doc_ids)
        where, params = self._event_where(filters, ef, collapse_copies)
        # Two steps: the page's ids through the indexes, then the whole rows of those ids only
        # (the sentence and the joins are not computed for every matching event).
        ids = [r["id"] for r in self._erows(
            f"SELECT e.id FROM events e{_joins(where)}{_cond(where)} ORDER BY {_WHEN} DESC, e.id DESC LIMIT ? OFFSET ?",
            [*params, limit + 1, offset])]
        rows = {r["id"]: r for r in self._erows(
            f"{_SELECT} WHERE e.id IN ({','.join('?' * len(ids[:limit])) or 'NULL'})", ids[:limit])}
        items = self._event_records([rows[i] for i in ids[:limit] if i in rows])
        return Page(items=items, next=encode_cursor(offset + limit) if len(ids) > limit else None)

    def events_for(self, doc_id: str) -> list[dict[str, Any]]:
        """Every event of one article, in text order, whole."""
        rows = self._erows(f'{_SELECT} WHERE e.doc_id = ? ORDER BY e.start, e."end", e.id', [doc_id])
        return self._event_records(rows)

    def event_counts(self, filters: Filters | None = None, *, source: str | None = None,
                     target: str | None = None, actor: str | None = None, type: str | None = None,
                     unit: str = "month") -> list[dict[str, Any]]:
        """Events per period (``day`` or ``month``) and type: ``[{period, type, events}]``."""
        width = 10 if unit == "day" else 7
        ef = EventFilters(source, target, actor, type)
        where, params = self._event_where(filters, ef, collapse_copies=False)
        where.append(f"{_WHEN} > ''")
        rows = self._erows(
            f"SELECT substr({_WHEN}, 1, {width}) AS period, e.type, count(*) AS events FROM events e"
            f"{_joins(where)}{_cond(where)}"
            " GROUP BY period, e.type ORDER BY period, e.type", params)
        return [{"period": r["period"], "type": r["type"], "events": int(r["events"])} for r in rows]

    def _event_records(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        targets: dict[int, list[dict[str, Any]]] = {}
        ids = [r["id"] for r in rows]
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            for t in self._erows(
                    "SELECT et.event_id, et.actor_id, " + _ACTOR.format(p="ac") + " FROM event_targets et"
                    f" LEFT JOIN actors ac ON ac.id = et.actor_id WHERE et.event_id IN ({','.join('?' * len(chunk))})"
                    " ORDER BY et.event_id, et.position", chunk):
                targets.setdefault(t["event_id"], []).append(_actor(t, "ac") or {
                    "id": t["actor_id"], "name": t["actor_id"], "type": "other", "wikidata": None, "country": None})
        return [_record(r, targets.get(r["id"], [])) for r in rows]


def _record(r: dict[str, Any], targets: list[dict[str, Any]]) -> dict[str, Any]:
    trigger = None
    if r["trigger_text"] is not None:
        trigger = {"text": r["trigger_text"], "start": r["trigger_start"], "end": r["trigger_end"]}
    source = _actor(r, "src") or {"id": r["source_id"], "name": r["source_id"], "type": "other",
                                  "wikidata": None, "country": None}
    return {
        "id": r["id"], "doc_id": r["doc_id"], "type": r["type"], "quad": plover.quad(r["type"]), "mode": r["mode"],
        "date": r["date"],
        "source": source, "targets": targets, "location": _actor(r, "loc"),
        "text": r["sentence"], "start": r["start"], "end": r["end"], "trigger": trigger,
        "quote_index": r["quote_index"], "negated": bool(r["negated"]), "hypothetical": bool(r["hypothetical"]),
        "future": bool(r["future"]), "historical": bool(r["historical"]), "cameo": r["cameo"],
        "article": {"id": r["doc_id"], "title": r["title"], "published": r["published"], "outlet": r["outlet"],
                    "url": r["url"]},
    }
