"""Derive the compact PLOVER -> CAMEO table (``data/lexicons/events_cameo.yaml``) from PLOVER's
``CAMEO2PLOVER-2021.txt``.

The file maps each CAMEO code to a PLOVER type and mode. The inverse is kept only where it is clean:
for a (type, mode) pair, one CAMEO code that the table maps to that same pair and that is the
ancestor of every code mapped to the pair (CAMEO's hierarchy: 1121 < 112 < 110, the "x0" code being
the generic one of its two-digit root). Where no such code exists the pair gets no CAMEO code.

    .venv/bin/python benchmarks/cameo_map.py /path/to/PLOVER/CAMEO2PLOVER-2021.txt
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src/newsloom/data/lexicons/events_cameo.yaml"
LINE = re.compile(r"^(\d{3,4}):\s*([A-Z]+)\s*,\s*([^,#]*?)\s*,")


def parse(text: str) -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for line in text.splitlines():
        m = LINE.match(line)
        if m:
            table.setdefault(m.group(1), (m.group(2), m.group(3).strip()))
    return table


def ancestors(code: str) -> list[str]:
    """The code itself and its CAMEO ancestors, nearest first (1121 -> 112 -> 110)."""
    out = [code]
    if len(code) == 4:
        code = code[:3]
        out.append(code)
    if len(code) == 3 and not code.endswith("0"):
        out.append(code[:2] + "0")
    return out


def clean_inverse(table: dict[str, tuple[str, str]]) -> dict[str, dict[str, str]]:
    pairs: dict[tuple[str, str], list[str]] = {}
    for code, pair in table.items():
        pairs.setdefault(pair, []).append(code)
    # a type without mode covers every code of the type
    for (type_, _mode), codes in list(pairs.items()):
        pairs.setdefault((type_, "*"), []).extend(codes)
    out: dict[str, dict[str, str]] = {}
    for (type_, mode), codes in sorted(pairs.items()):
        wanted = (type_, "") if mode == "*" else (type_, mode)
        for cand in sorted(set(codes) | {a for c in codes for a in ancestors(c)}, key=len):
            if table.get(cand) == wanted and all(cand in ancestors(c) for c in codes):
                out.setdefault(type_, {})["" if mode == "*" else mode] = cand
                break
    return out


def main() -> None:
    src = Path(sys.argv[1])
    inverse = clean_inverse(parse(src.read_text("utf-8")))
    lines = ["# PLOVER (type, mode) -> CAMEO code where PLOVER's CAMEO->PLOVER table has a clean inverse.",
             "# Derived by benchmarks/cameo_map.py from CAMEO2PLOVER-2021.txt (PLOVER manual draft 0.8,",
             "# 17 September 2021) in github.com/openeventdata/PLOVER, CC BY-SA 4.0. Mode \"\" is the",
             "# type's own code, used when the event's mode has none.",
             "codes:"]
    for type_, modes in sorted(inverse.items()):
        lines.append(f"  {type_}:")
        for mode, code in sorted(modes.items()):
            lines.append(f"    \"{mode}\": \"{code}\"")
    OUT.write_text("\n".join(lines) + "\n", "utf-8")
    print(f"{sum(len(m) for m in inverse.values())} codes -> {OUT}")


if __name__ == "__main__":
    main()
