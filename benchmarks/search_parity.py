"""Search syntax on real articles: do SQLite (FTS5) and PostgreSQL (tsquery) find the same
articles for the same query, and the articles a plain reading of the query says they should?

Articles: ECB+ (real news, /work/shared/bench/clustering/ecbplus/ecbplus.jsonl) and the article
bodies of the extraction benchmark's development pages (/work/shared/bench/aeb/ground-truth.json).
Queries are drawn at random (fixed seed) from the articles' own words: single words, AND pairs,
phrases, prefixes, NEAR pairs, OR pairs and exclusions, in every syntax the parser takes. The
reference reads each article as casefolded, accent-stripped letter-and-digit words (the tokenizer
both stores are configured to approximate) and evaluates the query tree directly.

Run: .venv/bin/python benchmarks/search_parity.py [--queries 400] [--pg URL]
(without --pg, a throwaway PostgreSQL server is started as the tests do)
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

from newsloom.model import Article, Document, Paragraph
from newsloom.store import Filters, SQLiteStore, Store, open_store
from newsloom.store.search_syntax import TERM_WORD, And, Near, Node, Not, Or, Term, parse_query

SEED = 17
SHARED = Path("/work/shared/bench")


def fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word.casefold()) if not unicodedata.combining(c))


def load_texts(ecb: Path, aeb: Path) -> list[tuple[str, str, str]]:
    out = []
    for line in ecb.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        out.append((f"ecb:{row['id']}", row.get("title") or "", row["text"]))
    for key, row in json.loads(aeb.read_text(encoding="utf-8")).items():
        if row.get("articleBody", "").strip():
            out.append((f"aeb:{key[:12]}", "", row["articleBody"]))
    return out


def fill(store: Store, texts: list[tuple[str, str, str]]) -> dict[str, str]:
    ids = {}
    for source, title, text in texts:
        doc = Document(raw=(source + text).encode(), source=source, media_type="text/plain")
        art = Article(source=source, document_id=doc.id, text=text, paragraphs=[Paragraph(0, len(text))],
                      title=title or None, published="2024-01-01", outlet="bench")
        store.save(doc, art)
        ids[doc.id] = source
    return ids


class Field:
    """One field's words with the positions of each, for a quick plain reading of a query."""

    def __init__(self, words: list[str]) -> None:
        self.words = words
        self.at: dict[str, list[int]] = {}
        for i, w in enumerate(words):
            self.at.setdefault(w, []).append(i)

    def ends(self, t: Term) -> list[int]:
        """End positions of the term in the field."""
        words = [fold(w) for w in t.words]
        last = words[-1]
        if t.prefix:
            starts = sorted(i for w, pos in self.at.items() if w.startswith(last) for i in pos)
        else:
            starts = self.at.get(last, [])
        n = len(words)
        return [e for e in starts if e - n + 1 >= 0
                and all(self.words[e - n + 1 + j] == w for j, w in enumerate(words[:-1]))]


def matches(node: Node, fields: list[Field]) -> bool:
    """The query read plainly: terms anywhere in the row, phrases and NEAR inside one field."""
    if isinstance(node, Term):
        return any(f.ends(node) for f in fields)
    if isinstance(node, Near):
        for f in fields:
            a_ends, b_ends = f.ends(node.left), f.ends(node.right)
            la, lb = len(node.left.words), len(node.right.words)
            for ea in a_ends:
                for eb in b_ends:
                    gap = (eb - lb + 1) - ea - 1 if eb > ea else (ea - la + 1) - eb - 1
                    if 0 <= gap <= node.distance:
                        return True
        return False
    if isinstance(node, Not):
        return not matches(node.node, fields)
    if isinstance(node, And):
        return all(matches(n, fields) for n in node.nodes)
    if isinstance(node, Or):
        return any(matches(n, fields) for n in node.nodes)
    raise TypeError(node)


def make_queries(tokenized: list[list[Field]], raw: list[str], n: int) -> list[str]:
    rng = random.Random(SEED)
    vocab = [w for w in {w for doc in tokenized for f in doc for w in f.at} if len(w) > 2 and not w.isdigit()]
    vocab.sort()
    queries: list[str] = []
    while len(queries) < n:
        words = TERM_WORD.findall(rng.choice(raw))
        if len(words) < 12:
            continue
        i = rng.randrange(len(words) - 10)
        a, b, c = words[i], words[i + 1], words[i + rng.randint(2, 8)]
        other = rng.choice(vocab)
        kind = len(queries) % 9
        queries.append([
            a, f"{a} {c}", f'"{a} {b}"', f"{a[:4]}*" if len(a) >= 4 else a, f"NEAR({a} {c}, {rng.randint(0, 8)})",
            f"{a} OR {other}", f"{a} -{other}", f"{a} NOT {b}", f'"{a} {b}" AND ({c} OR {other})',
        ][kind])
    return queries


def found(store: Store, ids: dict[str, str], query: str) -> set[str]:
    page = store.articles(Filters(text=query), limit=len(ids) + 1)
    return {ids[i["id"]] for i in page.items}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--queries", type=int, default=400)
    ap.add_argument("--ecb", type=Path, default=SHARED / "clustering/ecbplus/ecbplus.jsonl")
    ap.add_argument("--aeb", type=Path, default=SHARED / "aeb/ground-truth.json")
    ap.add_argument("--pg", help="a PostgreSQL URL; by default a throwaway server is started")
    args = ap.parse_args()
    texts = load_texts(args.ecb, args.aeb)
    tokenized = {s: [Field([fold(w) for w in TERM_WORD.findall(f)]) for f in (t, x) if f] for s, t, x in texts}
    queries = make_queries(list(tokenized.values()), [x for _, _, x in texts], args.queries)
    server = None
    if not args.pg:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
        from pg_server import PgServer, find_bindir

        server = PgServer(find_bindir())
        server.start()
    try:
        with SQLiteStore(Path(tempfile.mkdtemp()) / "p.db") as lite, open_store(args.pg or server.new_database()) as pg:
            started = time.perf_counter()
            lite_ids = fill(lite, texts)
            print(f"filled sqlite in {time.perf_counter() - started:.0f} s", file=sys.stderr)
            pg_ids = fill(pg, texts)
            print(f"filled postgres in {time.perf_counter() - started:.0f} s", file=sys.stderr)
            report(queries, tokenized, lite, lite_ids, pg, pg_ids, len(texts))
    finally:
        if server is not None:
            server.stop()
    return 0


def report(queries, tokenized, lite, lite_ids, pg, pg_ids, n_texts) -> None:  # noqa: ANN001
    same = ref_lite = ref_pg = 0
    misses: list[str] = []
    for k, q in enumerate(queries):
        if k % 50 == 0:
            print(f"query {k}", file=sys.stderr, flush=True)
        expected = {s for s, fields in tokenized.items() if matches(parse_query(q), fields)}
        a, b = found(lite, lite_ids, q), found(pg, pg_ids, q)
        same += a == b
        ref_lite += a == expected
        ref_pg += b == expected
        if (a != b or a != expected) and len(misses) < 8:
            misses.append(f"  {q!r}: reference {len(expected)}, sqlite {len(a)}, postgres {len(b)}; "
                          f"only sqlite {sorted(a - b)[:2]}, only postgres {sorted(b - a)[:2]}")
    n = len(queries)
    print(f"{n_texts} real articles (ECB+ and the extraction benchmark's development bodies), {n} queries, seed {SEED}")
    print("| | same articles |\n|---|---|")
    print(f"| SQLite = PostgreSQL | {same}/{n} ({same / n:.1%}) |")
    print(f"| SQLite = reference | {ref_lite}/{n} ({ref_lite / n:.1%}) |")
    print(f"| PostgreSQL = reference | {ref_pg}/{n} ({ref_pg / n:.1%}) |")
    if misses:
        print("Disagreements (first 8):\n" + "\n".join(misses))


if __name__ == "__main__":
    raise SystemExit(main())
