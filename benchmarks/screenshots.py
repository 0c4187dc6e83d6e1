"""Screenshots of every page over a database built from examples/corpus, for review (make screenshots).

Run: .venv/bin/python benchmarks/screenshots.py [--out benchmarks/screenshots]
Needs Debian's chromium at /usr/bin/chromium (Playwright drives it; no browser download).
"""

from __future__ import annotations

import argparse
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "screenshots")
    ap.add_argument("--corpus", type=Path, default=ROOT / "examples" / "corpus")
    args = ap.parse_args()
    import uvicorn
    from playwright.sync_api import sync_playwright

    from newsloom.batch.local import ingest
    from newsloom.connect.build import build_stories
    from newsloom.serve import create_app
    from newsloom.settings import Settings
    from newsloom.store import SQLiteStore

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "shots.db"
        with SQLiteStore(db) as store:
            report = ingest([str(args.corpus)], store, Settings.load())
            print(f"ingested {report.added} documents", file=sys.stderr)
            build_stories(store, Settings.load())
            # The largest story told by most outlets shows the timeline best; its copy, if any, the fold.
            multi = store.stories(limit=50, min_articles=2).items
            story = max(multi, key=lambda s: (s["outlets"], s["copies"], s["articles"]), default=None)
            copied = next((s for s in multi if s["copies"]), None)
            quotes = store.quotes(limit=500).items
            attributed = [q for q in quotes if q["speaker"] and q["speaker"]["actor"]]
            top_actor = store.actors(limit=1, type="person").items or store.actors(limit=1).items
        by_doc: dict[str, int] = {}
        for q in attributed:
            by_doc[q["doc_id"]] = by_doc.get(q["doc_id"], 0) + 1
        article_id = max(by_doc, key=by_doc.__getitem__) if by_doc else None
        speakers: dict[str, int] = {}
        for q in attributed:
            speakers[q["speaker"]["actor"]["id"]] = speakers.get(q["speaker"]["actor"]["id"], 0) + 1
        actor_id = max(speakers, key=speakers.__getitem__) if speakers else (top_actor[0]["id"] if top_actor else None)
        phrase = " ".join(attributed[0]["text"].strip("\u201c\u201d\"").split()[:3]) if attributed else "talks"

        port = _free_port()
        server = uvicorn.Server(uvicorn.Config(create_app(str(db)), host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        pages = {"home": "/", "search": f"/search?q={quote(chr(34) + phrase + chr(34))}",
                 "search-common": "/search?q=talks", "quotes": "/quotes", "actors": "/actors"}
        if article_id:
            pages["article"] = f"/articles/{article_id}"
            pages["source"] = f"/articles/{article_id}/source"
        if actor_id:
            pages["actor"] = f"/actors/{actor_id}"
        pages["stories"] = "/stories"
        if story:
            pages["story"] = f"/stories/{story['id']}"
        if copied and copied is not story:
            pages["story-copies"] = f"/stories/{copied['id']}"
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                for name, path in pages.items():
                    # The first actor page loads the positions model: give it time on a busy machine.
                    page.goto(base + path, timeout=180_000)
                    if name == "actor":
                        page.wait_for_selector("#timeline-chart svg, section.chart > p.muted", timeout=10_000)
                    target = args.out / f"{name}.png"
                    page.screenshot(path=str(target), full_page=name not in ("source",))
                    print(f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}  <- {path}")
                # Without JavaScript the actor page shows its charts' tables in their place.
                if actor_id:
                    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
                    bare = context.new_page()
                    bare.goto(f"{base}/actors/{actor_id}", timeout=180_000)
                    bare.screenshot(path=str(args.out / "actor-nojs.png"), full_page=True)
                    print(f"actor-nojs.png  <- /actors/{actor_id} (JavaScript off)")
                    context.close()
                browser.close()
        finally:
            server.should_exit = True
            thread.join(10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
