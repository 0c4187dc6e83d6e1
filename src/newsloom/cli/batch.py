"""Batch enrichment to Parquet (local process pool or Ray Data) and loading the output into a store."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .common import (
    DEFAULT_DB,
    ActorsOpt,
    ConfigOpt,
    DbOpt,
    Fmt,
    FmtOpt,
    _progress,
    _report_errors,
    _settings,
    _store,
    app,
    emit,
    err,
)


class Engine(StrEnum):
    local = "local"
    ray = "ray"


@app.command()
def batch(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, globs: HTML, text, JSON(L), WARC, "
                                                     "feeds, and Parquet shards with text/html columns.")],
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Output folder for the Parquet tables.")],
    engine: Annotated[Engine, typer.Option(help="local: a process pool here; ray: Ray Data.")] = Engine.local,
    address: Annotated[str | None, typer.Option(help="Ray cluster to join (e.g. 10.0.0.5:6379); "
                                                     "without it Ray starts here.")] = None,
    workers: Annotated[int | None, typer.Option(min=1, help="Worker processes (local) or enrichment "
                                                            "actors (ray); default: the machine's cores.")] = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Documents per enrichment call.")] = 32,
    stages: Annotated[str | None, typer.Option(help="Comma-separated stages after extraction; '' for "
                                                    "extraction only.")] = None,
    config: ConfigOpt = None,
    actors: ActorsOpt = None,
    format: FmtOpt = Fmt.table,
) -> None:
    """Enrich many documents into Parquet tables (documents, articles, mentions, dates, quotes,
    events, failures), partitioned by publication month. A re-run skips shards already written.

    Example: [cyan]newsloom batch dumps/ --out enriched/ --engine ray --workers 8[/cyan]
    """
    from ..batch.run import run_batch

    settings = _settings(config, actors)
    stage_list = None if stages is None else [s.strip() for s in stages.split(",") if s.strip()]
    progress, callback = _progress("Enriching")
    with progress:
        report = run_batch(inputs, out_dir, settings, engine=engine.value, workers=workers, batch_size=batch_size,
                           address=address, stages=stage_list, progress=callback)
    summary = {"documents": report.documents, "shards": report.shards, "skipped_shards": report.skipped,
               "failed": report.failed, "docs_per_second": round(report.docs_per_second, 2), "output": str(out_dir),
               "errors": [{"source": s, "reason": r} for s, r in report.errors]}

    def show() -> None:
        _report_errors(report.errors)
        err.print(f"{report.documents} documents in {report.shards} shard(s) · {report.skipped} shard(s) already "
                  f"written · failed {report.failed} · {report.docs_per_second:.1f} docs/s · output {out_dir}",
                  highlight=False)

    emit(summary, format, show)
    raise typer.Exit(0 if not report.errors else 1)


@app.command()
def load(
    folder: Annotated[Path, typer.Argument(help="A folder written by `newsloom batch`.")],
    db: DbOpt = DEFAULT_DB,
    config: ConfigOpt = None,
    format: FmtOpt = Fmt.table,
) -> None:
    """Load batch output into the database (documents already stored are skipped; COPY on
    PostgreSQL, ANALYZE after a large load), then run [cyan]newsloom stories build[/cyan].
    Example: [cyan]newsloom load enriched/ --db news.db[/cyan]"""
    from ..batch.load import load as run_load

    if not (folder / "manifest.json").is_file():
        err.print(f"load: {folder}: not a batch output folder (no manifest.json)")
        raise typer.Exit(2)
    progress, callback = _progress("Loading")
    with _store(db, create=True) as store, progress:
        report = run_load(folder, store, _settings(config, None), progress=callback)
    emit({"added": report.added, "present": report.present, "failed": report.failed,
          "analyzed": report.analyzed, "seconds": round(progress.seconds, 2)}, format,
         lambda: err.print(f"added {report.added} · already present {report.present} · failed documents "
                           f"{report.failed} in {progress.seconds:.1f} s"
                           + (" · statistics refreshed (ANALYZE)" if report.analyzed else ""), highlight=False))
