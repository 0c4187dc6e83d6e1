"""Connect against PostgreSQL: the same incremental build and story queries as on SQLite."""

from __future__ import annotations

import pytest

from newsloom.store import open_store
from pg_server import pg_server, pg_url  # noqa: F401 - fixtures
from test_connect import check_incremental_build_and_queries

pytestmark = pytest.mark.server


def test_incremental_build_and_queries_postgres(pg_url: str) -> None:  # noqa: F811 - fixture
    store = open_store(pg_url)
    try:
        check_incremental_build_and_queries(store)
    finally:
        store.close()
