"""Errors a user can act on: each names the input and the reason, and prints as one line."""

from __future__ import annotations


class NewsloomError(Exception):
    """Base class for the package's own errors."""


class IngestError(NewsloomError):
    """An input that could not be read or processed."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class StageError(NewsloomError):
    """A pipeline that is wired wrongly (a stage's requirement is not assigned before it)."""
