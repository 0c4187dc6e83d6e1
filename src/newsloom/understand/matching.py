"""Knowledge-base aliases found in a Doc (a folded-token matcher that catches what NER misses), and
the span candidates linking chooses from.

Words are folded ("U.S." and "US" alike, accents and case ignored), punctuation and possessive
"'s" are skipped, and the longest alias wins. Acronyms must be written in capitals ("us" is a
pronoun) and other aliases must start with a capital letter.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .kb import AliasEntry, KnowledgeBase, fold

_POSSESSIVE = {"'s", "\u2019s", "'", "\u2019"}


@dataclass(slots=True)
class Candidate:
    start: int  # token offsets, end exclusive
    end: int
    label: str  # NER label, "alias" or "ministry"
    entries: list[AliasEntry] | None = None

    @property
    def size(self) -> int:
        return self.end - self.start


@dataclass(slots=True)
class AliasMatch:
    start: int  # token offsets, end exclusive
    end: int
    entries: list[AliasEntry]


def is_word(token: Token) -> bool:
    return not (token.is_punct or token.is_space or token.text in _POSSESSIVE)


def _written_as(tokens: list[Token], entry: AliasEntry) -> bool:
    if entry.acronym:
        text = tokens[0].text
        # British style writes a spoken acronym as a word ("Nasa", "Nato"); three letters or fewer
        # stay capitals only ("Fed", "Sec" are words).
        return all(c.isupper() for t in tokens for c in t.text if c.isalpha()) or (
            len(tokens) == 1 and len(text) >= 4 and text.isalpha() and text[0].isupper() and text[1:].islower())
    return tokens[0].text[:1].isupper()


class AliasMatcher:
    """Precompiled index of every alias, by first folded word."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.lengths: dict[str, list[int]] = {}
        for key in kb.index:
            self.lengths.setdefault(key[0], []).append(len(key))
        for first, lengths in self.lengths.items():
            self.lengths[first] = sorted(set(lengths), reverse=True)

    def __call__(self, tokens: Doc | list[Token], folded: list[str] | None = None) -> list[AliasMatch]:
        """Alias matches in a Doc (or its token list, with the folded texts if already made)."""
        tokens = list(tokens)
        folded = folded or [fold(t.text) for t in tokens]
        words = [(t, folded[n]) for n, t in enumerate(tokens) if is_word(t)]
        out: list[AliasMatch] = []
        i = 0
        while i < len(words):
            match = self._longest(words, i)
            if match is None:
                i += 1
                continue
            out.append(match[0])
            i += match[1]
        return out

    def _longest(self, words: list[tuple[Token, str]], i: int) -> tuple[AliasMatch, int] | None:
        for n in self.lengths.get(words[i][1], ()):
            if i + n > len(words):
                continue
            chunk = words[i:i + n]
            entries = self.kb.index.get(tuple(w for _, w in chunk))
            if not entries:
                continue
            tokens = [t for t, _ in chunk]
            # An alias never spans two sentences or a gap of skipped punctuation like ", ".
            if tokens[-1].i - tokens[0].i > 2 * n:
                continue
            entries = [e for e in entries if _written_as(tokens, e)]
            if entries:
                return AliasMatch(tokens[0].i, tokens[-1].i + 1, entries), n
        return None
