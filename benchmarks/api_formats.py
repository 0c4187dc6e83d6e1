"""What the typed API costs: CPU time per request of a 200-item page as JSON (validated against
its response model), JSON lines and CSV; the share of the JSON time spent in the response model;
and what ``total=true`` adds. In-process (no sockets), CPU time (time.process_time), so the
figures hold on a loaded machine.

Run: .venv/bin/python benchmarks/api_formats.py [--articles 5000] [--repeat 30]
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
from api import build  # noqa: E402 - the API benchmark's synthetic store (our own generator)

from newsloom.serve import create_app  # noqa: E402
from newsloom.serve.api_models import ArticlePage, QuotePage  # noqa: E402
from newsloom.settings import Settings  # noqa: E402


def cpu_ms(client: TestClient, url: str, repeat: int) -> float:
    client.get(url)  # warm: caches, first-query plans
    start = time.process_time()
    for _ in range(repeat):
        assert client.get(url).status_code == 200, url
    return (time.process_time() - start) / repeat * 1000


def model_ms(model: type, body: dict, repeat: int) -> float:
    start = time.process_time()
    for _ in range(repeat):
        model.model_validate(body).model_dump_json(exclude_unset=True)
    return (time.process_time() - start) / repeat * 1000


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=5000)
    ap.add_argument("--repeat", type=int, default=30)
    args = ap.parse_args()
    path = Path(tempfile.gettempdir()) / f"newsloom-api-formats-{args.articles}.db"
    if not path.exists():
        build(path, args.articles)
    settings = Settings.load()
    client = TestClient(create_app(path, settings))
    print(f"{platform.node()} {platform.processor() or platform.machine()}, Python {platform.python_version()}, "
          f"{args.articles} synthetic articles, {args.repeat} requests each, CPU ms per request")
    print("| list (limit=200) | json | jsonl | csv | json: response model share | total=true |")
    print("|---|---|---|---|---|---|")
    for name, url, model in (("quotes", "/api/v1/quotes?limit=200", QuotePage),
                             ("articles", "/api/v1/articles?limit=200", ArticlePage)):
        row = [cpu_ms(client, f"{url}&format={f}", args.repeat) for f in ("json", "jsonl", "csv")]
        share = model_ms(model, client.get(url).json(), args.repeat) / row[0]
        total = cpu_ms(client, f"{url}&total=true", max(3, args.repeat // 10))
        print(f"| {name} | {row[0]:.1f} | {row[1]:.1f} | {row[2]:.1f} | {share:.0%} | {total:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
