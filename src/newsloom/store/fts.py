"""Full-text search helpers both backends share: the user's query (parsed once by ``search_syntax``)
rendered for FTS5 and for PostgreSQL's tsquery, and snippets made HTML-safe."""

from __future__ import annotations

import html
import re

from .search_syntax import And, Near, Node, Not, Or, SearchSyntaxError, Term, parse_query

__all__ = ["HL_CLOSE", "HL_OPEN", "WORD", "SearchSyntaxError", "fts_query", "highlight", "kept_terms", "plain",
           "ts_query"]

# Sentinels for snippet highlights: replaced after HTML-escaping the snippet.
HL_OPEN, HL_CLOSE = "\x02", "\x03"
WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str) -> str:
    """A user's search text as an FTS5 query (every word quoted, so no user text is FTS5 syntax).
    SearchSyntaxError (a ValueError) says what is wrong with a query that cannot be read."""
    return _fts5(parse_query(text))


def ts_query(text: str) -> str:
    """The same query as PostgreSQL ``to_tsquery`` text, with the same meaning as ``fts_query``."""
    return _ts(parse_query(text))


def kept_terms(text: str) -> list[Term]:
    """The terms a match contains (not the excluded ones): what a snippet highlights."""
    out: list[Term] = []

    def walk(node: Node) -> None:
        if isinstance(node, Term):
            out.append(node)
        elif isinstance(node, Near):
            out.extend((node.left, node.right))
        elif isinstance(node, (And, Or)):
            for n in node.nodes:
                walk(n)

    walk(parse_query(text))
    return out


def _fts5_term(t: Term) -> str:
    return '"' + " ".join(t.words) + '"' + ("*" if t.prefix else "")


def _fts5(node: Node) -> str:
    if isinstance(node, Term):
        return _fts5_term(node)
    if isinstance(node, Near):
        return f"NEAR({_fts5_term(node.left)} {_fts5_term(node.right)}, {node.distance})"
    if isinstance(node, Or):
        return " OR ".join(f"({_fts5(n)})" if isinstance(n, (And, Or)) else _fts5(n) for n in node.nodes)
    if isinstance(node, And):
        # FTS5's NOT is binary ("kept NOT excluded"); the parser made sure something is kept.
        kept = [n for n in node.nodes if not isinstance(n, Not)]
        dropped = [n.node for n in node.nodes if isinstance(n, Not)]
        out = " AND ".join(f"({_fts5(n)})" if isinstance(n, Or) else _fts5(n) for n in kept)
        if dropped:
            out = f"({out}) NOT ({' OR '.join(f'({_fts5(n)})' for n in dropped)})"
        return out
    raise SearchSyntaxError("NOT (or -word) must stand beside a term to keep")


def _ts_term(t: Term) -> str:
    # Words are letters and digits only (search_syntax.TERM_WORD): nothing to escape inside quotes.
    parts = [f"'{w}'" for w in t.words]
    if t.prefix:
        parts[-1] += ":*"
    return parts[0] if len(parts) == 1 else "(" + " <-> ".join(parts) + ")"


def _ts(node: Node) -> str:
    if isinstance(node, Term):
        return _ts_term(node)
    if isinstance(node, Near):
        # FTS5's NEAR(a b, N): at most N words between the end of one and the start of the other,
        # either order. tsquery's <k> is an exact distance, so every allowed distance is spelled out.
        a, b = _ts_term(node.left), _ts_term(node.right)
        steps = range(1, node.distance + 2)
        return "(" + " | ".join([f"{a} <{k}> {b}" for k in steps] + [f"{b} <{k}> {a}" for k in steps]) + ")"
    if isinstance(node, Or):
        return "(" + " | ".join(_ts(n) for n in node.nodes) + ")"
    if isinstance(node, And):
        return "(" + " & ".join(f"!{_ts(n.node)}" if isinstance(n, Not) else _ts(n) for n in node.nodes) + ")"
    raise SearchSyntaxError("NOT (or -word) must stand beside a term to keep")


def highlight(snippet: str) -> str:
    """HTML-safe snippet with ``<mark>`` around the matched terms."""
    return html.escape(snippet).replace(HL_OPEN, "<mark>").replace(HL_CLOSE, "</mark>")


def plain(snippet: str) -> str:
    """The snippet's text without highlight sentinels."""
    return snippet.replace(HL_OPEN, "").replace(HL_CLOSE, "")
