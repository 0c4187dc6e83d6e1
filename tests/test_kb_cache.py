"""The knowledge base is loaded once per list of extra files, however the list is spelled."""

from __future__ import annotations

from newsloom.understand.kb import load_kb


def test_every_spelling_of_no_extra_files_shares_one_base() -> None:
    assert load_kb() is load_kb(()) is load_kb([])
