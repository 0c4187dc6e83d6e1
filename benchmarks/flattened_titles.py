"""Titles of flattened pages against the pages' own metadata titles (a silver reference: og:title,
<title> or the first heading, as the HTML path reads them), on the 98 AEB pages and trafilatura's
evaluation set, flattened with html-text and inscriptis. Held-out pages are counted, never listed.

    python benchmarks/flattened_titles.py [--trafilatura-set /tmp/trafx] [--show 20]

Each title is put in one of four classes after folding case and punctuation: exact, contains
(one holds the other: a section prefix, a cut outlet suffix), other, none (no title).
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from extraction import FLATTENERS, load_aeb, shared_dir  # noqa: E402
from extraction_set import select  # noqa: E402
from lxml.html import fromstring  # noqa: E402

from newsloom.extract.decode import decode  # noqa: E402
from newsloom.extract.metadata import html_metadata  # noqa: E402
from newsloom.extract.text import extract_text  # noqa: E402


def fold(title: str | None) -> str:
    return " ".join(re.findall(r"\w+", unicodedata.normalize("NFKC", title or "").lower()))


def verdict(found: str | None, reference: str) -> str:
    got = fold(found)
    if not got:
        return "none"
    if got == reference:
        return "exact"
    return "contains" if got in reference or reference in got else "other"


def pages(snapshot: Path | None) -> dict[tuple[str, str], str]:
    """(part, page id) -> HTML; parts: aeb, tuning, held out."""
    html, _ = load_aeb(shared_dir())
    out = {("aeb", k): v for k, v in html.items()}
    if snapshot is not None:
        found, data, _ = select(snapshot, None, [])
        for url, raw in data.items():
            out[("held out" if found[url].held_out else "tuning", url)] = decode(raw, url, None)
    return out


def reference(html: str) -> str:
    try:
        return fold(html_metadata(fromstring(html)).title)
    except Exception:  # noqa: BLE001 - a page lxml cannot read has no reference
        return ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trafilatura-set", type=Path, default=None)
    parser.add_argument("--show", type=int, default=0, help="list this many 'other' titles (AEB and tuning only)")
    args = parser.parse_args()
    inputs = pages(args.trafilatura_set)
    refs = {key: reference(html) for key, html in inputs.items()}
    shown = 0
    for name in ("html-text", "inscriptis"):
        flatten = FLATTENERS[name]
        tally: dict[str, Counter[str]] = {}
        for key, html in inputs.items():
            if not refs[key]:
                continue
            title = extract_text(flatten(html), source=key[1]).title
            kind = verdict(title, refs[key])
            tally.setdefault(key[0], Counter())[kind] += 1
            if kind == "other" and key[0] != "held out" and shown < args.show:
                shown += 1
                print(f"  {name} {key[0]}: {title!r} (page's own: {refs[key]!r})")
        for part, counts in tally.items():
            n = sum(counts.values())
            row = ", ".join(f"{k} {counts[k]}" for k in ("exact", "contains", "other", "none"))
            print(f"{name:10} {part:8} {n:4} pages with a metadata title: {row}; exact {counts['exact'] / n:.3f}")


if __name__ == "__main__":
    main()
