"""Time and peak memory of the CLI on hostile inputs (issue 14's attacks), one child process each.

    .venv/bin/python benchmarks/hostile.py

Each case is built in a temporary folder (nothing is downloaded or committed) and ingested with
``newsloom ingest CASE --stages ''``; the table gives wall seconds, the child's peak RSS, the exit
status and the first reported reason. The child's own start-up (Python, imports) is the "baseline" row.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "hostile"))
from hostile_helpers import ARTICLE_TEXT, gzip_bomb, warc_record  # noqa: E402


def _cases(root: Path) -> dict[str, Path]:
    cases = {"baseline (one small text)": root / "small.txt"}
    cases["baseline (one small text)"].write_text(ARTICLE_TEXT)
    zeros = root / "zeros.warc.gz"
    zeros.write_bytes(gzip_bomb(4000))  # 4 GB of zeros inflated
    cases["4 GB-of-zeros .warc.gz"] = zeros
    huge = root / "huge.warc.gz"
    huge.write_bytes(gzip_bomb(1000, prefix=warc_record("https://x.example/", b"", declared=1000 << 20)[:-4]))
    cases["1 GB record in a .warc.gz"] = huge
    bomb = root / "bomb.html.gz"
    bomb.write_bytes(gzip_bomb(1000))
    cases["1 GB .html.gz"] = bomb
    paragraphs = root / "paragraphs.html"
    paragraphs.write_text("<html><body>" + "<p>a</p>" * 1_000_000 + "</body></html>")
    cases["1M <p>a</p> (8 MB HTML)"] = paragraphs
    return cases


def _run(path: Path, db: Path) -> tuple[float, float, int, str]:
    start = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "newsloom", "ingest", str(path), "--stages", "", "--db", str(db)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    stderr = proc.stderr.read() if proc.stderr else ""
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.monotonic() - start
    reason = next((line.split(": ", 1)[-1] for line in stderr.splitlines() if line.startswith("error")), "")
    return seconds, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), reason[:70]


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="newsloom-hostile-") as tmp:
        root = Path(tmp)
        print(f"{'case':32} {'seconds':>8} {'peak MB':>8} {'exit':>4}  reason")
        for n, (name, path) in enumerate(_cases(root).items()):
            seconds, peak, code, reason = _run(path, root / f"db{n}.sqlite")
            print(f"{name:32} {seconds:8.1f} {peak:8.0f} {code:4}  {reason}")


if __name__ == "__main__":
    main()
