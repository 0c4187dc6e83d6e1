"""Sizes in messages people read: "52 KB, over the 50 KB limit", never "0 MB"."""

from __future__ import annotations

_UNITS = ((1e9, "GB"), (1e6, "MB"), (1e3, "KB"))


def human_size(n: float) -> str:
    """``n`` bytes in decimal units (as disks and the settings' byte counts are read), with one
    decimal below a hundred where it tells something: 1.5 MB, 52.4 MB, 52 KB, 812 bytes."""
    for scale, unit in _UNITS:
        if n >= scale:
            value = n / scale
            text = f"{value:.1f}" if value < 100 else f"{value:.0f}"
            return f"{text.removesuffix('.0')} {unit}"
    return f"{int(n)} byte{'s' if int(n) != 1 else ''}"


def too_large(size: float | None, limit: float) -> str:
    """The reason for refusing an input over ``limit`` bytes (``size`` when known)."""
    if size is None:
        return f"too large: over the {human_size(limit)} limit"
    if human_size(size) == human_size(limit):  # just over: rounded, the two would read the same
        return f"too large: {int(size):,} bytes, over the {int(limit):,} byte limit"
    return f"too large: {human_size(size)}, over the {human_size(limit)} limit"
