"""Metadata for browsing a SQLite store with datasette (``datasette newsloom.db -m metadata.json``):
table labels, descriptions, facets and full-text search. The labels are data
(``data/datasette/metadata.json``); this keys them by the database file's name, as datasette does.

    python -m newsloom.store.datasette newsloom.db > metadata.json
"""

from __future__ import annotations

import json
import sys
from importlib.resources import files
from pathlib import Path
from typing import Any

_SHIPPED_NAME = "newsloom"


def datasette_metadata(db_path: str | Path) -> dict[str, Any]:
    """The shipped metadata with its one database keyed by ``db_path``'s stem (datasette's name for it)."""
    data = json.loads(files("newsloom").joinpath("data/datasette/metadata.json").read_text(encoding="utf-8"))
    data["databases"] = {Path(db_path).stem: data["databases"][_SHIPPED_NAME]}
    return data


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        sys.stderr.write("usage: python -m newsloom.store.datasette DATABASE.db > metadata.json\n")
        return 2
    sys.stdout.write(json.dumps(datasette_metadata(argv[0]), indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
