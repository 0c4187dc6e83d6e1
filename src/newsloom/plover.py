"""PLOVER vocabulary the readers of events share: quad classes and actor sectors (data/plover.yaml)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
         "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")


@cache
def _data() -> dict[str, Any]:
    text = resources.files("newsloom").joinpath("data/plover.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def quads() -> list[str]:
    """The four quad classes in display order."""
    return list(_data()["quads"])


def quad(event_type: str | None) -> str | None:
    """The quad class of a PLOVER type (None for a type outside the table)."""
    return _data()["types"].get((event_type or "").upper())


def sector(actor_type: str | None) -> str | None:
    """An export's actor sector, where the actor's type says it for sure."""
    return _data()["sectors"].get(actor_type or "")
