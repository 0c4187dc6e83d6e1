"""The Wikidata-derived actor tables (``data/actors/wikidata/*.tsv.gz``, built by
``scripts/build_actor_kb.py``): tens of thousands of office holders, parties and international
bodies, looked up by exact folded name only.

Rows stay as their raw text lines and are parsed when a lookup hits them; the index maps a folded
name to row numbers. That keeps loading to one pass over the files and memory to a few tens of MB,
instead of one Python object per record (see BENCHMARKS.md for the measured figures).
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .kb import slug

PEOPLE = "people.tsv.gz"
# People outside politics, each with the domain (a sport) whose words an article must contain.
SPORTS = "sports.tsv.gz"
PEOPLE_TABLES = (PEOPLE, SPORTS)
# Organisation tables, best first when one name is in several: curated lists of bodies before
# parties before companies and public bodies (OpenStreetMap's name-suggestion-index) before the
# Phoenix group names (those carry a CAMEO code, not a QID).
ORGS = ("supraverden.tsv.gz", "parties.tsv.gz", "nsi.tsv.gz", "groups.tsv.gz")
NSI_SOURCE = "osmlab/name-suggestion-index"


@dataclass(frozen=True, slots=True)
class Office:
    role: str
    start: int
    end: int | None  # None: still held at the time of the build

    def held_in(self, year: int) -> bool:
        return self.start <= year <= (self.end if self.end is not None else 9999)


@dataclass(frozen=True, slots=True)
class WikiRecord:
    """One row of a table: a person (with dated offices) or an organisation."""

    id: str  # the Wikidata QID, or "phoenix:<name>" for a Phoenix group without one
    name: str
    type: str  # "person" | "organization"
    country: str | None
    kind: str | None  # "party", "igo", "eu-body", "armed-group", "company", "agency"...; a person's gender
    offices: tuple[Office, ...]
    source: str
    domain: str | None = None  # "baseball": the field a person outside politics is known in

    @property
    def wikidata(self) -> str | None:
        return self.id if self.id.startswith("Q") else None


def _offices(text: str) -> tuple[Office, ...]:
    out = []
    for part in text.split(";") if text else ():
        role, start, end = (part.split("|") + ["", "", ""])[:3]
        if start.isdigit():
            out.append(Office(role, int(start), int(end) if end.isdigit() else None))
    return tuple(out)


class WikidataIndex:
    """Exact-name lookups into the tables; ``rows`` keeps each record as its text line."""

    def __init__(self, tables: dict[str, str]) -> None:
        self.rows: list[tuple[str, str]] = []  # (table, line)
        self.people: dict[str, int | tuple[int, ...]] = {}
        self.orgs: dict[str, int | tuple[int, ...]] = {}
        self._tails: dict[str, int | tuple[int, ...]] | None = None
        for table, text in tables.items():
            target = self.people if table in PEOPLE_TABLES else self.orgs
            for line in text.splitlines()[1:]:
                cols = line.split("\t")
                if len(cols) < 3:
                    continue
                n = len(self.rows)
                self.rows.append((table, line))
                for key in cols[-1].split("|"):  # folded by the build (kb.fold_words)
                    _put(target, key, n)

    def _records(self, index: dict[str, int | tuple[int, ...]], words: tuple[str, ...]) -> list[WikiRecord]:
        hit = index.get(" ".join(words))
        if hit is None:
            return []
        return [self.record(n) for n in ((hit,) if isinstance(hit, int) else hit)]

    def person(self, words: tuple[str, ...]) -> list[WikiRecord]:
        return self._records(self.people, words)

    def by_compound_surname(self, words: tuple[str, ...]) -> list[WikiRecord]:
        """People whose name of three words or more ends with these two ("Wasserman Schultz"),
        from an index built on the first such lookup."""
        if self._tails is None:
            self._tails = {}
            for key, hit in self.people.items():
                parts = key.split(" ")
                if len(parts) >= 3:
                    for n in (hit,) if isinstance(hit, int) else hit:
                        _put(self._tails, " ".join(parts[-2:]), n)
        return self._records(self._tails, words)

    def organization(self, words: tuple[str, ...]) -> list[WikiRecord]:
        return self._records(self.orgs, words)

    def record(self, n: int) -> WikiRecord:
        table, line = self.rows[n]
        cols = line.split("\t")
        if table in PEOPLE_TABLES:
            qid, name, _aliases, country, gender, offices, source, domain = (cols[:-1] + [""] * 8)[:8]
            return WikiRecord(qid, name, "person", country or None, gender or None, _offices(offices), source,
                              domain or None)
        code, name, _aliases, country, kind, source = (cols + [""] * 6)[:6]
        # A CAMEO code names a class of actors ("MNCUSA": US companies), so the id is the name's.
        rid = code if code.startswith("Q") else f"phoenix:{slug(name)}"
        return WikiRecord(rid, name, "organization", country if len(country) == 3 else None, kind or None, (),
                          source)

    def __len__(self) -> int:
        return len(self.rows)


def _put(index: dict[str, int | tuple[int, ...]], key: str, n: int) -> None:
    old = index.get(key)
    if old is None:
        index[key] = n
    elif old != n and (isinstance(old, int) or n not in old):
        index[key] = (old, n) if isinstance(old, int) else (*old, n)


@lru_cache(maxsize=1)
def load_wikidata() -> WikidataIndex:
    """The packaged tables, loaded once per process."""
    folder = resources.files("newsloom").joinpath("data/actors/wikidata")
    tables = {}
    for name in (*PEOPLE_TABLES, *ORGS):
        item = folder.joinpath(name)
        if item.is_file():
            tables[name] = gzip.decompress(item.read_bytes()).decode("utf-8")
    return WikidataIndex(tables)
