"""Shared fixtures: the shared data folder, temporary databases, fast settings."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsloom.settings import Settings
from newsloom.store import SQLiteStore

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "corpus"
FIXTURES = ROOT / "tests" / "fixtures"


def shared_dir() -> Path:
    """``../shared`` beside the clone (CI), or $NEWSLOOM_SHARED."""
    env = os.environ.get("NEWSLOOM_SHARED")
    candidates = [Path(env)] if env else []
    candidates += [ROOT.parent / "shared", ROOT.parent.parent / "shared"]
    for c in candidates:
        if (c / "seeds").is_dir():
            return c
    raise RuntimeError("../shared (with seeds/) not found beside the repository; set NEWSLOOM_SHARED")


@pytest.fixture(scope="session")
def shared() -> Path:
    return shared_dir()


@pytest.fixture
def fast_settings() -> Settings:
    """Settings whose pipeline stops after extraction (no spaCy): for storage and CLI tests."""
    s = Settings.load()
    s.set("pipeline.stages", [])
    s.set("ingest.batch_size", 8)
    return s


@pytest.fixture
def store(tmp_path: Path):
    s = SQLiteStore(tmp_path / "test.db")
    yield s
    s.close()
