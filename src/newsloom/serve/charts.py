"""Pure helpers for the pages' charts: counts per day, week or month (chosen by the span they
cover, so a heading, an axis and a table all say the same unit) on a real time axis.

Each period row carries ``period`` (its first day), ``period_end`` (the day after its last, where
its bar ends on the axis) and ``last`` (its last day, for inclusive ``until`` filters). Periods
with nothing in them are not rows: on a time axis they show as gaps, as they should.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

# Up to about two months a bar per day stays readable; up to a year a bar per week; beyond, months.
DAY_SPAN_MAX = 62
WEEK_SPAN_MAX = 366


def chart_unit(days: list[date]) -> str:
    """``day``, ``week`` or ``month`` for dates spanning ``days``."""
    if len(days) < 2:
        return "day"
    span = (max(days) - min(days)).days
    return "day" if span <= DAY_SPAN_MAX else "week" if span <= WEEK_SPAN_MAX else "month"


def period_start(day: date, unit: str) -> date:
    if unit == "week":
        return day - timedelta(days=day.weekday())  # ISO weeks start on Monday
    if unit == "month":
        return day.replace(day=1)
    return day


def period_end(start: date, unit: str) -> date:
    """The day after the period that starts on ``start``."""
    if unit == "week":
        return start + timedelta(days=7)
    if unit == "month":
        return (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    return start + timedelta(days=1)


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def per_period(rows: list[dict[str, Any]], day_key: str, sums: tuple[str, ...], keys: tuple[str, ...] = (),
               unit: str | None = None) -> tuple[list[dict[str, Any]], str]:
    """``rows`` (one a day, each with ``day_key``) summed into periods per ``keys`` (e.g. an
    event type); rows without a readable day are left out. Returns (rows, unit)."""
    dated = [(d, r) for r in rows if (d := _day(r.get(day_key))) is not None]
    unit = unit or chart_unit([d for d, _ in dated])
    totals: dict[tuple[Any, ...], dict[str, Any]] = {}
    for d, r in dated:
        start = period_start(d, unit)
        group = (start, *(r.get(k) for k in keys))
        row = totals.setdefault(group, {"period": start.isoformat(), **{k: r.get(k) for k in keys},
                                        "period_end": period_end(start, unit).isoformat(),
                                        "last": (period_end(start, unit) - timedelta(days=1)).isoformat(),
                                        **dict.fromkeys(sums, 0)})
        for s in sums:
            row[s] += int(r.get(s) or 0)
    return [totals[k] for k in sorted(totals, key=lambda k: tuple(str(x) for x in k))], unit


def time_axis(unit: str) -> dict[str, Any]:
    """The x encoding of a bar per period: from its first day to the next period's, in UTC (the
    dates are calendar days, not instants of the reader's time zone)."""
    return {"field": "period", "type": "temporal", "title": None, "scale": {"type": "utc"},
            "axis": {"format": "%b %Y" if unit == "month" else "%Y-%m-%d", "labelAngle": -40,
                     "formatType": "utc"}}


def timeline_spec(periods: list[dict[str, Any]], name: str, unit: str) -> dict[str, Any]:
    """Mentions per period as bars on a time axis, quotes as dots over the middle of each period
    (two counts of different things: side by side they would read as one stacked total)."""
    values = []
    for p in periods:
        start, end = datetime.fromisoformat(p["period"]), datetime.fromisoformat(p["period_end"])
        mid = (start + (end - start) / 2).isoformat() + "Z"  # the middle of the period's bar, in UTC
        values += [{"period": p["period"], "period_end": p["period_end"], "mid": mid, "measure": m,
                    "count": p[m] or 0, "first": p["period"], "last": p["last"]} for m in ("mentions", "quotes")]
    colour = {"field": "measure", "type": "nominal", "title": None,
              "scale": {"domain": ["mentions", "quotes"], "range": ["#4c78a8", "#e45756"]}}
    y = {"field": "count", "type": "quantitative", "title": f"per {unit}"}
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "description": f"Mentions and quotes of {name} per {unit}",
        "width": "container", "height": 180,
        "data": {"values": values},
        "layer": [
            {"transform": [{"filter": "datum.measure === 'mentions'"}],
             "mark": {"type": "bar", "orient": "vertical", "tooltip": True},
             "encoding": {"x": time_axis(unit), "x2": {"field": "period_end"}, "y": y, "color": colour}},
            {"transform": [{"filter": "datum.measure === 'quotes' && datum.count > 0"}],
             "mark": {"type": "point", "filled": True, "size": 60, "tooltip": True},
             "encoding": {"x": {**time_axis(unit), "field": "mid"}, "y": y, "color": colour}},
        ],
    }
