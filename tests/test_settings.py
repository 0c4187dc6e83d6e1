"""Settings: one typed object from defaults.toml, the user's file, the environment and flags, in order."""

from __future__ import annotations

import ast
import dataclasses
import json
import tomllib
from importlib import resources
from pathlib import Path

import pytest
from typer.testing import CliRunner

import newsloom
from newsloom.cli import app
from newsloom.settings import SECTIONS, Settings, SettingsError

SRC = Path(newsloom.__file__).resolve().parent
runner = CliRunner()


def _defaults() -> dict:
    return tomllib.loads(resources.files("newsloom").joinpath("data/defaults.toml").read_text("utf-8"))


def test_store_db_in_a_config_file_is_honoured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSLOOM_DB", raising=False)
    monkeypatch.delenv("NEWSLOOM_CONFIG", raising=False)
    db = tmp_path / "from-config.db"
    config = tmp_path / "newsloom.toml"
    config.write_text(f'[store]\ndb = "{db.as_posix()}"\n')
    page = tmp_path / "note.txt"
    page.write_text("Ferry service resumes\nThe island ferry sailed again on Monday after repairs.\n")
    result = runner.invoke(app, ["ingest", str(page), "--config", str(config), "--stages", ""])
    assert result.exit_code == 0, result.output
    assert db.is_file() and not (tmp_path / "newsloom.db").exists()
    # Commands without --config read the same file through $NEWSLOOM_CONFIG.
    monkeypatch.setenv("NEWSLOOM_CONFIG", str(config))
    stats = json.loads(runner.invoke(app, ["stats", "--format", "json"]).output)
    assert stats["articles"] == 1
    with newsloom.open() as store:
        assert store.stats()["articles"] == 1
    assert not (tmp_path / "newsloom.db").exists()


def test_layers_apply_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "c.toml"
    config.write_text('[store]\ndb = "file.db"\n[ingest]\nbatch_size = 5\n[fetch]\ntimeout = 3\n')
    monkeypatch.delenv("NEWSLOOM_CONFIG", raising=False)
    monkeypatch.delenv("NEWSLOOM_DB", raising=False)
    assert Settings.load().store.db == _defaults()["store"]["db"]
    assert Settings.load(config).store.db == "file.db"
    monkeypatch.setenv("NEWSLOOM_DB", "env.db")
    s = Settings.load(config)
    assert (s.store.db, s.ingest.batch_size, s.fetch.timeout) == ("env.db", 5, 3.0)
    s = Settings.load(config, **{"store.db": "flag.db", "ingest.batch_size": "7", "nlp.model": None})
    assert (s.store.db, s.ingest.batch_size) == ("flag.db", 7)
    assert s.nlp.model == _defaults()["nlp"]["model"]  # None means "not given"


def test_typed_sections_check_values_and_read_like_before() -> None:
    s = Settings.load()
    assert s.ingest["max_bytes"] == s.ingest.max_bytes == s.get("ingest.max_bytes") == _defaults()["ingest"]["max_bytes"]
    with pytest.raises(SettingsError, match="ingest.batch_size"):
        s.set("ingest.batch_size", "many")
    assert s.ingest.batch_size == _defaults()["ingest"]["batch_size"]  # a refused value changes nothing
    s.set("fetch.allow_private", "true")
    assert s.fetch.allow_private is True
    with pytest.raises(SettingsError):
        Settings.load(**{"serve.port": True})


def test_a_section_added_to_the_defaults_later_needs_no_code() -> None:
    data = _defaults() | {"newfeature": {"threshold": 0.4, "names": ["a"]}}
    s = Settings(data)
    assert s.get("newfeature.threshold") == 0.4 and s.newfeature["names"] == ["a"]
    assert s.get("newfeature.missing", 9) == 9
    s.set("newfeature.threshold", 0.5)
    assert s.copy().get("newfeature.threshold") == 0.5


def test_every_typed_setting_has_its_one_default_in_defaults_toml() -> None:
    defaults = _defaults()
    for name, cls in SECTIONS.items():
        for field in (f.name for f in dataclasses.fields(cls)):
            assert field in defaults[name], f"{name}.{field} has no default in defaults.toml"
    # No code gives a typed setting a fallback of its own: get("ingest.max_bytes", 20_000_000) would.
    offenders = []
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get"
                    and len(node.args) == 2 and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)
                    and node.args[0].value.partition(".")[0] in SECTIONS
                    and node.args[0].value.partition(".")[2] in defaults[node.args[0].value.partition(".")[0]]):
                offenders.append(f"{path.relative_to(SRC)}:{node.lineno} {node.args[0].value}")
    assert not offenders, offenders
