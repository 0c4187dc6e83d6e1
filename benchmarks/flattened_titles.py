"""Titles, publication dates and authors of flattened pages against the pages' own metadata (a
silver reference: og:title, <title> or the first heading; the published date and the authors, as
the HTML path reads them), on the 98 AEB pages and trafilatura's evaluation set, flattened with
html-text and inscriptis. Held-out pages are counted, never listed.

    python benchmarks/flattened_titles.py [--trafilatura-set /tmp/trafx] [--show 20] [--where]

Each title is put in one of four classes after folding case and punctuation: exact, contains
(one holds the other: a section prefix, a cut outlet suffix), other, none (no title). A date is
the same day, another day or none; authors overlap (one name in common, case folded), other or
none. ``--where`` also tells where the reference date is written on the flattened page (tuning
and AEB pages): in the lines over the article's first line (the header's reach), further up, in
or under the article, or nowhere, in any common written form.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import Counter
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from extraction import FLATTENERS, load_aeb, shared_dir  # noqa: E402
from extraction_set import select  # noqa: E402
from lxml.html import fromstring  # noqa: E402

from newsloom.extract.byline import date_words  # noqa: E402
from newsloom.extract.decode import decode  # noqa: E402
from newsloom.extract.metadata import html_metadata  # noqa: E402
from newsloom.extract.text import HEADER_REACH, extract_text, split_lines  # noqa: E402
from newsloom.model import Article  # noqa: E402

Reference = tuple[str, str | None, list[str]]  # folded title, published, authors


def fold(title: str | None) -> str:
    return " ".join(re.findall(r"\w+", unicodedata.normalize("NFKC", title or "").lower()))


def verdict(found: str | None, reference: str) -> str:
    got = fold(found)
    if not got:
        return "none"
    if got == reference:
        return "exact"
    return "contains" if got in reference or reference in got else "other"


def date_verdict(found: str | None, reference: str) -> str:
    if not found:
        return "none"
    return "same day" if found[:10] == reference[:10] else "other day"


def one_day_off(found: str | None, reference: str) -> bool:
    try:
        return abs((date.fromisoformat(found[:10]) - date.fromisoformat(reference[:10])).days) == 1  # type: ignore[index]
    except (TypeError, ValueError):
        return False


def author_verdict(found: list[str], reference: list[str]) -> str:
    if not found:
        return "none"
    return "overlap" if {a.lower() for a in found} & {a.lower() for a in reference} else "other"


def pages(snapshot: Path | None) -> dict[tuple[str, str], str]:
    """(part, page id) -> HTML; parts: aeb, tuning, held out."""
    html, _ = load_aeb(shared_dir())
    out = {("aeb", k): v for k, v in html.items()}
    if snapshot is not None:
        found, data, _ = select(snapshot, None, [])
        for url, raw in data.items():
            out[("held out" if found[url].held_out else "tuning", url)] = decode(raw, url, None)
    return out


def references(html: str) -> Reference:
    """The page's own folded title, published date and authors, as the HTML path reads them."""
    try:
        meta = html_metadata(fromstring(html))
    except Exception:  # noqa: BLE001 - a page lxml cannot read has no reference
        return "", None, []
    return fold(meta.title), meta.published, list(meta.authors)


def reference(html: str) -> str:
    return references(html)[0]


def written_forms(iso: str) -> re.Pattern[str]:
    """The ways a page may write the day ``iso`` (numbers in the common orders, month names of
    the lexicon's languages between day and year), for measuring where the date is written."""
    y, m, d = int(iso[:4]), int(iso[5:7]), int(iso[8:10])
    names = "|".join(re.escape(n) for n, i in date_words().months.items() if i == m)
    forms = [rf"{y}-{m:02d}-{d:02d}", rf"{y}/0?{m}/0?{d}\b", rf"\b0?{d}\.0?{m}\.{y}", rf"\b0?{d}/0?{m}/{y}",
             rf"\b0?{m}/0?{d}/{y}", rf"\b0?{d}-0?{m}-{y}", rf"{y}年0?{m}月0?{d}日",
             rf"\b0?{d}(?:st|nd|rd|th|er)?\.?\s+(?:de\s+)?(?:{names})\b\.?,?\s+(?:de\s+)?{y}",
             rf"\b(?:{names})\b\.?\s+0?{d}(?:st|nd|rd|th)?,?\s+{y}"]
    return re.compile("|".join(forms), re.I)


def where(text: str, article: Article, iso: str) -> str:
    """Where the day ``iso`` is written on a flattened page, relative to the article's first line."""
    lines = split_lines(text)
    forms = written_forms(iso)
    hits = [i for i, line in enumerate(lines) if forms.search(line)]
    if not hits:
        return "not written"
    opening = article.text[article.paragraphs[0].start:article.paragraphs[0].end][:60] if article.paragraphs else None
    first = next((i for i, line in enumerate(lines) if opening and line.startswith(opening)), None)
    if first is None:
        return "written, no article"
    if any(first - HEADER_REACH <= i < first for i in hits):
        return "header reach"
    return "further up" if min(hits) < first else "in or under the article"


def show_table(name: str, kind: str, tally: dict[str, Counter[str]], classes: tuple[str, ...]) -> None:
    for part, counts in tally.items():
        n = sum(v for k, v in counts.items() if not k.startswith("of which"))
        row = ", ".join(f"{k} {counts[k]}" for k in classes)
        print(f"{name:10} {part:8} {n:4} pages with metadata {kind}: {row}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trafilatura-set", type=Path, default=None)
    parser.add_argument("--show", type=int, default=0, help="list this many 'other' titles (AEB and tuning only)")
    parser.add_argument("--where", action="store_true", help="where the reference date is written (not held out)")
    args = parser.parse_args()
    inputs = pages(args.trafilatura_set)
    refs = {key: references(html) for key, html in inputs.items()}
    shown = 0
    for name in ("html-text", "inscriptis"):
        flatten = FLATTENERS[name]
        tally: dict[str, Counter[str]] = {}
        dates: dict[str, Counter[str]] = {}
        authors: dict[str, Counter[str]] = {}
        places: dict[tuple[str, str], Counter[str]] = {}
        for key, html in inputs.items():
            title_ref, published, names = refs[key]
            if not (title_ref or published or names):
                continue
            text = flatten(html)
            art = extract_text(text, source=key[1])
            if published:
                got = date_verdict(art.published, published)
                dates.setdefault(key[0], Counter())[got] += 1
                if got == "other day" and one_day_off(art.published, published):
                    dates[key[0]]["of which 1 day off"] += 1  # often the zone: 23:30 UTC is the next day in Berlin
                if args.where and key[0] != "held out":
                    places.setdefault((key[0], got), Counter())[where(text, art, published)] += 1
            if names:
                authors.setdefault(key[0], Counter())[author_verdict(art.authors, names)] += 1
            if not title_ref:
                continue
            kind = verdict(art.title, title_ref)
            tally.setdefault(key[0], Counter())[kind] += 1
            if kind == "other" and key[0] != "held out" and shown < args.show:
                shown += 1
                print(f"  {name} {key[0]}: {art.title!r} (page's own: {title_ref!r})")
        for part, counts in tally.items():
            n = sum(counts.values())
            row = ", ".join(f"{k} {counts[k]}" for k in ("exact", "contains", "other", "none"))
            print(f"{name:10} {part:8} {n:4} pages with a metadata title: {row}; exact {counts['exact'] / n:.3f}")
        show_table(name, "date", dates, ("same day", "other day", "of which 1 day off", "none"))
        show_table(name, "authors", authors, ("overlap", "other", "none"))
        for (part, got), counts in sorted(places.items()):
            print(f"{name:10} {part:8} date {got:9}: " + ", ".join(f"{k} {v}" for k, v in counts.most_common()))


if __name__ == "__main__":
    main()
