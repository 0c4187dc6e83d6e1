"""Storage behind one interface: SQLite (embedded default) and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from .base import Filters, Page, Store
from .sqlite import SQLiteStore

__all__ = ["Filters", "Page", "Store", "SQLiteStore", "open_store"]


def open_store(target: str | Path, *, readonly: bool = False) -> Store:
    """A store for ``target``: a ``postgresql://`` URL, or a SQLite file path."""
    text = str(target)
    if text.startswith(("postgres://", "postgresql://")):
        from .postgres import PostgresStore

        return PostgresStore(text)
    return SQLiteStore(text, readonly=readonly)
