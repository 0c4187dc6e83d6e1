"""``newsloom batch``: plan the shards, skip those already written, run them on an engine."""

from __future__ import annotations

import os
import time
from pathlib import Path

from ..settings import Settings
from .engine import BatchReport, Output, Progress, run_local
from .shards import plan_shards


def run_batch(inputs: list[str], out_dir: Path, settings: Settings | None = None, *, engine: str = "local",
              workers: int | None = None, batch_size: int = 32, address: str | None = None,
              stages: list[str] | None = None, progress: Progress | None = None) -> BatchReport:
    """Enrich ``inputs`` into Parquet tables under ``out_dir``; shards already written are skipped."""
    settings = settings or Settings.load()
    workers = workers or os.cpu_count() or 1
    report = BatchReport()
    started = time.perf_counter()
    shards, missing = plan_shards(inputs, int(settings.get("batch.shard_files")))
    report.errors.extend((m.source, m.error or "not found") for m in missing)
    out = Output(out_dir)
    todo = [s for s in shards if not out.done(s)]
    report.skipped = len(shards) - len(todo)
    if engine == "ray":
        from .ray_engine import run_ray  # Ray is imported only when asked for

        run_ray(todo, out, settings, workers=workers, batch_size=batch_size, address=address, stages=stages,
                report=report, progress=progress)
    elif engine == "local":
        run_local(todo, out, settings, workers=workers, batch_size=batch_size, stages=stages, report=report,
                  progress=progress)
    else:
        raise ValueError(f"unknown engine {engine!r}: use local or ray")
    report.seconds = time.perf_counter() - started
    return report



__all__ = ["run_batch"]
