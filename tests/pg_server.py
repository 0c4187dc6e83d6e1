"""A throwaway PostgreSQL server for tests: initdb in a temporary folder, postgres on a free loopback port."""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

INSTALL_HINT = ("install the PostgreSQL server (Debian: apt-get install postgresql) or set NEWSLOOM_PG_BIN "
                "to the folder holding initdb and postgres")


def find_bindir() -> Path | None:
    """The folder with initdb and postgres: $NEWSLOOM_PG_BIN, Debian's newest version, or PATH."""
    candidates = [Path(os.environ["NEWSLOOM_PG_BIN"])] if os.environ.get("NEWSLOOM_PG_BIN") else []
    debian = sorted(Path("/usr/lib/postgresql").glob("*/bin"),
                    key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0, reverse=True)
    candidates += debian
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "postgres").is_file():
            return folder
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgServer:
    """One postgres process owning a temporary data folder; ``new_database()`` hands out clean ones."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.proc: subprocess.Popen | None = None
        self.port = 0
        self._names = itertools.count(1)
        # PostgreSQL refuses to run as root: run it as the 'postgres' system user (or 'nobody').
        self.user: pwd.struct_passwd | None = None
        if os.geteuid() == 0:
            for name in ("postgres", "nobody"):
                try:
                    self.user = pwd.getpwnam(name)
                    break
                except KeyError:
                    continue
            if self.user is None:
                pytest.fail("running as root and no 'postgres' or 'nobody' user to run PostgreSQL as")
        # Under /tmp (world-traversable) so that user can reach it; pytest's tmp dirs are root-only.
        self.root = Path(tempfile.mkdtemp(prefix="newsloom-pg-"))
        if self.user:
            os.chown(self.root, self.user.pw_uid, self.user.pw_gid)
        self.data = self.root / "data"
        self.log = self.root / "server.log"

    def _run_as(self) -> dict:
        if self.user is None:
            return {}
        return {"user": self.user.pw_uid, "group": self.user.pw_gid, "extra_groups": []}

    def start(self, timeout: float = 20.0) -> None:
        init = subprocess.run(
            [str(self.bindir / "initdb"), "-D", str(self.data), "-U", "newsloom", "-A", "trust", "-E", "UTF8",
             "--locale=C", "--no-sync", "--no-instructions"],
            cwd=self.root, capture_output=True, text=True, **self._run_as())
        if init.returncode != 0:
            pytest.fail(f"initdb failed ({init.returncode}): {init.stderr.strip()[-800:]}")
        for _attempt in range(3):  # another process may take the free port before postgres binds it
            self.port = _free_port()
            with open(self.log, "ab") as log:
                self.proc = subprocess.Popen(
                    [str(self.bindir / "postgres"), "-D", str(self.data), "-p", str(self.port),
                     "-c", "listen_addresses=127.0.0.1", "-c", f"unix_socket_directories={self.root}",
                     # A throwaway cluster: durability settings off for speed.
                     "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                     "-c", "max_connections=30", "-c", "shared_buffers=32MB"],
                    cwd=self.root, stdout=log, stderr=subprocess.STDOUT, **self._run_as())
            if self._wait_ready(timeout):
                return
        pytest.fail(f"PostgreSQL did not start; last log lines:\n{self._log_tail()}")

    def _wait_ready(self, timeout: float) -> bool:
        assert self.proc is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            try:
                psycopg.connect(self.url("postgres"), connect_timeout=2).close()
                return True
            except psycopg.OperationalError:
                time.sleep(0.1)
        self.proc.kill()
        self.proc.wait()
        return False

    def _log_tail(self, n: int = 15) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return "(no log)"

    def url(self, database: str) -> str:
        return f"postgresql://newsloom@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """URL of a fresh, empty schema: its own search_path in the shared test database.

        Cheaper than CREATE DATABASE (which checkpoints), and it exercises several Newsloom schemas
        living in one database."""
        name = f"t{next(self._names)}"
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {name}")  # our own counter: a safe name
        return self.url("postgres") + f"?options=-csearch_path%3D{name}"

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)  # "fast" shutdown: disconnect clients, no waiting
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A PostgreSQL server for the whole session; FAILS (never skips) when the binaries are missing."""
    bindir = find_bindir()
    if bindir is None:
        pytest.fail("PostgreSQL server binaries (initdb, postgres) not found: " + INSTALL_HINT)
    server = PgServer(bindir)
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_url(pg_server: PgServer) -> str:
    """A fresh, empty schema on the session's server."""
    return pg_server.new_database()
