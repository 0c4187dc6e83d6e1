"""Settings: one typed object, from the packaged defaults (``data/defaults.toml``), the user's file,
the environment and flags, each laid over the one before, key by key.

Every setting has its one default in ``defaults.toml``; code reads the value, never a fallback of
its own. The sections the core reads are typed (``settings.ingest.max_bytes``); a section added to
``defaults.toml`` later is read with ``settings.get("section.key")`` without any change here.
"""

from __future__ import annotations

import copy
import functools
import logging
import os
import tomllib
import typing
from dataclasses import dataclass, fields
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar

from .errors import NewsloomError

log = logging.getLogger(__name__)

# Environment variables and the setting each one sets (laid over the files, under the flags).
ENV: dict[str, str] = {"NEWSLOOM_DB": "store.db"}
# Secrets: the environment wins even over a value given in code or on the command line, so a
# deployment can keep the token out of files and process listings.
SECRET_ENV: dict[str, str] = {"serve.token": "NEWSLOOM_TOKEN"}
CONFIG_ENV = "NEWSLOOM_CONFIG"


class SettingsError(NewsloomError, ValueError):
    """A setting with a value of the wrong type."""


class _Section:
    """A typed, read-only section; ``section["key"]`` reads like the dict it replaces."""

    name: ClassVar[str]

    def __getitem__(self, key: str) -> Any:
        return getattr(self, key)


@dataclass(frozen=True)
class StoreSettings(_Section):
    name: ClassVar[str] = "store"
    db: str


@dataclass(frozen=True)
class IngestSettings(_Section):
    name: ClassVar[str] = "ingest"
    max_bytes: int
    batch_size: int


@dataclass(frozen=True)
class PipelineSettings(_Section):
    name: ClassVar[str] = "pipeline"
    stages: list[str]


@dataclass(frozen=True)
class NlpSettings(_Section):
    name: ClassVar[str] = "nlp"
    model: str
    batch_size: int
    n_process: int


@dataclass(frozen=True)
class ActorsSettings(_Section):
    name: ClassVar[str] = "actors"
    extra: list[str]


@dataclass(frozen=True)
class FetchSettings(_Section):
    name: ClassVar[str] = "fetch"
    allow_private: bool
    timeout: float
    max_links: int


@dataclass(frozen=True)
class ServeSettings(_Section):
    name: ClassVar[str] = "serve"
    host: str
    port: int
    token: str


SECTIONS: dict[str, type[_Section]] = {cls.name: cls for cls in (
    StoreSettings, IngestSettings, PipelineSettings, NlpSettings, ActorsSettings, FetchSettings, ServeSettings)}


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


@functools.lru_cache(maxsize=1)
def _packaged() -> dict[str, Any]:
    text = resources.files("newsloom").joinpath("data/defaults.toml").read_text("utf-8")
    return tomllib.loads(text)


def _defaults() -> dict[str, Any]:
    return copy.deepcopy(_packaged())


def _coerce(key: str, value: Any, hint: Any) -> Any:
    """``value`` as the declared type; strings (environment, flags) are parsed, others checked."""
    if typing.get_origin(hint) is list:
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, list | tuple):
            raise SettingsError(f"setting {key} must be a list, not {value!r}")
        return [str(v) for v in value]
    if hint is bool:
        if isinstance(value, str) and value.strip().lower() in ("1", "true", "yes", "on", "0", "false", "no", "off"):
            return value.strip().lower() in ("1", "true", "yes", "on")
        if not isinstance(value, bool):
            raise SettingsError(f"setting {key} must be true or false, not {value!r}")
        return value
    if hint in (int, float):
        if isinstance(value, bool):
            raise SettingsError(f"setting {key} must be a number, not {value!r}")
        try:
            return hint(value)
        except (TypeError, ValueError):
            raise SettingsError(f"setting {key} must be a number, not {value!r}") from None
    return str(value)


def _typed(name: str, values: dict[str, Any]) -> _Section:
    cls = SECTIONS[name]
    hints = typing.get_type_hints(cls)
    given = {}
    for f in fields(cls):
        if f.name not in values:
            raise SettingsError(f"setting {name}.{f.name} has no value (is defaults.toml complete?)")
        given[f.name] = _coerce(f"{name}.{f.name}", values[f.name], hints[f.name])
    return cls(**given)


def _warn_unknown(data: dict[str, Any], known: dict[str, Any], where: str) -> None:
    """A key of the user's file that no default declares is most likely a typo: say so."""
    for section, values in data.items():
        if section not in known:
            log.warning("%s: unknown settings section [%s]", where, section)
        elif isinstance(values, dict) and isinstance(known[section], dict):
            for key in values:
                if key not in known[section]:
                    log.warning("%s: unknown setting %s.%s", where, section, key)


class Settings:
    """Typed sections (``settings.nlp.model``) over the merged values, which ``get("nlp.model")``
    reads too, for every section, typed or not."""

    def __init__(self, data: dict[str, Any] | None = None) -> None:
        # Given values are laid over the defaults, so a partial dict still makes whole settings.
        self.data: dict[str, Any] = _merge(_packaged(), data) if data is not None else _defaults()
        self._sections: dict[str, _Section] = {}
        for name in SECTIONS:
            self._section(name)  # a bad value fails here, not when first read

    @classmethod
    def load(cls, path: str | Path | None = None, **overrides: Any) -> Settings:
        """Defaults, then the user's TOML file (``path`` or ``$NEWSLOOM_CONFIG``), then the
        environment (``ENV``), then ``overrides`` given as dotted keys (``{"nlp.model": "x"}``;
        None means "not given")."""
        data = _defaults()
        path = path or os.environ.get(CONFIG_ENV)
        if path:
            with open(path, "rb") as fh:
                user = tomllib.load(fh)
            _warn_unknown(user, data, str(path))
            data = _merge(data, user)
        settings = cls(data)
        for var, key in ENV.items():
            if os.environ.get(var):
                settings.set(key, os.environ[var])
        for key, value in overrides.items():
            if value is not None:
                settings.set(key, value)
        return settings

    def _section(self, name: str) -> _Section:
        if name not in self._sections:
            self._sections[name] = _typed(name, self.data.get(name) or {})
        return self._sections[name]

    @property
    def store(self) -> StoreSettings:
        return typing.cast(StoreSettings, self._section("store"))

    @property
    def ingest(self) -> IngestSettings:
        return typing.cast(IngestSettings, self._section("ingest"))

    @property
    def pipeline(self) -> PipelineSettings:
        return typing.cast(PipelineSettings, self._section("pipeline"))

    @property
    def nlp(self) -> NlpSettings:
        return typing.cast(NlpSettings, self._section("nlp"))

    @property
    def actors(self) -> ActorsSettings:
        return typing.cast(ActorsSettings, self._section("actors"))

    @property
    def fetch(self) -> FetchSettings:
        return typing.cast(FetchSettings, self._section("fetch"))

    @property
    def serve(self) -> ServeSettings:
        return typing.cast(ServeSettings, self._section("serve"))

    def secret(self, dotted: str) -> Any:
        """A secret setting: its environment variable (``SECRET_ENV``) when set, else the value."""
        var = SECRET_ENV.get(dotted)
        return (os.environ.get(var) if var else None) or self.get(dotted)

    def get(self, dotted: str, default: Any = None) -> Any:
        """Any setting by dotted key; ``default`` only for a key no defaults file declares."""
        section, _, key = dotted.partition(".")
        if section in SECTIONS and key and "." not in key:
            typed = self._section(section)
            if key in {f.name for f in fields(typed)}:  # type: ignore[arg-type]
                return getattr(typed, key)
        node: Any = self.data
        for part in dotted.split("."):
            if not isinstance(node, dict) or part not in node:
                return default
            node = node[part]
        return node

    def set(self, dotted: str, value: Any) -> None:
        """Set one setting (typed sections check and convert the value)."""
        *parents, last = dotted.split(".")
        node = self.data
        for part in parents:
            node = node.setdefault(part, {})
        old = node.get(last, _MISSING)
        node[last] = value
        section = parents[0] if parents else last
        if section in SECTIONS:
            self._sections.pop(section, None)
            try:
                self._section(section)
            except SettingsError:
                if old is _MISSING:
                    node.pop(last, None)
                else:
                    node[last] = old
                raise
            # Keep the stored value in its converted form, so a copy or a cache key sees the same.
            if len(parents) == 1 and last in {f.name for f in fields(SECTIONS[section])}:
                node[last] = getattr(self._sections[section], last)

    def __getattr__(self, section: str) -> dict[str, Any]:
        # Sections without a typed class (added by later features) read as plain dicts.
        try:
            return self.__dict__["data"][section]
        except KeyError:
            raise AttributeError(section) from None

    def copy(self) -> Settings:
        return Settings(copy.deepcopy(self.data))


_MISSING = object()
