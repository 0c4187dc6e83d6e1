"""kill -9 an ingest at random points, again and again, then finish it: the database stays sound
(integrity, full-text index, per-day counts) and nothing is lost or stored twice."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

STORIES = [
    "Ministers from France and Germany met in Brussels on {day} to discuss grain shipments.",
    "The United Nations said on {day} that aid convoys had reached the border.",
    "Officials in Japan announced on {day} a new plan for the harbour of Osaka.",
]


def _corpus(root: Path, n: int) -> int:
    """``n`` text files and a JSONL file of ``n // 4`` objects, each with a unique token ``refNNNNN``."""
    root.mkdir()
    for i in range(n):
        day = f"2024-05-{1 + i % 28:02d}"
        body = " ".join(s.format(day=day) for s in STORIES)
        (root / f"d{i:05d}.txt").write_text(f"Report ref{i:05d} from the wire\n\n{body}\n\nMore talks ref{i:05d} "
                                            "are planned for next week, officials said.\n")
    with (root / "lines.jsonl").open("w") as fh:
        for j in range(n, n + n // 4):
            fh.write(json.dumps({"id": f"line-{j}", "published": f"2024-06-{1 + j % 28:02d}",
                                 "text": f"Talks ref{j:05d} resume\n\n" + " ".join(s.format(day="Monday")
                                                                                  for s in STORIES)}) + "\n")
    return n + n // 4


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=1) as c:
            return c.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:
        return 0


def _kill_at_random_points(cmd: list[str], env: dict[str, str], db: Path, total: int, kills: int,
                           rng: random.Random) -> list[int]:
    """Start the ingest ``kills`` times, each killed once it stored a random number of new documents
    (0 included: killed while starting). Returns the counts seen at each kill."""
    seen = []
    for k in range(kills):
        before = _count(db)
        # Small random steps, so that every run is still going when it is killed.
        target = before + rng.randint(0, max(1, (total - before) // (3 * (kills - k))))
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 90
        while proc.poll() is None and _count(db) < target and time.monotonic() < deadline:
            time.sleep(rng.uniform(0.01, 0.1))
        if proc.poll() is not None:
            # Documents are committed in batches: on a quick machine a run can store the last
            # batch between two looks. Then every document is in and there is nothing left to
            # interrupt; the clean finish must still be sound (checked by the caller).
            assert proc.returncode == 0 and _count(db) == total, (k, target, proc.returncode)
            seen.append(_count(db))
            break
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        seen.append(_count(db))
    return seen


def _assert_sound(db: Path, total: int) -> None:
    with sqlite3.connect(db) as c:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert c.execute("PRAGMA foreign_key_check").fetchall() == []
        docs, hashes, sources = c.execute(
            "SELECT count(*), count(DISTINCT content_hash), count(DISTINCT source) FROM documents").fetchone()
        assert docs == hashes == sources == total, (docs, hashes, sources, total)
        failed = c.execute("SELECT source, error FROM documents WHERE status != 'done'").fetchall()
        assert failed == []
        assert c.execute("SELECT count(*) FROM articles").fetchone()[0] == total
        # The full-text index answers for every article, exactly once.
        for n, text in c.execute("SELECT n, coalesce(title, '') || ' ' || text FROM articles"):
            token = next(w for w in text.split() if w.startswith("ref"))
            rows = c.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", (token,)).fetchall()
            assert rows == [(n,)], (token, rows)
        # Per-day counts equal what they summarise.
        kept = c.execute("SELECT actor_id, day, mentions, quotes, articles FROM actor_days "
                         "WHERE mentions OR quotes OR articles ORDER BY 1, 2").fetchall()
        recount = c.execute(
            "SELECT da.actor_id, substr(a.published, 1, 10), sum(da.mentions), sum(da.quotes), count(*) "
            "FROM doc_actors da JOIN articles a ON a.doc_id = da.doc_id WHERE a.published IS NOT NULL "
            "GROUP BY 1, 2 ORDER BY 1, 2").fetchall()
        assert kept == recount


@pytest.mark.slow
@pytest.mark.parametrize(("stages", "docs", "kills"), [("", 320, 9), ("understand", 16, 1)])
def test_kill_9_at_random_points_then_finish(tmp_path: Path, stages: str, docs: int, kills: int) -> None:
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    total = _corpus(tmp_path / "in", docs)
    db = tmp_path / "crash.db"
    env = {**os.environ, "NEWSLOOM_DB": str(db)}
    cmd = [sys.executable, "-m", "newsloom", "ingest", str(tmp_path / "in"), "--stages", stages]
    seen = _kill_at_random_points(cmd, env, db, total, kills, rng)
    print(f"seed {seed}: documents stored at each kill {seen}")
    finish = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert finish.returncode == 0, (seed, finish.stderr[-2000:])
    assert f"already present {seen[-1]}" in finish.stderr, (seed, seen, finish.stderr[-500:])
    _assert_sound(db, total)
    if stages:
        with sqlite3.connect(db) as c:
            assert c.execute("SELECT count(*) FROM actor_days WHERE articles > 0").fetchone()[0] > 0
