"""Settings: packaged defaults (``data/defaults.toml``) with the user's file laid over, key by key."""

from __future__ import annotations

import copy
import os
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _defaults() -> dict[str, Any]:
    text = resources.files("newsloom").joinpath("data/defaults.toml").read_text("utf-8")
    return tomllib.loads(text)


class Settings:
    """Nested configuration; sections read as ``settings.nlp["model"]`` or ``settings.get("nlp.model")``."""

    def __init__(self, data: dict[str, Any] | None = None) -> None:
        self.data: dict[str, Any] = data if data is not None else _defaults()

    @classmethod
    def load(cls, path: str | Path | None = None, **overrides: Any) -> Settings:
        """Defaults, then the user's TOML file (``path`` or ``$NEWSLOOM_CONFIG``), then ``overrides``
        given as dotted keys (``{"nlp.model": "en_core_web_trf"}``)."""
        data = _defaults()
        path = path or os.environ.get("NEWSLOOM_CONFIG")
        if path:
            with open(path, "rb") as fh:
                data = _merge(data, tomllib.load(fh))
        if os.environ.get("NEWSLOOM_DB"):
            data["store"]["db"] = os.environ["NEWSLOOM_DB"]
        settings = cls(data)
        for key, value in overrides.items():
            if value is not None:
                settings.set(key, value)
        return settings

    def get(self, dotted: str, default: Any = None) -> Any:
        node: Any = self.data
        for part in dotted.split("."):
            if not isinstance(node, dict) or part not in node:
                return default
            node = node[part]
        return node

    def set(self, dotted: str, value: Any) -> None:
        *parents, last = dotted.split(".")
        node = self.data
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = value

    def __getattr__(self, section: str) -> dict[str, Any]:
        try:
            return self.__dict__["data"][section]
        except KeyError:
            raise AttributeError(section) from None

    def copy(self) -> Settings:
        return Settings(copy.deepcopy(self.data))
