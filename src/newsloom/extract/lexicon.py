"""Boilerplate vocabulary (``data/lexicons/boilerplate.yaml``) and stop-word lists, loaded once."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import chain, repeat

import yaml

from .literals import Literals, Rule, index_rules, make_rule, necessary_sets, required_literals

# Languages whose jusText stop-word lists are used to guess the text's language and to measure
# stop-word density; the widest-spread news languages keep detection cheap.
_STOPLIST_LANGUAGES = {
    "English": "en", "German": "de", "French": "fr", "Spanish": "es", "Portuguese": "pt",
    "Italian": "it", "Dutch": "nl", "Russian": "ru", "Ukrainian": "uk", "Polish": "pl",
    "Turkish": "tr", "Swedish": "sv", "Czech": "cs", "Romanian": "ro", "Indonesian": "id",
}
# A language is named only when its stop words make up this share of at least MIN_WORDS words.
MIN_LANGUAGE_SHARE = 0.2
MIN_WORDS = 30


class PatternSet:
    """Alternation of line patterns, split so ``^``-anchored ones are tried at the start only
    (an anchored branch inside one big ``search`` is retried at every position: 5x slower).
    With triggers, a floating pattern is tried only on lines holding one of the triggers written
    in it (each needs one, tests/test_extract.py checks): most lines then try a few patterns."""

    __slots__ = ("anchored", "floating", "triggers", "_words", "_by_trigger", "_trigger_patterns", "_patterns",
                 "trigger_ids")

    def __init__(self, patterns: list[str], triggers: tuple[str, ...] = ()) -> None:
        self.triggers = trie_pattern(triggers) if triggers else None
        # Callers lower-case the line once; a case-sensitive pattern is much faster than re.I.
        anchored = [p[1:] for p in patterns if p.startswith("^")]
        floating = [p for p in patterns if not p.startswith("^")]
        self.anchored = _alternation(anchored)
        self.floating = _alternation(floating)
        self._words = tuple(triggers)
        # trigger -> the floating patterns that spell it out, as one pattern compiled here once
        # (compiling the union for each line's set of triggers cost more than the searches)
        needs = {t: [p for p in floating if t.strip() in _literal(p)] for t in triggers}
        if {p for ps in needs.values() for p in ps} != set(floating):
            needs = {}  # a pattern spelling out no trigger: try them all on triggered lines
        self._by_trigger = {t: _alternation(ps) for t, ps in needs.items()}
        # (trigger, pattern) in trigger order, triggers without a pattern left out: the per-line
        # loop then looks nothing up.
        self._trigger_patterns = tuple((t, self._by_trigger[t]) for t in self._words
                                       if self._by_trigger.get(t) is not None)
        self._patterns = patterns
        self.trigger_ids: frozenset[int] | None = None

    def rules(self, group: int, literals: Literals) -> list[Rule]:
        """These patterns as rules of ``group`` (their needed strings and the triggers registered
        in ``literals``); sets ``trigger_ids``."""
        self.trigger_ids = literals.ids(self._words) if self.triggers is not None else None
        # A floating pattern is tried under the triggers it spells out (see ``search``), or under
        # any trigger when the patterns are not split by trigger (None: the caller's ``triggered``).
        return [make_rule(group, p, literals, None if p.startswith("^") or not self._by_trigger else
                          [t for t in self._words if t.strip() in _literal(p)]) for p in self._patterns]

    def search(self, lowered: str, floating: bool = True, triggered: bool | None = None) -> bool:
        """Whether a pattern matches; ``floating=False`` tries the anchored ones only (one-word
        lines, which no floating pattern of several words can match). ``triggered`` is whether
        the line holds a trigger, when the caller already knows."""
        if self.anchored is not None and self.anchored.match(lowered):
            return True
        if not floating or self.floating is None:
            return False
        if triggered is None:
            triggered = self.triggers is None or bool(self.triggers.search(lowered))
        if not triggered:
            return False
        if not self._by_trigger:
            return bool(self.floating.search(lowered))
        return any(pattern.search(lowered) for t, pattern in self._trigger_patterns if t in lowered)


def _alternation(patterns: list[str]) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


def _literal(pattern: str) -> str:
    """The literal text a pattern spells out: escapes and group syntax blanked."""
    return re.sub(r"\\[bsSwWd]|[\\()?|]", " ", pattern)


def trie_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """One regex matching any of ``words``, factored as a prefix tree: at each position the
    engine follows one branch per character instead of trying every word (2x faster here)."""
    trie: dict[str, dict] = {}
    for word in sorted(set(words)):
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        if "" in node:  # a word ends here: any longer word with this prefix matches anyway
            return ""
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items())]
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return re.compile(build(trie))


# The line pattern sets in the order of their rule groups (``Lexicon.rules``).
LINE_GROUPS = ("call_to_action", "appeals", "page_chrome", "captions")


@dataclass(frozen=True, slots=True)
class Lexicon:
    call_to_action: PatternSet
    page_chrome: PatternSet
    captions: PatternSet
    appeals: PatternSet
    error_page: re.Pattern[str]
    signup_markup: tuple[str, ...]
    max_cta_chars: int
    sidebar_heading: re.Pattern[str]
    read_on: re.Pattern[str]
    byline_prefixes: tuple[str, ...]
    desk_words: tuple[str, ...]
    time_zones: dict[str, str]
    # A line matching none of these strings can match no line pattern above (call to action,
    # chrome, caption, appeal, sidebar heading): one search rules most lines out. None: no gate.
    line_gate: re.Pattern[str] | None = None
    # Every string the line patterns need, numbered, found in a line by one pass (``present``);
    # the gate's strings and the sidebar heading's needed sets as numbers of these; the patterns
    # of LINE_GROUPS as rules keyed by needed strings, and those with none that can be told.
    literals: Literals | None = None
    gate_ids: frozenset[int] | None = None
    sidebar_needs: tuple[frozenset[int], ...] = ()
    rules: dict[int, tuple[Rule, ...]] = field(default_factory=dict)
    unkeyed_rules: tuple[Rule, ...] = ()


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    text = resources.files("newsloom").joinpath("data/lexicons/boilerplate.yaml").read_text("utf-8")
    data = yaml.safe_load(text)

    # A sidebar heading is the whole line, optionally with a trailing colon, arrow or ellipsis.
    heads = "|".join(f"(?:{p})" for p in data["sidebar_headings"])
    line_sets = {"call_to_action": "triggers", "page_chrome": None, "captions": "caption_triggers", "appeals": "triggers"}
    sets = {name: PatternSet(data[name], tuple(data[trig]) if trig else ()) for name, trig in line_sets.items()}
    literals = Literals()
    rules, unkeyed = index_rules((r for i, name in enumerate(LINE_GROUPS) for r in sets[name].rules(i, literals)), literals)
    gate = _gate_words(data, line_sets, heads)
    gate_ids = literals.ids(gate) if gate is not None else None
    sidebar_needs = tuple(literals.ids(s) for s in necessary_sets(f"(?:{heads})"))
    return Lexicon(
        **sets,
        error_page=re.compile("|".join(f"(?:{p})" for p in data["error_page"])),
        signup_markup=tuple(str(w).lower() for w in data["signup_markup"]),
        max_cta_chars=int(data["max_cta_chars"]),
        sidebar_heading=re.compile(rf"^(?:{heads})\s*(?:[:>»›→]|\.\.\.|…)?$"),
        read_on=re.compile(r"^[\W_]*(?:" + "|".join(f"(?:{p})" for p in data["read_on"]) + r")[\W_]*$"),
        byline_prefixes=tuple(data["byline_prefixes"]),
        desk_words=tuple(data["desk_words"]),
        time_zones={str(k).upper(): str(v) for k, v in data["time_zones"].items()},
        line_gate=trie_pattern(gate) if gate is not None else None,
        literals=literals.freeze(), gate_ids=gate_ids, sidebar_needs=sidebar_needs, rules=rules, unkeyed_rules=unkeyed,
    )


def _gate_words(data: dict, line_sets: dict[str, str | None], heads: str) -> list[str] | None:
    """Strings one of which any line pattern needs: anchored patterns and floating ones without
    triggers give their required literals, floating ones with triggers their triggers."""
    needed: list[frozenset[str] | None] = [required_literals(heads)]
    for name, trig in line_sets.items():
        for pattern in data[name]:
            floating = not pattern.startswith("^")
            needed.append(frozenset(data[trig]) if trig and floating else required_literals(pattern.removeprefix("^")))
    if any(n is None for n in needed):
        return None
    return [w for n in needed for w in n]  # type: ignore[union-attr]


@lru_cache(maxsize=1)
def _stopword_index() -> dict[str, tuple[str, ...]]:
    """Stop word -> the languages whose list holds it (one pass per text instead of one per language)."""
    import justext

    index: dict[str, list[str]] = {}
    for lang in _STOPLIST_LANGUAGES:
        for word in justext.get_stoplist(lang):
            index.setdefault(word, []).append(lang)
    return {w: tuple(langs) for w, langs in index.items()}


@lru_cache(maxsize=len(_STOPLIST_LANGUAGES))
def stoplist(language: str) -> frozenset[str]:
    import justext

    return frozenset(justext.get_stoplist(language))


_WORD = re.compile(r"\w+")
# Each language owns a field of this many bits in a word's packed vote (one bit set per language
# whose list holds the word): summing the packed votes of the words counts every language at once,
# one C addition per word instead of one Counter step per (word, language) pair (~10x fewer).
_VOTE_BITS = 32
_VOTE_MASK = (1 << _VOTE_BITS) - 1


@lru_cache(maxsize=1)
def _packed_index() -> dict[str, int]:
    slot = {lang: i * _VOTE_BITS for i, lang in enumerate(_STOPLIST_LANGUAGES)}
    return {w: sum(1 << slot[lang] for lang in langs) for w, langs in _stopword_index().items()}


def _words(text: str | Iterable[str]) -> list[str]:
    return _WORD.findall(text[:8000].lower()) if isinstance(text, str) else list(text)


def _vote_counts(words: list[str]) -> list[int]:
    """Stop words of each language of _STOPLIST_LANGUAGES (in its order) among ``words``."""
    total = sum(map(_packed_index().get, words, repeat(0)))
    return [(total >> shift) & _VOTE_MASK for shift in range(0, _VOTE_BITS * len(_STOPLIST_LANGUAGES), _VOTE_BITS)]


def _votes(words: list[str]) -> Counter[str]:
    index = _stopword_index()
    # Counting in C (Counter over a chained iterable) is ~4x faster than a Python loop of += 1.
    return Counter(chain.from_iterable(map(index.get, words, repeat(()))))


def own_stop_count(words: Iterable[str]) -> int:
    """Stop words among lower-cased ``words`` in the language they hold most stop words of: a
    line in another language than the page's (a German post under English widgets) is measured
    with its own list."""
    return max(_vote_counts(list(words)))


def guess_stoplist(text: str | Iterable[str]) -> frozenset[str]:
    """The stop-word list covering most of the words (a text, or lower-cased words already split);
    English when nothing matches."""
    return stoplist_and_language(text)[0]


def guess_language(text: str | Iterable[str]) -> str | None:
    """ISO 639-1 code of the language whose stop words dominate the words; None when unsure."""
    return stoplist_and_language(text)[1]


def stoplist_and_language(text: str | Iterable[str]) -> tuple[frozenset[str], str | None]:
    """Both guesses from one count: the best stop-word list, and its language's ISO 639-1 code
    when at least MIN_WORDS words were seen and its stop words are MIN_LANGUAGE_SHARE of them."""
    words = _words(text)
    counts = _vote_counts(words)
    count = max(counts)
    if not count:
        return stoplist("English"), None
    if counts.count(count) == 1:
        lang = list(_STOPLIST_LANGUAGES)[counts.index(count)]
    else:  # a tie goes to the language the words name first, as Counter.most_common breaks it
        lang = _votes(words).most_common(1)[0][0]
    n = len(words)
    sure = n >= MIN_WORDS and count >= MIN_LANGUAGE_SHARE * n
    return stoplist(lang), _STOPLIST_LANGUAGES[lang] if sure else None
