"""Connect against PostgreSQL: the same incremental build and story queries as on SQLite."""

from __future__ import annotations

import pytest

from newsloom.store import open_store
from pg_server import pg_server, pg_url  # noqa: F401 - fixtures
from test_connect import check_copies_are_stored_and_collapsed, check_incremental_build_and_queries

pytestmark = pytest.mark.server


@pytest.mark.parametrize("check", [check_incremental_build_and_queries, check_copies_are_stored_and_collapsed],
                         ids=lambda f: f.__name__.removeprefix("check_"))
def test_connect_on_postgres(check, pg_url: str) -> None:  # noqa: F811 - fixture
    store = open_store(pg_url)
    try:
        check(store)
    finally:
        store.close()
