"""The actor knowledge base: packaged YAML records plus the user's extra files, and an alias index.

Records with the same ``id`` merge key by key: keys a later file gives win, keys it leaves out keep
the packaged value (see ``data/actors/README.md``).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..model import Actor

# How an alias names its record; earlier kinds win when one alias names several records.
ALIAS_KINDS = ("name", "alias", "demonym", "seat", "ambiguous")
_LIST_FIELDS = ("aliases", "nicknames", "seats", "demonyms", "ambiguous", "domains", "offices", "acronyms",
                "add_aliases", "unlink")
_CORRECTIONS = ("merged_into", "add_aliases", "unlink")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*", re.UNICODE)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case, accent and punctuation folding of one token: "U.S." -> "us", "Zelenskyy" -> "zelenskyy"."""
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.replace(".", "").lower()


def fold_words(text: str) -> tuple[str, ...]:
    """A name as folded words without punctuation (for lookups outside a spaCy Doc)."""
    text = text.translate(_APOSTROPHES)
    text = re.sub(r"'s\b", "", text)
    words = [fold(w) for w in _WORD.findall(text.replace(".", ""))]
    if words and words[0] == "the":
        words = words[1:]
    return tuple(words)


def slug(text: str) -> str:
    return "-".join(fold_words(text)) or "unknown"


@dataclass(slots=True)
class ActorRecord:
    """One knowledge-base record, as in ``data/actors/*.yaml``."""

    id: str
    name: str
    type: str = "other"
    wikidata: str | None = None
    country: str | None = None
    iso2: str | None = None
    iso3: str | None = None
    capital: str | None = None
    kind: str | None = None
    parent: str | None = None
    gender: str | None = None
    surname: str | None = None
    aliases: list[str] = field(default_factory=list)
    nicknames: list[str] = field(default_factory=list)
    seats: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)
    offices: list[dict[str, Any]] = field(default_factory=list)
    acronyms: list[str] = field(default_factory=list)  # "MFA": only with context, never in the index
    source: str | None = None  # where the record comes from: a packaged file, the user's file
    # Corrections a user's file may give (see data/actors/README.md): this actor is that one; more
    # names for it; names that must no longer link to it.
    merged_into: str | None = None
    add_aliases: list[str] = field(default_factory=list)
    unlink: list[str] = field(default_factory=list)
    given: frozenset[str] = frozenset()  # the keys its file gave, for merging

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ActorRecord:
        known = set(cls.__slots__)  # type: ignore[attr-defined]
        kw = {k: v for k, v in d.items() if k in known and v is not None}
        for key in _LIST_FIELDS:
            value = kw.get(key)
            kw[key] = [value] if isinstance(value, str) else list(value or [])
        kw["id"] = str(d.get("id") or d.get("wikidata") or slug(d["name"]))
        kw["name"] = str(d.get("name") or kw["id"])
        rec = cls(**kw)
        rec.given = frozenset(k for k, v in d.items() if v is not None)
        return rec

    def merge(self, other: ActorRecord) -> None:
        """Lay ``other`` over this record: the keys it gives win (corrections add up)."""
        for name in other.given - {"id"}:
            if name in ("add_aliases", "unlink"):
                setattr(self, name, [*getattr(self, name), *getattr(other, name)])
            elif name in self.__slots__:  # type: ignore[attr-defined]
                setattr(self, name, getattr(other, name))
        self.given = self.given | other.given

    @property
    def iso(self) -> str | None:
        """The ISO alpha-3 of the state this record is or belongs to."""
        return self.iso3 if self.type == "country" and self.iso3 else self.country

    def actor(self) -> Actor:
        return Actor(id=self.id, name=self.name, type=self.type, wikidata=self.wikidata,  # type: ignore[arg-type]
                     country=self.iso)

    def surface_forms(self) -> Iterable[tuple[str, str]]:
        """(alias, kind) pairs: every string that may name this record in text."""
        yield self.name, "name"
        for a in [*self.aliases, *self.nicknames]:
            yield a, "alias"
        for d in self.demonyms:
            yield d, "demonym"
        for s in ([self.capital] if self.capital else []) + self.seats:
            yield s, "seat"


@dataclass(slots=True)
class AliasEntry:
    record: ActorRecord
    kind: str  # one of ALIAS_KINDS
    acronym: bool  # all capitals in the KB ("UN", "U.S."): matched only when written in capitals
    ambiguous: bool


def _read(path: Path | str, text: str | None = None) -> list[dict[str, Any]]:
    text = text if text is not None else Path(path).read_text("utf-8")
    data = json.loads(text) if str(path).endswith(".json") else yaml.safe_load(text)
    if isinstance(data, dict):  # {"actors": [...]} or a single record
        data = data.get("actors", [data])
    source = f"newsloom:{Path(path).name}" if text is not None and not Path(path).is_absolute() else str(path)
    out = []
    for d in data or []:
        # A record names an actor, or corrects one by id (a merge, aliases, names to unlink).
        if isinstance(d, dict) and (d.get("name") or d.get("id") and any(d.get(k) for k in _CORRECTIONS)):
            out.append({**d, "source": d.get("source") or source})
    return out


def _is_acronym(alias: str) -> bool:
    letters = [c for c in re.sub(r"^the\s+", "", alias, flags=re.I) if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(letters) <= 6


class KnowledgeBase:
    """Actor records by id, with an index from folded alias words to candidate records."""

    def __init__(self, records: Iterable[dict[str, Any]]) -> None:
        self.records: dict[str, ActorRecord] = {}
        for d in records:
            rec = ActorRecord.from_dict(d)
            if rec.id in self.records:
                self.records[rec.id].merge(rec)
            else:
                self.records[rec.id] = rec
        self.redirects, self.unlinked = self._corrections()
        self.by_iso: dict[str, ActorRecord] = {
            r.iso3: r for r in self.records.values() if r.type == "country" and r.iso3}
        self.index: dict[tuple[str, ...], list[AliasEntry]] = {}
        for rec in self.records.values():
            ambiguous = {fold_words(a) for a in rec.ambiguous}
            for alias, kind in rec.surface_forms():
                key = fold_words(alias)
                if key:
                    self._add(key, AliasEntry(rec, kind, _is_acronym(alias), key in ambiguous))
        for entries in self.index.values():
            entries.sort(key=lambda e: (e.ambiguous, ALIAS_KINDS.index(e.kind)))
        # Short forms shared by many records ("MoD"), as written; the linker needs a country for them.
        self.acronyms: dict[str, list[ActorRecord]] = {}
        for rec in self.records.values():
            for acronym in rec.acronyms:
                self.acronyms.setdefault(acronym, []).append(rec)
        # People by folded surname, for the fuzzy name rule.
        self.surnames: dict[str, list[ActorRecord]] = {}
        for rec in self.records.values():
            if rec.type == "person":
                for alias in [rec.name, *rec.aliases]:
                    words = fold_words(alias)
                    if words and rec not in self.surnames.get(words[-1], []):
                        self.surnames.setdefault(words[-1], []).append(rec)
        # Who held which kind of office of which state or body, for "France's foreign minister".
        self.offices: dict[tuple[str, str], list[tuple[ActorRecord, int, int]]] = {}
        for rec in self.records.values():
            for office in rec.offices if rec.type == "person" else ():
                key = (str(office.get("of")), str(office.get("kind")))
                span = (int(office.get("start") or 0), int(office.get("end") or 9999))
                self.offices.setdefault(key, []).append((rec, *span))

    def _corrections(self) -> tuple[dict[str, str], set[tuple[tuple[str, ...], str]]]:
        """Apply the users' merges, aliases and unlinks to the records. Returns id -> id it was
        merged into (for actors linked outside the records, too) and (folded name, id) pairs that
        must not link."""
        redirects, unlinked = {}, set()
        for rec in self.records.values():
            rec.aliases += [a for a in rec.add_aliases if a not in rec.aliases and a != rec.name]
            for name in rec.unlink:
                unlinked.add((fold_words(name), rec.id))
                rec.aliases = [a for a in rec.aliases if fold_words(a) != fold_words(name)]
        for rec in list(self.records.values()):
            if rec.merged_into and rec.merged_into != rec.id:
                redirects[rec.id] = rec.merged_into
                target = self.records.get(rec.merged_into)
                if target is not None and "name" in rec.given and rec.type == target.type:
                    target.aliases += [a for a in [rec.name, *rec.aliases] if a not in target.aliases]
                del self.records[rec.id]
        return redirects, unlinked

    def _add(self, key: tuple[str, ...], entry: AliasEntry) -> None:
        entries = self.index.setdefault(key, [])
        for e in entries:
            if e.record is entry.record:
                e.acronym = e.acronym and entry.acronym
                return
        entries.append(entry)

    def lookup(self, name: str) -> list[AliasEntry]:
        """Candidate records for a name, best first."""
        return self.index.get(fold_words(name), [])

    def office_holder(self, of: str, kind: str, year: int) -> ActorRecord | None:
        """The one person holding that kind of office in that year, if exactly one did."""
        held = {rec.id: rec for rec, start, end in self.offices.get((of, kind), []) if start <= year <= end}
        return next(iter(held.values())) if len(held) == 1 else None

    def get(self, record_id: str) -> ActorRecord | None:
        return self.records.get(record_id)

    def country(self, iso3: str | None) -> ActorRecord | None:
        return self.by_iso.get(iso3) if iso3 else None

    def __len__(self) -> int:
        return len(self.records)


def packaged_records() -> list[dict[str, Any]]:
    folder = resources.files("newsloom").joinpath("data/actors")
    out: list[dict[str, Any]] = []
    if not folder.is_dir():
        return out
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if item.name.endswith((".yaml", ".yml", ".json")):
            out.extend(_read(item.name, item.read_text("utf-8")))
    return out


def load_kb(extra: Sequence[str] = ()) -> KnowledgeBase:
    """The packaged knowledge base with the user's files laid over it, loaded once per list."""
    # The key is normalised here: lru_cache tells load_kb() from load_kb(()), which loaded and
    # held a second copy of the whole base (1.6 s of CPU) for the quotes' country look-ups.
    return _load_kb(tuple(extra))


@lru_cache(maxsize=8)
def _load_kb(extra: tuple[str, ...]) -> KnowledgeBase:
    records = packaged_records()
    for path in extra:
        records.extend(_read(path))
    return KnowledgeBase(records)
