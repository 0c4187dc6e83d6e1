"""Pure helpers for the event parts of the pages: an actor's event chart (Vega-Lite, stacked by
PLOVER type or quad class) and the story timeline's event details."""

from __future__ import annotations

from typing import Any

from .. import plover
from .charts import per_period, time_axis

# PLOVER's 2x2 in fixed colours: greens for cooperation, reds for conflict, darker when material.
QUAD_COLOURS = {"verbal cooperation": "#7fc97f", "material cooperation": "#1b7837",
                "verbal conflict": "#f4a582", "material conflict": "#b2182b"}


def event_periods(days: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], str]:
    """Daily counts ``[{period, type, events}]`` summed per day, week or month (by the span they
    cover, see charts.chart_unit); each row gets its quad class. Returns (rows, unit)."""
    rows, unit = per_period(days, "period", ("events",), ("type",))
    for r in rows:
        r["quad"] = plover.quad(r["type"]) or "other"
        r["first"] = r["period"]  # stays text in the chart, where "period" becomes a time
    return rows, unit


def event_chart_spec(rows: list[dict[str, Any]], name: str, unit: str) -> dict[str, Any]:
    """Stacked bars of events per period on a time axis, coloured by PLOVER type (the page's
    script can switch the colour field to ``quad``); a click on a bar lists its events."""
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "description": f"Events by {name} per {unit}, by PLOVER type",
        "width": "container", "height": 200,
        "data": {"values": rows},
        "mark": {"type": "bar", "orient": "vertical", "tooltip": True, "cursor": "pointer"},
        "encoding": {
            "x": time_axis(unit),
            "x2": {"field": "period_end"},
            "y": {"field": "events", "type": "quantitative", "title": f"events per {unit}", "stack": "zero"},
            "color": {"field": "type", "type": "nominal", "title": "PLOVER type",
                      "sort": list(plover.TYPES)},
        },
        "usermeta": {"unit": unit, "quads": plover.quads(), "quad_colours": QUAD_COLOURS,
                     "types_by_quad": {q: [t for t in plover.TYPES if plover.quad(t) == q] for q in plover.quads()}},
    }


def enrich_story_events(store: Any, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Story timeline entries whose events carry their whole record (sentence, targets, mode)."""
    doc_ids = sorted({e["doc_id"] for e in entries if e["kind"] == "event"})
    if not doc_ids:
        return entries
    full = {r["id"]: r for r in store.events(doc_ids=doc_ids, limit=1000).items}
    out = []
    for e in entries:
        if e["kind"] == "event" and e["id"] in full:
            record = full[e["id"]]
            e = {**e, "sentence": record["text"], "targets_full": record["targets"], "mode": record["mode"],
                 "quad": record["quad"], "source_full": record["source"]}
        out.append(e)
    return out


def actor_event_context(store: Any, actor_id: str, name: str, settings: Any) -> dict[str, Any]:
    """What the actor page shows about events: the chart, recent events, positions, contrasts."""
    from ..connect.contrasts import actor_contrasts
    from ..connect.positions import actor_positions
    from .render import script_json

    rows, unit = event_periods(store.event_counts(source=actor_id, unit="day"))
    # A page reads fewer statements than the CLI or API: it must answer while someone waits.
    limit = int(settings.get("positions.page_items"))
    positions = actor_positions(store, actor_id, threshold=float(settings.get("positions.topic_similarity")),
                                limit=limit)
    contrasts = actor_contrasts(store, actor_id, window_days=int(settings.get("contrasts.window_days")),
                                limit=limit)
    return {"event_counts": rows, "event_unit": unit, "event_spec_json": script_json(event_chart_spec(rows, name, unit)),
            "recent_events": store.events(source=actor_id, limit=15, collapse_copies=True).items,
            "positions": (positions or {}).get("topics", []), "contrasts": (contrasts or {}).get("items", []),
            "contrast_window": (contrasts or {}).get("window_days")}
