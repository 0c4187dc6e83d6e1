"""Sources: everything that turns a user's input into Documents (the only fetchers)."""

from .files import SourceItem, expand_paths, read_path

__all__ = ["SourceItem", "expand_paths", "read_path"]
