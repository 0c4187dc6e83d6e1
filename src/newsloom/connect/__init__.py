"""Connect articles: near-duplicate copies, stories about one development, and timelines."""

from __future__ import annotations

from .build import Connections, build_stories, connect, connect_articles
from .duplicates import DuplicateIndex, DuplicateParams
from .features import Item, Vectorizer, item_from_article
from .stories import StoryClusterer, StoryParams, story_id
from .timelines import actor_story_timeline, story_timeline

__all__ = ["Connections", "DuplicateIndex", "DuplicateParams", "Item", "StoryClusterer", "StoryParams",
           "Vectorizer", "actor_story_timeline", "build_stories", "connect", "connect_articles",
           "item_from_article", "story_id", "story_timeline"]
