"""trafilatura's evaluation set as a second development benchmark: real pages, each annotated with
snippets its main text must contain ("with") and must not contain ("without").

The set is read from a snapshot of github.com/adbar/trafilatura given on the command line (never
copied into this repository). Its annotations are data: ``tests/evaldata.json`` in recent
snapshots, a dict literal in ``tests/evaldata.py`` in older ones (read with ``ast.literal_eval``,
never imported). Pages live under ``tests/cache/`` or ``tests/eval/``.

Scoring follows the set's authors: after collapsing whitespace, a "with" snippet found in the
output is a true positive (missing: a false negative), a "without" snippet found is a false
positive (absent: a true negative); precision, recall and F1 come from the counts summed over all
pages. ``tests/test_snippet_eval.py`` checks the scorer.
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

_SPACE = re.compile(r"\s+")
# Share of the set held out from tuning (chosen by a hash of the page's URL, so it is stable).
HELD_OUT_SHARE = 1 / 3


@dataclass(frozen=True, slots=True)
class SnippetPage:
    url: str
    file: str
    with_: tuple[str, ...]
    without: tuple[str, ...]

    @property
    def held_out(self) -> bool:
        digest = hashlib.sha1(self.url.encode("utf-8")).digest()
        return digest[0] < 256 * HELD_OUT_SHARE


@dataclass(frozen=True, slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn, self.tn + other.tn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        denom = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denom if denom else 0.0

    @property
    def accuracy(self) -> float:
        total = self.tp + self.fp + self.fn + self.tn
        return (self.tp + self.tn) / total if total else 0.0


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def count(page: SnippetPage, output: str | None) -> Counts:
    """One page's counts; no output (a crash, None) finds nothing."""
    found = _norm(output or "")
    tp = sum(1 for s in page.with_ if _norm(s) in found) if found else 0
    fp = sum(1 for s in page.without if _norm(s) in found) if found else 0
    return Counts(tp, fp, len(page.with_) - tp, len(page.without) - fp)


def total(counts: Iterable[Counts]) -> Counts:
    out = Counts()
    for c in counts:
        out = out + c
    return out


def _annotations(tests: Path) -> dict[str, dict[str, object]]:
    as_json = tests / "evaldata.json"
    if as_json.exists():
        return json.loads(as_json.read_text("utf-8"))
    source = (tests / "evaldata.py").read_text("utf-8")
    for node in ast.parse(source).body:
        value = getattr(node, "value", None)
        if isinstance(node, ast.Assign | ast.AnnAssign) and isinstance(value, ast.Dict):
            return ast.literal_eval(value)
    raise SystemExit(f"no annotation dict in {tests / 'evaldata.py'}")


def tests_dir(snapshot: Path) -> Path:
    """The snapshot's ``tests`` folder (the snapshot root or the folder itself may be given)."""
    for cand in (snapshot / "tests", snapshot):
        if (cand / "evaldata.json").exists() or (cand / "evaldata.py").exists():
            return cand
    raise SystemExit(f"no tests/evaldata.json or tests/evaldata.py under {snapshot}")


def load_set(snapshot: Path) -> tuple[list[tuple[SnippetPage, bytes]], list[str]]:
    """((page, HTML bytes) for every page present, files missing). Snapshots leave out files of
    4 MiB and more; those pages are skipped and counted."""
    tests = tests_dir(snapshot)
    pages: list[tuple[SnippetPage, bytes]] = []
    missing: list[str] = []
    for url, item in sorted(_annotations(tests).items()):
        name = str(item["file"])
        page = SnippetPage(url, name, tuple(item.get("with", ())), tuple(item.get("without", ())))  # type: ignore[arg-type]
        path = next((p for p in (tests / "cache" / name, tests / "eval" / name) if p.is_file()), None)
        data = path.read_bytes() if path is not None else b""
        if not data or data.startswith(b"version https://git-lfs"):
            missing.append(name)
            continue
        pages.append((page, data))
    return pages, missing
