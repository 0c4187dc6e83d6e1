"""People: knowledge-base people by alias or by a fuzzy name rule, stable local ids for the rest,
and surnames that point back to the full name earlier in the same document."""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from ..model import Actor
from .kb import ActorRecord, KnowledgeBase, fold_words, slug

# Surname similarity (rapidfuzz ratio, 0-100) at or above which two spellings may be one name:
# "Zelensky" / "Zelenskyy" score 94, "Zelenskiy" / "Zelenskyy" 89, "Wang" / "Wong" 75.
SURNAME_MIN = 88
# Given names must agree this much too ("Volodymyr" / "Volodimir" 78 fails, so initials help).
GIVEN_NAME_MIN = 75
# A surname written alone links by the fuzzy rule only when it is this long and unambiguous.
LONE_SURNAME_MIN_LEN = 6
# Offices whose holders are cited by surname alone without introduction ("Putin said").
_REGNAL = re.compile(r"[IVX]+")
_SUFFIXES = frozenset({"jr", "sr"})
LEADER_KINDS = frozenset({"head_of_state", "head_of_government", "foreign_minister"})
# A head of state or government is cited by surname alone in the year before taking office too
# (the campaign, the transition): a term that starts in 2017 covers 2016 articles.
INCOMING_YEARS = 1


def local_person(name: str) -> Actor:
    """A person missing from the knowledge base; the id is the same in every document."""
    return Actor(id=f"local:person:{slug(name)}", name=name, type="person")


def _given_names_agree(a: str, b: str) -> bool:
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return fuzz.ratio(a, b) >= GIVEN_NAME_MIN


class PersonResolver:
    """Finds the knowledge-base person behind a name spelled differently from every alias."""

    def __init__(self, kb: KnowledgeBase, titles: frozenset[str] = frozenset(),
                 common: frozenset[str] = frozenset()) -> None:
        self.kb = kb
        self.surname_keys = list(kb.surnames)
        # Folded surname -> (leader, start year, end year) for each leader-kind office they held.
        self.leaders: dict[str, list[tuple[ActorRecord, int, int]]] = {}
        # A word some KB person has as a given name ("Dan", "Michel") is never a surname alone.
        given = {fold_words(a)[0] for r in kb.records.values() if r.type == "person" and not r.surname
                 for a in [r.name, *r.aliases] if len(fold_words(a)) > 1}
        for rec in kb.records.values():
            terms = [(int(o.get("start") or 0) - (INCOMING_YEARS if o.get("kind") != "foreign_minister" else 0),
                      int(o.get("end") or 9999)) for o in rec.offices
                     if o.get("kind") in LEADER_KINDS] if rec.type == "person" else []
            for key in _surname_keys(rec, titles) - given - common if terms else ():
                self.leaders.setdefault(key, []).extend((rec, *t) for t in terms)
        self.leader_keys = list(self.leaders)

    def leader(self, word: str, year: int | None) -> ActorRecord | None:
        """The one head of state or government or foreign minister in office in ``year`` (or
        now, without a year) whose surname is ``word`` (folded), or a close spelling of it."""
        def holders(key: str) -> set[str]:
            return {rec.id for rec, start, end in self.leaders.get(key, ())
                    if (start <= year <= end if year is not None else end == 9999)}

        found = holders(word)
        if not found and word not in self.leaders and len(word) >= LONE_SURNAME_MIN_LEN:
            for key, _score, _ in process.extract(word, self.leader_keys, scorer=fuzz.ratio,
                                                  score_cutoff=SURNAME_MIN, limit=5):
                found |= holders(key)
        return self.kb.get(next(iter(found))) if len(found) == 1 else None

    def fuzzy(self, words: tuple[str, ...]) -> ActorRecord | None:
        if not words or not self.surname_keys:
            return None
        hits = process.extract(words[-1], self.surname_keys, scorer=fuzz.ratio,
                               score_cutoff=SURNAME_MIN, limit=5)
        found: list[ActorRecord] = []
        for key, _score, _ in hits:
            for rec in self.kb.surnames[key]:
                if rec in found:
                    continue
                if len(words) == 1 or self._given_name_fits(words[0], rec):
                    found.append(rec)
        if len(found) != 1:
            return None
        if len(words) == 1 and len(words[0]) < LONE_SURNAME_MIN_LEN:
            return None
        return found[0]

    @staticmethod
    def _given_name_fits(given: str, rec: ActorRecord) -> bool:
        for alias in [rec.name, *rec.aliases]:
            words = fold_words(alias)
            if len(words) >= 2 and _given_names_agree(given, words[0]):
                return True
        return False


def _surname_keys(rec: ActorRecord, titles: frozenset[str]) -> set[str]:
    """How a person's surname is written alone: the KB ``surname`` when given (family name
    first), else the last word of each name. Names with a particle ("da Silva", "bin Salman"),
    a regnal number ("Charles III") or a title ("King Charles") give none: that word alone
    names others too."""
    if rec.surname:
        return {"".join(fold_words(rec.surname))}
    keys = set()
    for alias in [rec.name, *rec.aliases]:
        parts = [w for w in alias.replace("-", " ").split() if w.lower().rstrip(".,") not in _SUFFIXES]
        if len(parts) < 2 or any(w[:1].islower() or _REGNAL.fullmatch(w) for w in parts):
            continue
        if parts[0].lower().rstrip(".") not in titles:
            keys.add(fold_words(parts[-1])[-1])
    return keys


class DocPeople:
    """The people named so far in one document, so later surnames link back to them."""

    def __init__(self) -> None:
        self.by_word: dict[tuple[str, ...], tuple[Actor, int]] = {}

    def add(self, words: tuple[str, ...], actor: Actor, end: int) -> None:
        if len(words) < 2:
            return
        for key in (words, words[-1:]):
            self.by_word.setdefault(key, (actor, end))
        for i in range(1, len(words) - 1):
            # The last two or more words of a longer name ("Suu Kyi" after "Aung San Suu Kyi").
            self.by_word.setdefault(words[i:], (actor, end))
        # Chinese and other family-name-first names are also cited by the first word ("Xi").
        self.by_word.setdefault(words[:1], (actor, end))

    def find(self, words: tuple[str, ...], start: int) -> Actor | None:
        """The person a short name refers to, if one was named in full before ``start``."""
        hit = self.by_word.get(words)
        if hit is None and len(words) == 1:
            return None
        if hit is None:
            hit = self.by_word.get(words[-1:])
            # "Bill Clinton" after "Hillary Clinton": a different given name is another person.
            given = fold_words(hit[0].name)[:1] if hit is not None else ()
            if given and given[0] != words[0] and given[0] not in words and not (
                    len(words[0]) == 1 and given[0].startswith(words[0])):
                hit = None
            elif hit is not None and len(words) > 2 and self._other_middle(words, hit[0]):
                hit = None  # "George H.W. Bush" after "George W. Bush": the father, not the son
        if hit is not None and hit[1] <= start:
            return hit[0]
        return None

    def _other_middle(self, words: tuple[str, ...], actor: Actor) -> bool:
        """Whether the document named this actor with the same first and last name but another
        middle name or initial."""
        return any(len(k) > 2 and k[0] == words[0] and k[-1] == words[-1] and k[1:-1] != words[1:-1]
                   and a.id == actor.id for k, (a, _) in self.by_word.items())
