"""The command line as scripts use it: version, JSON everywhere, plain tables in pipes, ids typed as
shown, no store made by a typo, progress in documents, logging on request, readable messages."""

from __future__ import annotations

import json
import logging
import re
from enum import Enum
from importlib.metadata import version
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from newsloom.cli import app

runner = CliRunner()

# Commands that print no result of their own (they serve, watch, write an overlay or a file in a
# format of their own choosing) or whose --format picks a file format (extract, analyze, export, events).
NO_RESULT = {"serve", "watch", "extract", "analyze", "export", "events"}


def _jsonl(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": f"n-{i}", "published": f"2024-05-{i % 28 + 1:02d}", "outlet": "Quay Post",
                                 "text": f"Ferry timetable {i}\nThe ferry to island {i} will run twice a day from "
                                         "Monday, the harbour office told passengers."}) + "\n")
    return path


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("cli-script")
    path = str(folder / "n.db")
    result = runner.invoke(app, ["ingest", str(_jsonl(folder / "d.jsonl", 40)), "--db", path, "--stages", ""])
    assert result.exit_code == 0, result.output
    assert runner.invoke(app, ["stories", "build", "--db", path]).exit_code == 0
    return path


def test_version_prints_the_package_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"newsloom {version('newsloom')}"
    assert version("newsloom") in Path(__file__).resolve().parents[1].joinpath("pyproject.toml").read_text()


@pytest.mark.parametrize("command", [["stats"], ["articles"], ["search", "ferry"], ["show", "abc"], ["quotes"],
                                     ["digest"], ["failures"], ["actors"], ["stories", "list"], ["events"],
                                     ["stories", "build"], ["reprocess"], ["feeds", "list"], ["serve"],
                                     ["export", "-f", "csv"], ["actor", "X"], ["positions", "X"]])
def test_read_commands_on_a_missing_database_exit_2_and_create_nothing(tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "sub" / "missing.db"
    result = runner.invoke(app, [*command, "--db", str(missing)])
    assert result.exit_code == 2, result.output
    assert f"no database at {missing}" in result.output
    assert not missing.exists() and not missing.parent.exists()


def test_missing_database_named_by_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSLOOM_DB", str(tmp_path / "env.db"))
    assert runner.invoke(app, ["stats"]).exit_code == 2
    assert not (tmp_path / "env.db").exists()


def _choices(param) -> list[str]:  # type: ignore[no-untyped-def]
    """An option's choices, from the click type or (typer >= 0.20) the annotated enum."""
    annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return [m.value for m in annotation]
    return list(getattr(getattr(param, "type", None), "choices", []))


def test_every_result_command_offers_json() -> None:
    group = typer.main.get_command(app)

    def walk(cmd, prefix: str = ""):  # type: ignore[no-untyped-def]
        for name, sub in getattr(cmd, "commands", {}).items():
            yield from walk(sub, f"{prefix}{name} ")
            yield f"{prefix}{name}", sub

    missing = []
    for name, command in walk(group):
        if name in NO_RESULT or getattr(command, "commands", None) and name != "actors":
            continue
        if name.startswith(("actors ", "feeds add", "feeds remove")):
            continue  # these write an overlay or a subscription and say so in one line
        fmt = next((p for p in command.params if p.name == "format"), None)
        if fmt is None or "json" not in _choices(fmt):
            missing.append(name)
    assert not missing, f"commands without --format json: {missing}"


def test_json_results_parse(db: str) -> None:
    for command in (["digest"], ["stats"], ["articles", "-n", "3"], ["stories", "list", "--min-articles", "1"],
                    ["failures"], ["actors"], ["quotes"]):
        result = runner.invoke(app, [*command, "--db", db, "-f", "json"])
        assert result.exit_code == 0, (command, result.output)
        json.loads(result.stdout)
    digest = json.loads(runner.invoke(app, ["digest", "--db", db, "-f", "json"]).stdout)
    assert digest["stats"]["articles"] == 40 and digest["outlets"] == {"Quay Post": 40}


def test_tables_are_plain_text_in_a_pipe_and_keep_whole_ids(db: str) -> None:
    result = runner.invoke(app, ["articles", "--db", db, "-n", "5"])
    lines = result.stdout.splitlines()
    # The title as a comment line, then a header line; no borders.
    assert lines.pop(0) == "# Articles (5)" and lines[0] == "id\tpublished\toutlet\ttitle"
    rows = [line.split("\t") for line in lines[1:]]
    assert len(rows) == 5 and all(len(r) == 4 for r in rows)
    listed = json.loads(runner.invoke(app, ["articles", "--db", db, "-n", "5", "-f", "json"]).stdout)
    assert [r[0] for r in rows] == [a["id"] for a in listed]  # whole ids, as stored
    assert not re.search("[┃│━─…]", result.stdout)


def test_unique_id_prefixes_name_articles_and_stories(db: str) -> None:
    ids = [a["id"] for a in json.loads(runner.invoke(app, ["articles", "--db", db, "-n", "40", "-f", "json"]).stdout)]
    target = ids[0]
    prefix = next(target[:n] for n in range(1, len(target)) if sum(i.startswith(target[:n]) for i in ids) == 1)
    shown = runner.invoke(app, ["show", prefix, "--db", db, "-f", "json"])
    assert shown.exit_code == 0 and json.loads(shown.stdout)["document_id"] == target
    # An ambiguous start: exit 2, naming the candidates.
    first = target[0]
    several = sorted(i for i in ids if i.startswith(first))
    if len(several) > 1:
        result = runner.invoke(app, ["show", first, "--db", db])
        assert result.exit_code == 2 and all(i in result.output for i in several[:10])
    assert runner.invoke(app, ["show", "zz-not-an-id", "--db", db]).exit_code == 1
    story = json.loads(runner.invoke(app, ["stories", "list", "--db", db, "--min-articles", "1", "-f",
                                           "json"]).stdout)[0]["id"]
    shown = runner.invoke(app, ["stories", "show", story[:8], "--db", db, "-f", "json"])
    assert shown.exit_code == 0 and json.loads(shown.stdout)["story"]["id"] == story


def test_progress_counts_documents_not_paths(tmp_path: Path) -> None:
    from newsloom.batch.local import ingest
    from newsloom.pipeline import Pipeline
    from newsloom.settings import Settings
    from newsloom.store import SQLiteStore

    path = _jsonl(tmp_path / "many.jsonl", 500)
    (tmp_path / "one.txt").write_text("Quay repairs\nThe quay will be repaired in June, the port said.\n")
    events: list[tuple[str, int]] = []
    with SQLiteStore(tmp_path / "p.db") as store:
        report = ingest([str(path), str(tmp_path / "one.txt")], store, Settings.load(),
                        pipeline=Pipeline(Settings.load(), []), progress=lambda e, n: events.append((e, n)))
    assert report.added == 501
    assert events[0] == ("total", 501)  # known before reading: 500 lines and one file
    assert sum(n for e, n in events if e == "advance") == 501
    assert [n for e, n in events if e == "total"][-1] == 501


def test_verbose_logs_what_each_stage_does(tmp_path: Path) -> None:
    root = logging.getLogger()
    saved = (root.handlers[:], root.level, logging.getLogger("newsloom").level)
    try:
        result = runner.invoke(app, ["-v", "ingest", str(_jsonl(tmp_path / "d.jsonl", 3)), "--db",
                                     str(tmp_path / "v.db"), "--stages", ""])
        assert result.exit_code == 0
        assert "newsloom.pipeline: stage extract: 3 document(s)" in result.output
        assert "newsloom.batch.local: reading" in result.output
    finally:
        root.handlers[:] = saved[0]  # the run's handler wrote to the runner's stream, now closed
        root.setLevel(saved[1])
        logging.getLogger("newsloom").setLevel(saved[2])
    quiet = runner.invoke(app, ["ingest", str(tmp_path / "d.jsonl"), "--db", str(tmp_path / "q.db"), "--stages", ""])
    assert "stage extract" not in quiet.output


def test_sizes_and_refusals_read_well(tmp_path: Path) -> None:
    from newsloom.sources.sizes import human_size, too_large

    assert [human_size(n) for n in (1, 812, 52_000, 1_500_000, 52_400_000, 250_000_000, 3e9)] == [
        "1 byte", "812 bytes", "52 KB", "1.5 MB", "52.4 MB", "250 MB", "3 GB"]
    assert too_large(52_000, 50_000) == "too large: 52 KB, over the 50 KB limit"
    # Just over the limit, rounding would make both read "50 MB": the exact counts are given.
    assert too_large(50_000_001, 50_000_000) == "too large: 50,000,001 bytes, over the 50,000,000 byte limit"
    (tmp_path / "big.txt").write_text("word " * 11_000)
    result = runner.invoke(app, ["ingest", str(tmp_path / "big.txt"), "ftp://example.org/a", "http://127.0.0.1/x",
                                 "--db", str(tmp_path / "m.db"), "--max-bytes", "50000", "--stages", ""])
    text = " ".join(result.output.split())
    assert "too large: 55 KB, over the 50 KB limit" in text
    assert "ftp://example.org/a: refused: ftp URL (only http and https URLs are fetched)" in text
    assert "non-public address 127.0.0.1 (loopback;" in text
    assert not re.search(r"\b(\w+) \1\b", text, re.I), text  # no doubled words
