"""The strings a line pattern needs, and one Aho-Corasick pass finding them all in a line.

A regex can only match a line holding the strings it spells out (read from the parsed pattern):
one scan of the line for every such string at once (``pyahocorasick``) tells which patterns of a
lexicon can match at all; only those are run. Most lines then run none, and a long prose line no
longer pays for one regex scan per pattern group (the lexicon check of lines over 80 characters
was a quarter of the flattened-text cleaner's time).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from re import _constants, _parser  # the parsed form of a pattern: its required literals

import ahocorasick

_LITERAL, _SUBPATTERN, _BRANCH = _constants.LITERAL, _constants.SUBPATTERN, _constants.BRANCH
_REPEATS = (_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT)
# A needed string shorter than this ("of ", " a ") sits in most lines: as a key it would rule out
# nothing and only slow the scan, so a pattern's shorter needs are dropped when it has others.
MIN_KEY_CHARS = 4


def required_literals(pattern: str) -> frozenset[str] | None:
    """Strings one of which every match of ``pattern`` contains (read from the parsed pattern), or
    None when that cannot be told (a pattern made only of classes, a flag changing case)."""
    parsed = _parser.parse(pattern)
    if parsed.state.flags & re.IGNORECASE:
        return None
    return _best(_needs(list(parsed)))


def necessary_sets(pattern: str) -> list[frozenset[str]]:
    """Sets of strings such that every match of ``pattern`` holds one string of EACH set (a
    pattern of several words needs each word); sets of strings under MIN_KEY_CHARS are left out
    when longer ones remain. Empty when nothing can be told."""
    parsed = _parser.parse(pattern)
    if parsed.state.flags & re.IGNORECASE:
        return []
    sets = _needs(list(parsed))
    strong = [s for s in sets if min(map(len, s)) >= MIN_KEY_CHARS]
    best = _best(sets)
    return strong or ([best] if best else [])


def _best(sets: list[frozenset[str]]) -> frozenset[str] | None:
    """The set with the longest shortest string (the fewest lines hold one), then the smallest."""
    return max(sets, key=lambda c: (min(map(len, c)), -len(c)), default=None)


def _needs(items: list[tuple[object, object]]) -> list[frozenset[str]]:
    """Required sets of a parsed sequence, each one necessary: every run of literals, and what a
    group, a branch (one string per alternative) or a repeat of at least one holds."""
    candidates: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is _LITERAL:
            run.append(chr(av))  # type: ignore[arg-type]
            continue
        if run:
            candidates.append(frozenset({"".join(run)}))
            run = []
        sub: frozenset[str] | None = None
        if op is _SUBPATTERN and not av[1] & re.IGNORECASE:  # type: ignore[index]
            sub = _best(_needs(list(av[3])))  # type: ignore[index]
        elif op is _BRANCH:
            alternatives = [_best(_needs(list(a))) for a in av[1]]  # type: ignore[index]
            sub = None if any(a is None for a in alternatives) else frozenset().union(*alternatives)  # type: ignore[arg-type]
        elif op in _REPEATS and av[0] >= 1:  # type: ignore[index]
            sub = _best(_needs(list(av[2])))  # type: ignore[index]
        if sub:
            candidates.append(sub)
    if run:
        candidates.append(frozenset({"".join(run)}))
    return candidates


class Literals:
    """Strings numbered as they are registered; ``freeze`` builds the automaton, after which
    ``present(line)`` gives the numbers of every registered string the line holds (overlapping
    occurrences included)."""

    __slots__ = ("_ids", "_automaton")

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}
        self._automaton: ahocorasick.Automaton | None = None

    def shortest(self, numbers: frozenset[int]) -> int:
        """Length of the shortest of these strings (the likelier one to sit in a line)."""
        texts = {n: s for s, n in self._ids.items() if n in numbers}
        return min(map(len, texts.values()))

    def ids(self, strings: Iterable[str]) -> frozenset[int]:
        if self._automaton is not None:
            raise RuntimeError("literals are frozen")
        return frozenset(self._ids.setdefault(s, len(self._ids)) for s in strings)

    def freeze(self) -> Literals:
        automaton = ahocorasick.Automaton()
        for string, number in self._ids.items():
            automaton.add_word(string, number)
        if self._ids:
            automaton.make_automaton()
        self._automaton = automaton
        return self

    def present(self, line: str) -> set[int]:
        automaton = self._automaton
        if automaton is None:
            raise RuntimeError("freeze() the literals first")
        if not self._ids:
            return set()
        return {number for _, number in automaton.iter(line)}


# One rule: (group, compiled pattern, anchored at the line start, strings all needed, sets of
# which one string each is needed, the triggers one of which it is tried under or None).
Rule = tuple[int, re.Pattern[str], bool, frozenset[int], tuple[frozenset[int], ...], frozenset[int] | None]


def make_rule(group: int, pattern: str, literals: Literals, triggers: Iterable[str] | None) -> Rule:
    """The rule of a line pattern (``^`` marks one anchored at the line start)."""
    anchored = pattern.startswith("^")
    body = pattern[1:] if anchored else pattern
    needs = [literals.ids(s) for s in necessary_sets(body)]
    must = frozenset(n for need in needs if len(need) == 1 for n in need)
    options = tuple(need for need in needs if len(need) > 1)
    return group, re.compile(body), anchored, must, options, None if triggers is None else literals.ids(triggers)


def index_rules(rules: Iterable[Rule], literals: Literals) -> tuple[dict[int, tuple[Rule, ...]], tuple[Rule, ...]]:
    """Rules keyed by the strings of one of their needed sets (the one of longest strings: the
    fewest lines hold one), and the rules needing nothing that can be told (tried on every line)."""
    by_key: dict[int, list[Rule]] = {}
    unkeyed: list[Rule] = []
    for rule in rules:
        sets = [*(frozenset({n}) for n in rule[3]), *rule[4], *([rule[5]] if rule[5] else [])]
        if not sets:
            unkeyed.append(rule)
            continue
        for number in max(sets, key=lambda s: (literals.shortest(s), -len(s))):
            by_key.setdefault(number, []).append(rule)
    return {k: tuple(v) for k, v in by_key.items()}, tuple(unkeyed)
