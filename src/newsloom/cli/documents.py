"""Commands that take documents in: ingest, extract, analyze, failures, retry, reprocess."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape

from .. import output
from ..settings import Settings
from .common import (
    DEFAULT_DB,
    ActorsOpt,
    ConfigOpt,
    DbOpt,
    DocFmt,
    Fmt,
    FmtOpt,
    _progress,
    _report_errors,
    _report_warnings,
    _settings,
    _store,
    app,
    err,
    out,
)

AllowShortOpt = Annotated[bool, typer.Option("--allow-short", help="Keep documents whose article has "
                                             "only a few words (short notes) instead of failing them.")]


@app.command()
def ingest(
    paths: Annotated[list[str] | None, typer.Argument(help="Files, folders (recursive), glob patterns, URLs "
                                                           "(pages, RSS/Atom feeds, sitemaps), or - for stdin.")] = None,
    input_file: Annotated[Path | None, typer.Option("--input-file", "-i", help="A file naming inputs (paths or "
                                                    "URLs), one a line; # starts a comment.")] = None,
    db: DbOpt = DEFAULT_DB,
    config: ConfigOpt = None,
    actors: ActorsOpt = None,
    stages: Annotated[str | None, typer.Option(help="Comma-separated stages after extraction, e.g. "
                                                    "'understand'; '' for extraction only.")] = None,
    max_bytes: Annotated[int | None, typer.Option(help="Largest input accepted, in bytes.")] = None,
    allow_short: AllowShortOpt = False,
    format: Annotated[Fmt, typer.Option("--format", "-f", help="table: a summary for people; json: the "
                                        "summary and every error as one JSON object on stdout.")] = Fmt.table,
) -> None:
    """Store documents and everything found in them. Already stored documents are skipped.

    Examples: [cyan]newsloom ingest examples/corpus[/cyan] ·
    [cyan]newsloom ingest 'crawl/**/*.html' --db news.db[/cyan] · [cyan]cat dump.jsonl | newsloom ingest -[/cyan]
    """
    from ..batch.local import ingest as run_ingest
    from ..batch.local import ingest_items
    from ..pipeline import Pipeline
    from ..sources.stdin import read_stdin

    inputs = list(paths or []) + (_input_lines(input_file) if input_file else [])
    if not inputs:
        err.print("ingest: give inputs (paths, URLs, - for stdin) or --input-file FILE")
        raise typer.Exit(2)
    settings = _settings(config, actors, **{"ingest.max_bytes": max_bytes, "input.allow_short": allow_short or None})
    stage_list = None if stages is None else [s.strip() for s in stages.split(",") if s.strip()]
    pipeline = Pipeline(settings, stage_list)
    progress, callback = _progress("Ingesting")
    with _store(db, config, create=True) as store, progress:
        report = run_ingest([i for i in inputs if i != "-"], store, settings, pipeline=pipeline, progress=callback)
        if "-" in inputs:
            piped = ingest_items(read_stdin(sys.stdin.buffer.read()), store, settings, pipeline=pipeline)
            report.added, report.present = report.added + piped.added, report.present + piped.present
            report.failed += piped.failed
            report.errors.extend(piped.errors)
    _summary(report, format, progress.seconds)


def _input_lines(path: Path) -> list[str]:
    try:
        lines = path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        err.print(f"ingest: {escape(str(path))}: cannot read the input list: {escape(str(exc))}")
        raise typer.Exit(2) from None
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _summary(report: Any, format: Fmt, seconds: float | None = None) -> None:
    """The end of ingest and retry: a line for people, or one JSON object for scripts."""
    not_found = len(report.errors) - report.failed
    if format is Fmt.json:
        sys.stdout.write(json.dumps({"added": report.added, "present": report.present, "failed": report.failed,
                                     "not_found": max(0, not_found), "seconds": round(seconds or 0, 2),
                                     "errors": [{"source": s, "reason": r} for s, r in report.errors]},
                                    ensure_ascii=False) + "\n")
    else:
        _report_errors(report.errors)
        _report_warnings(getattr(report, "warnings", []))
        err.print(f"added {report.added} · already present {report.present} · failed {report.failed}"
                  f"{' · not found ' + str(not_found) if not_found > 0 else ''}"
                  f"{f' in {seconds:.1f} s' if seconds is not None else ''}", highlight=False)
    raise typer.Exit(0 if report.ok else 1)


def _emit_documents(paths: list[str], fmt: DocFmt, settings: Settings, with_facts: bool) -> None:
    from ..pipeline import analyze_documents
    from ..sources.files import expand_paths
    from ..sources.web import WebReader

    stages = None if with_facts else []
    reader = WebReader(settings)
    files, missing = expand_paths(paths)
    results: list[dict[str, Any]] = [output.error_object(m.source, m.error or "not found") for m in missing]
    failed = len(missing)
    for path in files:
        items = list(reader.read(path))
        good = [i for i in items if i.doc is not None and not i.error]
        # The library's own function, as newsloom.analyze() / newsloom.extract() use it.
        articles = iter(analyze_documents([i.doc for i in good if i.doc], settings, stages=stages))
        for item in items:
            if item.doc is None or item.error:
                results.append(output.error_object(item.source, item.error or "unreadable"))
                failed += 1
                continue
            article = next(articles)
            article.source = item.source
            d = article.as_dict() if with_facts else article.extracted_dict()
            if not with_facts:
                d["document_id"] = None
            failed += bool(article.error)
            results.append(d)
        if fmt is DocFmt.jsonl:
            for d in results:
                sys.stdout.write(json.dumps(d, ensure_ascii=False) + "\n")
            results = []
    if fmt is DocFmt.json:
        value: Any = results[0] if len(results) == 1 else results
        sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")
    for d in results if fmt is DocFmt.json else []:
        if d.get("error"):
            _report_errors([(str(d["source"]), str(d["error"]))])
    raise typer.Exit(1 if failed else 0)


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs or URLs.")],
    format: Annotated[DocFmt, typer.Option("--format", "-f", help="json: one object (a list for several "
                                           "inputs); jsonl: one object per line.")] = DocFmt.json,
    config: ConfigOpt = None,
) -> None:
    """Extract the article (text, paragraphs with offsets, metadata) without a database.

    Example: [cyan]newsloom extract page.html --format json[/cyan]
    """
    _emit_documents(paths, format, _settings(config), with_facts=False)


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs or URLs.")],
    format: Annotated[DocFmt, typer.Option("--format", "-f", help="json or jsonl.")] = DocFmt.json,
    config: ConfigOpt = None,
    actors: ActorsOpt = None,
) -> None:
    """Extract and run every enrichment (entities, dates, quotes) without a database.

    Example: [cyan]newsloom analyze article.txt --format jsonl[/cyan]
    """
    _emit_documents(paths, format, _settings(config, actors), with_facts=True)




@app.command()
def failures(db: DbOpt = DEFAULT_DB, format: FmtOpt = Fmt.table) -> None:
    """List documents that failed, with the reason. Example: [cyan]newsloom failures[/cyan]"""
    with _store(db) as store:
        rows = [{"id": r.id, "source": r.source, "error": r.error} for r in store.failures()]
    output.rows(out, rows, ["id", "source", "error"], fmt=format.value, title="Failed documents")


def _rerun(db: str | None, ids: list[str] | None, status: str | None, config: Path | None,
           actors: list[Path] | None, label: str, max_bytes: int | None = None, allow_short: bool = False,
           format: Fmt = Fmt.table) -> None:
    from ..batch.local import reprocess as run_reprocess

    settings = _settings(config, actors, **{"ingest.max_bytes": max_bytes, "input.allow_short": allow_short or None})
    progress, callback = _progress(label)
    with _store(db, config) as store, progress:
        targets = ids or store.document_ids(status)
        report = run_reprocess(store, targets, settings, progress=callback)
    if format is Fmt.json:
        _summary(report, format, progress.seconds)
    _report_errors(report.errors)
    err.print(f"processed {report.added} · failed {report.failed} in {progress.seconds:.1f} s", highlight=False)
    raise typer.Exit(0 if report.ok else 1)


@app.command()
def retry(
    ids: Annotated[list[str] | None, typer.Argument(help="Document ids; all failed ones when omitted.")] = None,
    db: DbOpt = DEFAULT_DB, config: ConfigOpt = None, actors: ActorsOpt = None,
    max_bytes: Annotated[int | None, typer.Option(help="Largest input accepted, in bytes.")] = None,
    allow_short: AllowShortOpt = False,
    format: Annotated[Fmt, typer.Option("--format", "-f", help="table or json (a summary object on "
                                        "stdout).")] = Fmt.table,
) -> None:
    """Run failed documents again (failed URLs are fetched again). Example: [cyan]newsloom retry[/cyan]"""
    _rerun(db, ids, "failed", config, actors, "Retrying", max_bytes, allow_short, format)


@app.command()
def reprocess(
    ids: Annotated[list[str] | None, typer.Argument(help="Document ids; every document when omitted.")] = None,
    db: DbOpt = DEFAULT_DB, config: ConfigOpt = None, actors: ActorsOpt = None,
    format: Annotated[Fmt, typer.Option("--format", "-f", help="table or json (a summary object on "
                                        "stdout).")] = Fmt.table,
) -> None:
    """Run stored raw inputs through the current pipeline again. Example: [cyan]newsloom reprocess[/cyan]"""
    _rerun(db, ids, None, config, actors, "Reprocessing", format=format)
