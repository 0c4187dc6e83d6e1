"""`newsloom watch` over 50 feeds on a loopback site: CPU while idle, and the time from a new feed
item to a stored article.

Usage: python benchmarks/watch.py [--feeds 50] [--every 5s] [--idle 30] [--items 5]

The site (an http.server thread in this process) answers conditional GETs with 304 while a feed
is unchanged, as real feed servers do. Latency is bounded by the polling interval: with
``--every 5s`` a new item waits at most about 5 s (plus its fetch and analysis) — set it to what
you would use.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

TEXT = ("<p>The {n}th council meeting of the season approved a budget line for harbour repairs on Monday, "
        "after a debate that ran past midnight, members said.</p><p>The repairs are due to start in May and "
        "to cost about {n} thousand, the council's treasurer told reporters after the vote.</p>")


class Site:
    def __init__(self, feeds: int) -> None:
        self.items: dict[int, list[int]] = {f: [f * 1000] for f in range(feeds)}
        self.lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                body, ctype, etag = site.answer(self.path)
                if etag and self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(200 if body else 404)
                self.send_header("Content-Type", ctype)
                if etag:
                    self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def answer(self, path: str) -> tuple[bytes, str, str | None]:
        if path.startswith("/feed/"):
            f = int(path.split("/")[2])
            with self.lock:
                items = list(self.items.get(f, []))
            links = "".join(f"<item><title>Item {n}</title><link>{self.base}/a/{n}</link></item>" for n in items)
            xml = f"<?xml version='1.0'?><rss version='2.0'><channel><title>Feed {f}</title>{links}</channel></rss>"
            return xml.encode(), "application/rss+xml", f'"{f}-{len(items)}"'
        if path.startswith("/a/"):
            n = int(path.split("/")[2])
            html = f"<html><head><title>Council item {n}</title></head><body><article><h1>Council item {n}</h1>" \
                   f"{TEXT.format(n=n)}</article></body></html>"
            return html.encode(), "text/html; charset=utf-8", None
        return b"", "text/plain", None

    def add_item(self, feed: int, n: int) -> None:
        with self.lock:
            self.items[feed].append(n)


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def stored(db: Path, url: str) -> bool:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT 1 FROM documents WHERE source = ? AND status = 'done'", (url,)).fetchone() \
                is not None
    except sqlite3.Error:
        return False


def wait_for(condition, seconds: float) -> float:  # type: ignore[no-untyped-def]
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > seconds:
            raise SystemExit("timed out waiting")
        time.sleep(0.05)
    return time.monotonic() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--every", default="5s")
    parser.add_argument("--idle", type=float, default=30.0)
    parser.add_argument("--items", type=int, default=5)
    args = parser.parse_args()
    site = Site(args.feeds)
    with tempfile.TemporaryDirectory() as tmp:
        listing, config, db = Path(tmp) / "feeds.txt", Path(tmp) / "c.toml", Path(tmp) / "w.db"
        listing.write_text("".join(f"{site.base}/feed/{f}\n" for f in range(args.feeds)))
        config.write_text("[fetch]\nallow_private = true\ndelay = 0.0\n[watch]\nmin_interval = 1.0\n")
        proc = subprocess.Popen([sys.executable, "-m", "newsloom", "watch", f"@{listing}", "--every", args.every,
                                 "--db", str(db), "--config", str(config)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            first = wait_for(lambda: all(stored(db, f"{site.base}/a/{f * 1000}") for f in range(args.feeds)), 600)
            print(f"first poll of {args.feeds} feeds, {args.feeds} articles stored in {first:.1f} s")
            before, t0 = cpu_seconds(proc.pid), time.monotonic()
            time.sleep(args.idle)
            idle = (cpu_seconds(proc.pid) - before) / (time.monotonic() - t0)
            print(f"idle: {100 * idle:.1f}% of one core over {args.idle:.0f} s ({args.feeds} feeds polled, "
                  f"conditional GETs answered 304)")
            rng, latencies = random.Random(5), []
            for k in range(args.items):
                feed, n = rng.randrange(args.feeds), 900_000 + k
                site.add_item(feed, n)
                latencies.append(wait_for(lambda n=n: stored(db, f"{site.base}/a/{n}"), 600))
            print(f"new item -> stored article: median {statistics.median(latencies):.1f} s, "
                  f"max {max(latencies):.1f} s over {args.items} items (--every {args.every})")
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")


if __name__ == "__main__":
    main()
