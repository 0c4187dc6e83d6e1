"""trafilatura's evaluation set in the extraction benchmark: scoring, a cache of trafilatura's own
outputs, quick-loop options (a sample, named pages) and CPU-time comparison.

trafilatura's outputs are cached under ``$NEWSLOOM_TRAF_CACHE`` (default
``/tmp/newsloom-trafilatura-cache``), keyed by trafilatura's version, its settings and a hash of
the page bytes, so a rerun only redoes Newsloom. Speed is never read from the cache: a separate
sample of pages is run fresh, both extractors alternating page by page, in CPU time.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from snippet_eval import Counts, SnippetPage, _norm, count, load_set, total

CACHE = Path(os.environ.get("NEWSLOOM_TRAF_CACHE", "/tmp/newsloom-trafilatura-cache"))


def cached(fn: Callable[[bytes], str], tag: str, inputs: dict[str, bytes]) -> dict[str, str]:
    """``fn`` over every input, read from the cache when this version and setting saw the page."""
    import trafilatura

    folder = CACHE / f"trafilatura-{trafilatura.__version__}" / tag
    folder.mkdir(parents=True, exist_ok=True)
    out: dict[str, str] = {}
    for key, data in inputs.items():
        path = folder / f"{hashlib.sha256(data).hexdigest()}.txt"
        if path.exists():
            out[key] = path.read_text("utf-8")
            continue
        out[key] = fn(data)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(out[key], "utf-8")
        os.replace(tmp, path)  # a reader never sees half a file
    return out


def cpu_pair(a: Callable[[bytes], str], b: Callable[[bytes], str], inputs: dict[str, bytes]) -> tuple[float, float]:
    """CPU seconds of ``a`` and ``b`` over the inputs, alternating page by page (other processes
    on a shared machine then slow neither more than the other)."""
    first = next(iter(inputs.values()))
    a(first), b(first)  # lazy imports and caches outside the clock
    t_a = t_b = 0.0
    for value in inputs.values():
        start = time.process_time()
        a(value)
        mid = time.process_time()
        b(value)
        t_a, t_b = t_a + mid - start, t_b + time.process_time() - mid
    return t_a, t_b


def _stable_order(urls: list[str]) -> list[str]:
    # Salted: the held-out split is read off the unsalted SHA-1's first byte, so ordering by that
    # digest made every small sample a held-out-only one.
    return sorted(urls, key=lambda u: hashlib.sha1(b"sample:" + u.encode("utf-8")).hexdigest())


def select(snapshot: Path, sample: int | None, only: list[str]) -> tuple[dict[str, SnippetPage], dict[str, bytes], int]:
    """(url -> page, url -> bytes, files absent from the snapshot): every page present, or those
    whose file name or URL contains one of ``only``, or a stable sample of ``sample`` pages."""
    loaded, missing = load_set(snapshot)
    pages = {p.url: p for p, _ in loaded}
    data = {p.url: raw for p, raw in loaded}
    keep = list(pages)
    if only:
        keep = [u for u in keep if any(o in u or o in pages[u].file for o in only)]
    if sample:
        keep = _stable_order(keep)[:sample]
    return {u: pages[u] for u in keep}, {u: data[u] for u in keep}, len(missing)


def print_table(pages: dict[str, SnippetPage], outputs: dict[str, dict[str, str]]) -> dict[str, dict[str, Counts]]:
    per_page = {name: {k: count(pages[k], out.get(k)) for k in pages} for name, out in outputs.items()}
    held = {k for k, p in pages.items() if p.held_out}
    print(f"Tuning part {len(pages) - len(held)} pages, held out (never looked at while tuning) {len(held)}.\n")
    print("| system | F1 | precision | recall | F1 tuning part | F1 held out |\n|---|---|---|---|---|---|")
    for name, counts in per_page.items():
        every = total(counts.values())
        tune = total(c for k, c in counts.items() if k not in held)
        out = total(c for k, c in counts.items() if k in held)
        print(f"| {name} | {every.f1:.3f} | {every.precision:.3f} | {every.recall:.3f} | {tune.f1:.3f} | {out.f1:.3f} |")
    print()
    return per_page


def failure_class(page: SnippetPage, flat: str) -> str:
    """Why the cleaner missed a page, read from where its "with" snippets sit in the flattened
    text: "absent" (most are not in it), "short lines" (none lies on a line the cleaner reads as
    prose: recipe steps, fields, link lists) or "other block" (prose the cleaner passed over)."""
    from newsloom.extract.classify import Kind, classify_lines
    from newsloom.extract.text import split_lines

    lines = classify_lines(split_lines(flat))
    folded = [_norm(ln.text) for ln in lines]
    homes = [next((i for i, t in enumerate(folded) if _norm(s) in t), None) for s in page.with_]
    found = [i for i in homes if i is not None]
    if len(found) * 2 < len(homes):
        return "absent"
    return "other block" if any(lines[i].kind is Kind.PROSE for i in found) else "short lines"


def absent_home(page: SnippetPage, flat: str, html: str) -> str:
    """Where the page's HTML holds the "with" snippets the flattened text lacks: inside a
    ``<script>`` (JSON-rendered pages), a ``<noscript>``, an attribute (``content=``, ``alt=``,
    ``data-*``), the visible text under other spacing, or in no element as one string (split
    by markup such as ruby readings)."""
    import lxml.html

    flat_norm = _norm(flat)
    lost = [_norm(s) for s in page.with_ if _norm(s) not in flat_norm]
    try:
        tree = lxml.html.fromstring(html)
    except Exception:  # unparsable page: nothing to say where
        return "unparsable page"
    places = {
        "script": _norm(" ".join(el.text_content() for el in tree.iter("script"))),
        "noscript": _norm(" ".join(el.text_content() for el in tree.iter("noscript"))),
        "attribute": _norm(" ".join(v for el in tree.iter() if isinstance(el.tag, str) for v in el.attrib.values())),
        "visible text": _norm(tree.text_content()),
    }
    found = Counter(next((name for name, text in places.items() if s in text), "no element as one string") for s in lost)
    return found.most_common(1)[0][0] if found else "no element as one string"


def print_worst(pages: dict[str, SnippetPage], counts: dict[str, Counts], out: dict[str, str],
                label: str, worst: int, dump: Path | None = None, flat: dict[str, str] | None = None,
                html: dict[str, str] | None = None) -> None:
    """The tuning pages under snippet F1 0.30 (held-out pages are never listed); with the
    flattened inputs ``flat``, each with its failure class, and for "absent" pages, with the
    ``html``, where the page holds the missing snippets (no cleaner can find them)."""
    low = sorted((k for k, c in counts.items() if not pages[k].held_out and c.f1 < 0.3 and c.tp + c.fn),
                 key=lambda k: counts[k].f1)
    classes = {k: failure_class(pages[k], flat[k]) for k in low} if flat is not None else {}
    if html is not None and flat is not None:
        classes = {k: f"absent, in {absent_home(pages[k], flat[k], html[k])}" if c == "absent" else c
                   for k, c in classes.items()}
    tally = ", ".join(f"{n} {c}" for c, n in Counter(classes.values()).most_common())
    print(f"{label}, tuning part: {len(low)} pages under snippet F1 0.30 "
          f"({sum(1 for k in low if not out[k])} with empty output{'; ' + tally if tally else ''}); worst:\n")
    for k in low[:worst]:
        c = counts[k]
        kind = f" [{classes[k]}]" if k in classes else ""
        print(f"- {pages[k].file[:50]} tp {c.tp} fp {c.fp} fn {c.fn} ({len(out[k])} chars){kind}")
    print()
    if flat is not None:
        # Held-out pages are counted by class, never listed (nobody tunes on them).
        held = [k for k, c in counts.items() if pages[k].held_out and c.f1 < 0.3 and c.tp + c.fn]
        tally_held = Counter(failure_class(pages[k], flat[k]) for k in held)
        print(f"{label}, held-out part: {len(held)} pages under snippet F1 0.30"
              f"{' (' + ', '.join(f'{n} {c}' for c, n in tally_held.most_common()) + ')' if held else ''}.\n")
    if dump is not None:
        folder = dump / label.replace(" ", "_").replace("(", "").replace(")", "").replace(",", "")
        folder.mkdir(parents=True, exist_ok=True)
        for k in low:
            page = pages[k]
            (folder / f"{page.file}.txt").write_text(
                f"URL {k}\nWITH {list(page.with_)}\nWITHOUT {list(page.without)}\n{counts[k]}\n----\n{out[k]}", "utf-8")
