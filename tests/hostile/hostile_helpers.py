"""Helpers for the hostile-input suite (a module of its own: ``import conftest`` would be ambiguous
beside tests/conftest.py): run the CLI in a child process under resource limits, and
build hostile inputs in the test (nothing large is committed)."""

from __future__ import annotations

import gzip
import io
import os
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

# Bounds every hostile run must stay within: address space (the process's whole memory, Python
# and its libraries included) and CPU seconds; a wall-clock timeout catches sleeping hangs.
MEMORY_MB = 1536
CPU_SECONDS = 90


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


def _limits(memory_mb: int, cpu_s: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory_mb << 20, memory_mb << 20))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_s, cpu_s))
    return apply


def run_cli(args: list[str], db: Path, *, memory_mb: int = MEMORY_MB, cpu_s: int = CPU_SECONDS,
            timeout: float = 120, extra_env: dict[str, str] | None = None) -> Run:
    """``newsloom ARGS --db DB`` in a child process under memory and CPU limits."""
    env = {**os.environ, "NEWSLOOM_DB": str(db), "COLUMNS": "200", **(extra_env or {})}
    proc = subprocess.run([sys.executable, "-m", "newsloom", *args], env=env, capture_output=True, text=True,
                          timeout=timeout, preexec_fn=_limits(memory_mb, cpu_s))
    return Run(proc.returncode, proc.stdout, proc.stderr)


def gzip_bomb(inflated_mb: int, prefix: bytes = b"") -> bytes:
    """A gzip file inflating to about ``inflated_mb`` MB of zeros (after ``prefix``), a few KB per
    100 MB: one compressed megabyte of zeros repeated as gzip members."""
    member = gzip.compress(b"\0" * (1 << 20), compresslevel=9)
    out = io.BytesIO()
    if prefix:
        out.write(gzip.compress(prefix))
    for _ in range(inflated_mb):
        out.write(member)
    return out.getvalue()


def warc_record(url: str, body: bytes, *, declared: int | None = None) -> bytes:
    """One WARC response record (uncompressed); ``declared`` overrides the payload length it claims."""
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
    length = len(http) + (len(body) if declared is None else declared)
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\n"
            f"WARC-Date: 2024-05-07T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:{abs(hash(url)):032x}>\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {length}\r\n\r\n").encode()
    return head + http + body + b"\r\n\r\n"


def article_html(title: str, n: int = 6) -> str:
    sentences = " ".join(f"The council of {title.lower()} met on day {i} and agreed to publish its minutes."
                         for i in range(n))
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"<p>{sentences}</p><p>{sentences}</p></article></body></html>")


ARTICLE_TEXT = ("Harbour talks resume after storm\n\n"
                "Officials from four port authorities met on Monday to agree on repairs to the harbour wall. "
                "The meeting ran for six hours and ended with a plan to reopen two berths next week.\n\n"
                "A further session is planned for Thursday, when engineers will present the costs.\n")

