"""The search syntax users know from Media Cloud and SQLite FTS, parsed once into a small query tree
that ``fts`` renders for FTS5 (SQLite) and for tsquery (PostgreSQL).

    words        all required:                  grain export
    OR, AND      upper case; AND binds tighter:  grain OR wheat AND export
    NOT, -word   excluded (beside a kept term):  grain NOT rice, grain -rice
    prefix       word*                           export*
    phrase       "quoted words"                  "grain corridor"
    proximity    NEAR(a b, N), a NEAR/N b, "a b"~N: two terms at most N words apart
    grouping     ( ... )
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# A word as both tokenizers see one: letters and digits (FTS5's unicode61 and PostgreSQL's parser
# both split at '_' and at punctuation), so "U.S." is the phrase "U S" on both.
TERM_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_TOKEN = re.compile(r'\s*(?:(?P<phrase>"[^"]*")(?:~(?P<slop>\d+))?|(?P<near>NEAR(?:/(?P<dist>\d+))?(?=[\s(]|$))'
                    r'|(?P<punct>[(),])|(?P<word>[^\s(),"]+)|(?P<quote>"))')
# Bounds that keep a rendered query small: NEAR becomes 2 * (distance + 1) phrases in tsquery.
DEFAULT_NEAR = 10
MAX_NEAR = 50
MAX_TERMS = 64
MAX_DEPTH = 8


class SearchSyntaxError(ValueError):
    """A search query that cannot be read; the message says why (shown to the user as a 400)."""


@dataclass(frozen=True, slots=True)
class Term:
    """One word, a phrase of several words, or a prefix (``words`` has one word then)."""

    words: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class Near:
    """Two terms at most ``distance`` words apart, in either order."""

    left: Term
    right: Term
    distance: int


@dataclass(frozen=True, slots=True)
class Not:
    node: Node


@dataclass(frozen=True, slots=True)
class And:
    nodes: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    nodes: tuple[Node, ...]


Node = Term | Near | Not | And | Or


@lru_cache(maxsize=512)
def parse_query(text: str) -> Node:
    """The query tree of ``text``; SearchSyntaxError says what is wrong with it."""
    parser = _Parser(_tokens(text))
    node = parser.or_expr(0)
    if parser.peek() is not None:
        kind, value = parser.peek()  # type: ignore[misc]
        raise SearchSyntaxError(f"unexpected {value!r}" + (" (no '(' to close)" if value == ")" else ""))
    if node is None:
        raise SearchSyntaxError("empty search query: give at least one word")
    _check(node, top=True)
    if parser.terms > MAX_TERMS:
        raise SearchSyntaxError(f"too many terms: at most {MAX_TERMS}")
    return node


def _tokens(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:  # only trailing blanks are left
            break
        pos = m.end()
        if m["quote"]:
            raise SearchSyntaxError('a quote (") is not closed')
        if m["phrase"]:
            out.append(("phrase", m["phrase"][1:-1]))
            if m["slop"] is not None:
                out.append(("slop", m["slop"]))
        elif m["near"]:
            out.append(("near", m["dist"] or ""))
        elif m["punct"]:
            out.append((m["punct"], m["punct"]))
        elif (m["word"] == "-" and text.startswith('"', pos)) or TERM_WORD.search(m["word"]):
            out.append(("word", m["word"]))
        # A word of punctuation only ("&", "--") is not searchable on either store: left out, as
        # both tokenizers would leave it out of the text.
    return out


class _Parser:
    """Recursive descent: or_expr := and_expr (OR and_expr)*; and_expr := unary ([AND] unary)*."""

    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens, self.i, self.terms = tokens, 0, 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def or_expr(self, depth: int) -> Node | None:
        if depth > MAX_DEPTH:
            raise SearchSyntaxError(f"brackets nested too deep: at most {MAX_DEPTH}")
        nodes = [n for n in [self.and_expr(depth)] if n is not None]
        while self.peek() == ("word", "OR"):
            self.take()
            right = self.and_expr(depth)
            if right is None or not nodes:
                raise SearchSyntaxError("OR needs a term on each side")
            nodes.append(right)
        return nodes[0] if len(nodes) == 1 else Or(tuple(nodes)) if nodes else None

    def and_expr(self, depth: int) -> Node | None:
        nodes: list[Node] = []
        while (token := self.peek()) is not None and token not in (("word", "OR"), (")", ")"), (",", ",")):
            if token == ("word", "AND"):
                self.take()
                if not nodes or self.peek() in (None, ("word", "OR"), (")", ")")):
                    raise SearchSyntaxError("AND needs a term on each side")
                continue
            nodes.append(self.unary(depth))
        return nodes[0] if len(nodes) == 1 else And(tuple(nodes)) if nodes else None

    def unary(self, depth: int) -> Node:
        kind, value = self.take()
        if (kind, value) == ("word", "NOT"):
            if self.peek() in (None, ("word", "OR"), ("word", "AND"), (")", ")")):
                raise SearchSyntaxError("NOT needs a term to exclude")
            return Not(self.unary(depth))
        if kind == "word" and value.startswith("-"):
            if value == "-":
                token = self.take() if self.peek() is not None and self.peek()[0] == "phrase" else None  # type: ignore[index]
                if token is None:
                    raise SearchSyntaxError("'-' needs a word or a \"phrase\" right after it")
                return Not(self.phrase(token[1]))
            return Not(self.term_of(value[1:]))
        return self.atom(kind, value, depth)

    def atom(self, kind: str, value: str, depth: int) -> Node:
        if kind == "(":
            inner = self.or_expr(depth + 1)
            if self.peek() != (")", ")"):
                raise SearchSyntaxError("a '(' is not closed")
            self.take()
            if inner is None:
                raise SearchSyntaxError("empty brackets")
            return inner
        if kind == "near":
            return self.near_call(value)
        if kind == "phrase":
            term = self.phrase(value)
            if self.peek() is not None and self.peek()[0] == "slop":  # type: ignore[index]
                return self.near_of_phrase(term, int(self.take()[1]))
            return self.maybe_near(term)
        if kind == "word":
            return self.maybe_near(self.term_of(value))
        raise SearchSyntaxError(f"unexpected {value!r}")

    def term_of(self, word: str) -> Term:
        prefix = word.endswith("*")
        words = tuple(TERM_WORD.findall(word.rstrip("*")))
        if not words:
            raise SearchSyntaxError(f"{word!r} has no letters or digits to search for")
        if prefix and len(words) > 1:
            raise SearchSyntaxError(f"{word!r}: a prefix is one word followed by *")
        self.terms += len(words)
        return Term(words, prefix)

    def phrase(self, text: str) -> Term:
        words = tuple(TERM_WORD.findall(text))
        if not words:
            raise SearchSyntaxError(f'"{text}" has no letters or digits to search for')
        self.terms += len(words)
        return Term(words)

    def maybe_near(self, left: Term) -> Node:
        token = self.peek()
        if token is None or token[0] != "near" or self.i + 1 >= len(self.tokens) \
                or self.tokens[self.i + 1][0] == "(":
            return left
        self.take()
        kind, value = self.take()
        if kind not in ("word", "phrase"):
            raise SearchSyntaxError("NEAR needs a term on each side")
        right = self.term_of(value) if kind == "word" else self.phrase(value)
        return _near(left, right, token[1])

    def near_call(self, dist: str) -> Node:
        if dist or self.peek() != ("(", "("):
            raise SearchSyntaxError("write NEAR(a b, N) or a NEAR/N b")
        self.take()
        terms: list[Term] = []
        distance = ""
        while (token := self.peek()) is not None and token[0] in ("word", "phrase"):
            self.take()
            terms.append(self.term_of(token[1]) if token[0] == "word" else self.phrase(token[1]))
        if self.peek() == (",", ","):
            self.take()
            token = self.take() if self.peek() is not None else ("", "")
            distance = token[1] if token[0] == "word" else "x"
        if self.peek() != (")", ")"):
            raise SearchSyntaxError("NEAR( is not closed with ')'")
        self.take()
        if len(terms) != 2:
            raise SearchSyntaxError(f"NEAR takes two terms, not {len(terms)}")
        return _near(terms[0], terms[1], distance)

    def near_of_phrase(self, term: Term, slop: int) -> Node:
        if len(term.words) != 2:
            raise SearchSyntaxError('"a b"~N takes a phrase of two words')
        return _near(Term(term.words[:1]), Term(term.words[1:]), str(slop))


def _near(left: Term, right: Term, distance: str) -> Near:
    if distance and not distance.isdigit():
        raise SearchSyntaxError(f"NEAR distance {distance!r} is not a number")
    n = int(distance) if distance else DEFAULT_NEAR
    if n > MAX_NEAR:
        raise SearchSyntaxError(f"NEAR distance {n} is over the limit of {MAX_NEAR}")
    return Near(left, right, n)


def _check(node: Node, top: bool = False) -> None:
    """Refuse what FTS5 cannot say (and so neither store does): an exclusion with nothing kept
    beside it, e.g. ``-rice`` alone or ``grain OR -rice``."""
    if isinstance(node, Not):
        raise SearchSyntaxError("NOT (or -word) must stand beside a term to keep, e.g. grain -rice"
                                if top else "NOT (or -word) needs a term to keep in the same group")
    if isinstance(node, And):
        if all(isinstance(n, Not) for n in node.nodes):
            raise SearchSyntaxError("every term is excluded: keep at least one, e.g. grain -rice")
        for n in node.nodes:
            _check(n.node if isinstance(n, Not) else n)
    elif isinstance(node, Or):
        for n in node.nodes:
            _check(n)
