"""What every record module shares: the literal types, the content hash and the clock."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any, Literal

ActorType = Literal["country", "person", "organization", "place", "event", "other"]
QuoteKind = Literal["direct", "partial", "indirect"]
Status = Literal["pending", "done", "failed"]


def content_hash(data: bytes) -> str:
    """SHA-256 hex digest: the identity of a stored document."""
    return hashlib.sha256(data).hexdigest()


def utcnow() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def prune(d: dict[str, Any], keep: tuple[str, ...] = ()) -> dict[str, Any]:
    """Drop keys whose value is None, except those the schema requires."""
    return {k: v for k, v in d.items() if v is not None or k in keep}

