"""Flattened-text cleaner speed, this tree against another revision, passes alternated in one
process (the machine's load falls on both alike), in CPU time, memo of short lines cleared
before each pass; first checks that both give the same outputs.

    .venv/bin/python benchmarks/cleaner_speed.py [--rev main] [--rounds 30] [--flattener html-text]
        [--trafilatura-set SNAPSHOT [--set-pages 300]]

The other revision's ``src/newsloom`` is unpacked (``git archive``) into a temporary folder as
the package ``newsloom_rev``. Data: the 98 AEB pages, as ``extraction.py`` reads them; with
``--trafilatura-set``, outputs (Article and line classes) are also compared on evenly spaced pages of
that set's pages (both parts; counts only, no page named), which are not timed.
"""

from __future__ import annotations

import argparse
import importlib
import io
import os
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from extraction import ROOT, flatten, load_aeb, shared_dir  # noqa: E402


def unpack(rev: str, into: Path) -> None:
    data = subprocess.run(["git", "archive", rev, "src/newsloom"], cwd=ROOT, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(into, filter="data")
    (into / "src" / "newsloom").rename(into / "newsloom_rev")
    for path in (into / "newsloom_rev").rglob("*.py"):
        text = path.read_text("utf-8")
        renamed = re.sub(r"\b(from|import) newsloom\b", r"\1 newsloom_rev", text).replace('files("newsloom")', 'files("newsloom_rev")')
        if renamed != text:
            path.write_text(renamed, "utf-8")
    sys.path.insert(0, str(into))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rev", default="main")
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--flattener", default="html-text")
    parser.add_argument("--trafilatura-set", type=Path, metavar="SNAPSHOT", help="also compare outputs on its pages")
    parser.add_argument("--set-pages", type=int, default=300, help="how many of its pages (evenly spaced)")
    args = parser.parse_args()
    pages, _ = load_aeb(shared_dir())
    flat = list(flatten(pages, args.flattener).values())
    with tempfile.TemporaryDirectory() as tmp:
        unpack(args.rev, Path(tmp))
        mods = {name: (importlib.import_module(f"{pkg}.extract.text"), importlib.import_module(f"{pkg}.extract.classify"))
                for name, pkg in ((args.rev, "newsloom_rev"), ("this tree", "newsloom"))}
        outputs = [[text.extract_text(x, source="b") for x in flat] for text, _ in mods.values()]
        same = all(repr(a) == repr(b) for a, b in zip(*outputs, strict=True))
        if args.trafilatura_set:
            compare_on_set(args, list(mods.values()))
        times: dict[str, list[float]] = {name: [] for name in mods}
        loads = []
        for r in range(args.rounds):
            for name in list(mods)[:: 1 if r % 2 == 0 else -1]:
                text, classify = mods[name]
                classify._lexicon_kind.cache_clear()
                start = time.process_time()
                for x in flat:
                    text.extract_text(x, source="b")
                times[name].append(time.process_time() - start)
            loads.append(os.getloadavg()[0])
    print(f"{len(flat)} AEB pages ({args.flattener}), {args.rounds} rounds alternated, outputs identical: {same}")
    for name, ts in times.items():
        rates = sorted(len(flat) / t for t in ts)
        print(f"  {name}: median {statistics.median(rates):.0f} docs/CPU-s "
              f"(quartiles {rates[len(rates) // 4]:.0f}-{rates[3 * len(rates) // 4]:.0f}, {rates[0]:.0f}-{rates[-1]:.0f})")
    ratios = sorted(b / a for a, b in zip(*times.values(), strict=True))
    print(f"  CPU time this tree / {args.rev}, per round: median {statistics.median(ratios):.3f} "
          f"(quartiles {ratios[len(ratios) // 4]:.3f}-{ratios[3 * len(ratios) // 4]:.3f}); "
          f"load average {min(loads):.1f}-{max(loads):.1f} on {os.cpu_count()} cores")


def compare_on_set(args: argparse.Namespace, mods: list[tuple[object, object]]) -> None:
    """Whether both revisions give the same Article and line classes on the set's sample pages."""
    from extraction_set import select

    from newsloom.extract.decode import decode

    pages, data, _ = select(args.trafilatura_set, None, [])
    # Evenly spaced in URL order: the set's stable sample takes its held-out part first.
    keep = sorted(data)[:: max(1, len(data) // args.set_pages)][: args.set_pages]
    pages = {k: pages[k] for k in keep}
    flat = flatten({k: decode(data[k], "bench") for k in keep}, args.flattener)

    def outputs(text: object, classify: object, x: str) -> str:
        lines = classify.classify_lines(text.split_lines(x), None, {})  # type: ignore[attr-defined]
        return repr((text.extract_text(x, source="b"), lines))  # type: ignore[attr-defined]

    differ = {k for k, x in flat.items() if outputs(*mods[0], x) != outputs(*mods[1], x)}
    held = sum(1 for k in pages if pages[k].held_out)
    print(f"{len(flat)} pages of trafilatura's set ({len(flat) - held} tuning, {held} held out; {args.flattener}): "
          f"outputs differ on {len(differ)} ({sum(1 for k in differ if pages[k].held_out)} held out)")


if __name__ == "__main__":
    main()
