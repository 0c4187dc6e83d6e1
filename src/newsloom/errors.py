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


class FetchError(IngestError):
    """A fetch that did not give a page: the HTTP status (None for a timeout or network error),
    how long the server asked us to wait (Retry-After, in seconds), and whether trying again later
    may help (429, 5xx, timeouts)."""

    def __init__(self, source: str, reason: str, *, status: int | None = None,
                 retry_after: float | None = None, retryable: bool = False) -> None:
        super().__init__(source, reason)
        self.status = status
        self.retry_after = retry_after
        self.retryable = retryable


class NotModified(IngestError):
    """A conditional GET answered 304: nothing new since the ETag / Last-Modified we sent."""


class StageError(NewsloomError):
    """A pipeline that is wired wrongly (a stage's requirement is not assigned before it)."""
