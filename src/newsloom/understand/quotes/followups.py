"""What follows a quotation's attribution: verbs that, hanging on the attribution's own verb,
still open a statement of their own ("“…,” she said, adding “…”"), read from data."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml


@lru_cache(maxsize=1)
def new_statement_verbs() -> frozenset[str]:
    text = resources.files("newsloom").joinpath("data/lexicons/quote_context.yaml").read_text("utf-8")
    return frozenset(str(v).lower() for v in (yaml.safe_load(text).get("new_statement_verbs") or []))
