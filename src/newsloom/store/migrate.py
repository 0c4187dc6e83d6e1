"""Named, ordered SQL migrations, recorded in a table, applied at open time."""

from __future__ import annotations

import re
import sqlite3
from importlib import resources
from typing import Any

from ..model import utcnow


def migration_scripts(dialect: str = "sqlite") -> list[tuple[str, str]]:
    """``(name, sql)`` pairs in order; PostgreSQL scripts end in ``.pg.sql``."""
    folder = resources.files("newsloom.store").joinpath("migrations")
    suffix = ".pg.sql" if dialect == "postgres" else ".sql"
    out = []
    for entry in folder.iterdir():
        name = entry.name
        if not name.endswith(suffix) or (dialect == "sqlite" and name.endswith(".pg.sql")):
            continue
        out.append((name.removesuffix(suffix), _expand(entry.read_text("utf-8"), folder, dialect)))
    return sorted(out)


# What differs between the dialects inside a shared fragment (``migrations/shared/NAME.sql``).
_DIALECT_WORDS = {"sqlite": {"{IDENTITY}": "INTEGER PRIMARY KEY", "{REF_ID}": "INTEGER", "{FLOAT}": "REAL"},
                  "postgres": {"{IDENTITY}": "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", "{REF_ID}": "BIGINT",
                               "{FLOAT}": "DOUBLE PRECISION"}}
_INCLUDE = re.compile(r"^-- include: ([\w.-]+)$", re.M)


def _expand(sql: str, folder: Any, dialect: str) -> str:
    """Tables both dialects create alike are written once, in a shared fragment, and included
    where ``-- include: NAME`` stands."""
    def fragment(m: re.Match[str]) -> str:
        text = folder.joinpath("shared", m.group(1) + ".sql").read_text("utf-8")
        for word, value in _DIALECT_WORDS["postgres" if dialect == "postgres" else "sqlite"].items():
            text = text.replace(word, value)
        return text.rstrip("\n")

    return _INCLUDE.sub(fragment, sql)


def migrate_sqlite(conn: sqlite3.Connection) -> list[str]:
    """Apply every migration not yet recorded; returns the names applied now."""
    conn.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    done = {row[0] for row in conn.execute("SELECT name FROM migrations")}
    applied = []
    for name, sql in migration_scripts("sqlite"):
        if name in done:
            continue
        # The connection is in autocommit mode: each migration is its own transaction.
        try:
            conn.executescript("BEGIN IMMEDIATE;\n" + sql)
            conn.execute("INSERT INTO migrations(name, applied_at) VALUES (?, ?)", (name, utcnow()))
            conn.execute("COMMIT")
        except Exception:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        applied.append(name)
    return applied
