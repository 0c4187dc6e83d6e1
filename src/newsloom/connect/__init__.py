"""Connect articles: near-duplicate copies, stories about one development, and timelines."""

from __future__ import annotations

from .duplicates import DuplicateIndex, DuplicateParams
from .features import Item, Vectorizer, item_from_article
from .stories import StoryClusterer, StoryParams, story_id

__all__ = ["DuplicateIndex", "DuplicateParams", "Item", "StoryClusterer", "StoryParams", "Vectorizer",
           "item_from_article", "story_id"]
