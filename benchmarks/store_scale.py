"""The store at scale: hot-query latency (p50, p99) and plans at 100 k and 1 M generated articles.

    .venv/bin/python benchmarks/store_scale.py --backend postgres --sizes 100000 1000000
    .venv/bin/python benchmarks/store_scale.py --backend sqlite --sizes 100000

Articles and their facts come from ``store_gen.py`` (real-style text, skewed actors and outlets,
true offsets) and are written straight as rows: COPY on PostgreSQL (``cursor.copy``), executemany
in one transaction per batch on SQLite; then ``store.optimize()`` as after any large load. The
store grows from one size to the next, and at each size every hot query of
``newsloom.store.plans`` runs with several probes (a much-covered actor, a middling and a rare one;
common, middling and rare words). Printed: the plan of each hot query (EXPLAIN) and wall-clock
p50/p99 per query. On PostgreSQL a throwaway server is started on loopback with its data folder
under /tmp, deleted at the end; ``--keep DIR`` builds it in DIR and keeps it, and ``--reuse DIR``
measures that cluster again without loading (one 20-minute 1 M load, then runs of a few minutes).
At 1 M articles the benchmark FAILS if a hot query's plan reads the whole articles table.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import queue
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "tests"))

import store_gen as gen  # noqa: E402 - the benchmark's own generator
import store_replicate  # noqa: E402

from newsloom.store.plans import Probe, explain_calls, full_scans, hot_queries, recording  # noqa: E402

BATCH = 20000
# A throwaway server tuned for one bulk load: index builds sort in memory (a GIN build with little
# memory flushes and merges its posting lists many times: at 1 M articles that is most of the
# load), are not WAL-logged (wal_level=minimal), and autovacuum waits for the VACUUM ANALYZE that
# follows every load (store.optimize) instead of competing with the load for the cores.
PG_SETTINGS = ("shared_buffers=1GB", "work_mem=16MB", "maintenance_work_mem=1GB", "max_wal_size=8GB",
               "checkpoint_timeout=1h", "wal_level=minimal", "max_wal_senders=0", "autovacuum=off",
               "fsync=off", "synchronous_commit=off", "full_page_writes=off", "max_connections=20",
               "listen_addresses=127.0.0.1")


# -- loading ---------------------------------------------------------------------------------------
def _cols(table: str) -> str:
    return ", ".join(f'"{c}"' for c in gen.COLUMNS[table])


ORDER = ("documents", "articles", "mentions", "doc_actors", "dates", "quotes", "events", "stories",
         "story_documents")


_SQLITE_DERIVED = ("SELECT name, type, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL"
                   " AND tbl_name IN ('articles', 'mentions', 'doc_actors', 'dates', 'quotes', 'events',"
                   " 'stories', 'story_documents')")


def load_sqlite(store: Any, w: gen.World, start: int, total: int) -> None:
    """Rows in one transaction per batch. Bulk-load practice: the secondary indexes and the
    triggers (full-text and per-day actor counts) are dropped during the load, then the full-text
    indexes are rebuilt, the day counts recomputed (as migration 0004 does) and every index and
    trigger created again from its stored definition."""
    derived = store._rows(_SQLITE_DERIVED)
    with store.transaction() as c:
        for d in derived:
            c.execute(f'DROP {d["type"].upper()} "{d["name"]}"')
        if start == 0:
            c.executemany(f"INSERT INTO actors ({_cols('actors')}) VALUES (?,?,?,?,?)", w.actor_rows())
    for rows in gen.batches(w, total, start=start, batch=BATCH):
        with store.transaction() as c:
            for table in ORDER:
                marks = ",".join("?" * len(gen.COLUMNS[table]))
                c.executemany(f"INSERT INTO {table} ({_cols(table)}) VALUES ({marks})", rows.tables[table])
        print(f"  sqlite: {rows.tables['articles'][-1][3][:10]}", file=sys.stderr, flush=True)
    with store.transaction() as c:
        c.execute("INSERT INTO event_targets (event_id, position, actor_id) SELECT e.id, CAST(j.key AS INTEGER),"
                  " j.value FROM events e, json_each(e.targets) j WHERE e.id > (SELECT coalesce(max(event_id), 0)"
                  " FROM event_targets)")
        for fts in ("articles_fts", "quotes_fts"):
            c.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
        c.execute("DELETE FROM actor_days")
        c.execute(_ACTOR_DAYS.replace("left(a.published, 10)", "substr(a.published, 1, 10)"))
        for d in sorted(derived, key=lambda d: d["type"] != "index"):
            c.execute(d["sql"])


_ACTOR_DAYS = ("INSERT INTO actor_days (actor_id, day, mentions, quotes, articles)"
               " SELECT da.actor_id, left(a.published, 10), sum(da.mentions), sum(da.quotes), count(*)"
               " FROM doc_actors da JOIN articles a ON a.doc_id = da.doc_id WHERE a.published IS NOT NULL"
               " GROUP BY da.actor_id, left(a.published, 10)")


def _ahead(batches: Iterator[gen.Rows]) -> Iterator[gen.Rows]:
    """``batches`` made one ahead in a thread, so generating overlaps the server's COPY work."""
    q: queue.Queue = queue.Queue(maxsize=1)

    def produce() -> None:
        for b in batches:
            q.put(b)
        q.put(None)

    threading.Thread(target=produce, daemon=True).start()
    while (b := q.get()) is not None:
        yield b


_SECONDARY = ("SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema()"
              " AND i.tablename = ANY(%s) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)")


def _copy_range(url: str, vocab: Path, start: int, end: int) -> None:
    """One loader process: articles ``start`` .. ``end - 1`` by COPY, one transaction per batch."""
    import psycopg

    w = gen.world(vocab=vocab)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SET session_replication_role = replica")
        for rows in _ahead(gen.batches(w, end, start=start, batch=BATCH)):
            with conn.transaction(), conn.cursor() as cur:
                for table in ORDER:
                    with cur.copy(f"COPY {table} ({_cols(table)}) FROM STDIN") as cp:
                        for row in rows.tables[table]:
                            cp.write_row(row)
            print(f"  postgres: {rows.tables['articles'][-1][3][:10]}", file=sys.stderr, flush=True)


def _parallel_copy(url: str, vocab: Path, start: int, total: int, loaders: int) -> None:
    step = -(-(total - start) // loaders // BATCH) * BATCH  # whole batches (and stories) per loader
    ranges = [(lo, min(total, lo + step)) for lo in range(start, total, step)]
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_copy_range, args=(url, vocab, lo, hi)) for lo, hi in ranges]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
        if p.exitcode:
            raise SystemExit(f"a loader failed ({p.exitcode})")


def load_postgres(store: Any, w: gen.World, start: int, total: int, vocab: Path = gen.DEFAULT_VOCAB,
                  loaders: int = 3, replicate: bool = True, base: int = 100_000) -> None:
    """COPY per table and batch, from ``loaders`` processes at once. Bulk-load practice: triggers
    off during the load (session_replication_role; the rows are consistent by construction, and
    the per-day actor counts the triggers keep are rebuilt once at the end as migration 0004
    does), and the secondary indexes dropped and built again afterwards (one sorted build instead
    of a million inserts). Loaders interleave their articles' arrival numbers (``n``), as
    concurrent ingests do. Growing a loaded store (``start`` > 0) copies the first load inside the
    server when ``replicate`` (see store_replicate.py), else generates and sends every article; a
    first load larger than ``base`` sends ``base`` articles and copies them, and builds the
    indexes once, at the end."""
    conn = store.conn
    conn.execute("SET session_replication_role = replica")
    indexes = conn.execute(_SECONDARY, [[*ORDER, "actors", "event_targets", "actor_days"]]).fetchall()
    for ix in indexes:
        conn.execute(f'DROP INDEX "{ix["indexname"]}"')
    if start == 0:
        with conn.cursor() as cur, cur.copy(f"COPY actors ({_cols('actors')}) FROM STDIN") as cp:
            for row in w.actor_rows():
                cp.write_row(row)
        first = min(total, base) if replicate else total
        _parallel_copy(store.url, vocab, start, first, loaders)
        if first < total:
            store_replicate.replicate(store, first, total, loaders + 2)
    elif replicate:
        store_replicate.replicate(store, start, total, loaders + 2)
    else:
        _parallel_copy(store.url, vocab, start, total, loaders)
    with conn.transaction():
        conn.execute("INSERT INTO event_targets (event_id, position, actor_id) SELECT e.id, j.ord - 1, j.value"
                     " FROM events e, jsonb_array_elements_text(e.targets) WITH ORDINALITY j(value, ord)"
                     " WHERE e.id > (SELECT coalesce(max(event_id), 0) FROM event_targets)")
        conn.execute("DELETE FROM actor_days")
        conn.execute(_ACTOR_DAYS)
    conn.execute("SET session_replication_role = DEFAULT")
    _build(store.url, [ix["indexdef"] for ix in indexes], loaders + 1)


def _build(url: str, statements: list[str], workers: int) -> None:
    """CREATE INDEX statements on ``workers`` connections at once, the full-text (GIN) ones first."""
    import psycopg

    def run(sql: str) -> None:
        with psycopg.connect(url, autocommit=True) as c:
            c.execute(sql)
        print(f"  built: {sql[:60]}", file=sys.stderr, flush=True)

    pool = ThreadPoolExecutor(workers)
    try:
        list(pool.map(run, sorted(statements, key=lambda s: "USING gin" not in s)))
    finally:  # on a kill, builds not started are dropped
        pool.shutdown(wait=False, cancel_futures=True)


# -- measuring -------------------------------------------------------------------------------------
def probes(w: gen.World, size: int) -> list[Probe]:
    """A much-covered actor with a common word, a middling one, a rare one."""
    out = []
    for person, outlet, word in ((0, 0, 150), (60, 8, 1500), (3000, 60, 7000)):
        pid, name = w.people[person]
        out.append(Probe(actor=pid, name=name, outlet=w.outlets[outlet], word=w.words[word], phrase=f'"{name}"',
                         since="2020-03-01", until="2020-04"))
    return out


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def _cpu_clock(store: Any) -> Callable[[], float]:
    """Seconds of CPU spent so far on a store's queries: this process, plus the PostgreSQL backend
    serving its connection (/proc/PID/schedstat, in nanoseconds). Unlike wall time it does not
    count the time the shared machine spends on other jobs."""
    pid = getattr(getattr(store, "conn", None), "info", None)
    schedstat = Path(f"/proc/{pid.backend_pid}/schedstat") if pid is not None else None

    def clock() -> float:
        server = int(schedstat.read_text().split()[0]) / 1e9 if schedstat else 0.0
        return time.process_time() + server

    return clock


def measure(store: Any, ps: list[Probe], repeat: int) -> dict[str, tuple[float, ...]]:
    """Per hot query: wall p50, p99 and CPU p50, p99 in ms over ``repeat`` rounds of every probe."""
    out = {}
    cpu = _cpu_clock(store)
    for name in hot_queries(ps[0]):
        calls: list[Callable[[Any], object]] = [hot_queries(p)[name] for p in ps]
        for call in calls:  # warm the caches once, as a running server would be
            call(store)
        walls, cpus = [], []
        for _ in range(repeat):
            for call in calls:
                t0, c0 = time.perf_counter(), cpu()
                call(store)
                walls.append((time.perf_counter() - t0) * 1000)
                cpus.append((cpu() - c0) * 1000)
        out[name] = (statistics.median(walls), _pct(walls, 0.99), statistics.median(cpus), _pct(cpus, 0.99))
    return out


def plans(store: Any, p: Probe) -> dict[str, list[str]]:
    """Full scans of large tables per hot query, printing each plan."""
    scans = {}
    for name, call in hot_queries(p).items():
        with recording(store) as calls:
            call(store)
        print(f"\n#### {name}")
        bad: list[str] = []
        for sql, plan in explain_calls(store, calls):
            print("    " + "\n    ".join(plan))
            bad += full_scans(sql, plan)
        scans[name] = bad
    return scans


# -- PostgreSQL server -----------------------------------------------------------------------------
class Server:
    """A throwaway postgres on loopback, its data folder under /tmp (removed by ``stop``), or under
    ``keep`` (a folder that outlives the run, so one 1 M load serves many later runs: ``--reuse``)."""

    def __init__(self, keep: Path | None = None) -> None:
        from pg_server import PgServer, find_bindir  # tests/pg_server.py: finds initdb, runs as 'postgres'

        bindir = find_bindir()
        if bindir is None:
            raise SystemExit("PostgreSQL binaries not found (set NEWSLOOM_PG_BIN)")
        self.pg = PgServer(bindir)
        self.keep = keep
        if keep is not None:  # PgServer made a /tmp folder; the kept cluster lives elsewhere
            shutil.rmtree(self.pg.root, ignore_errors=True)
            keep.mkdir(parents=True, exist_ok=True)
            if self.pg.user:
                os.chown(keep, self.pg.user.pw_uid, self.pg.user.pw_gid)
            self.pg.root, self.pg.data, self.pg.log = keep, keep / "data", keep / "server.log"

    def start(self) -> str:
        pg = self.pg
        if not (pg.data / "PG_VERSION").exists():
            init = subprocess.run([str(pg.bindir / "initdb"), "-D", str(pg.data), "-U", "newsloom", "-A", "trust",
                                   "-E", "UTF8", "--locale=C", "--no-sync"], cwd=pg.root, capture_output=True,
                                  **pg._run_as())
            if init.returncode:
                raise SystemExit(init.stderr.decode()[-500:])
        from pg_server import _free_port

        pg.port = _free_port()
        args = [str(pg.bindir / "postgres"), "-D", str(pg.data), "-p", str(pg.port),
                "-c", f"unix_socket_directories={pg.root}"]
        for setting in PG_SETTINGS:
            args += ["-c", setting]
        with open(pg.log, "ab") as log:
            pg.proc = subprocess.Popen(args, cwd=pg.root, stdout=log, stderr=subprocess.STDOUT, **pg._run_as())
        if not pg._wait_ready(120):
            raise SystemExit("postgres did not start: " + pg._log_tail())
        return pg.url("postgres")

    def stop(self) -> None:
        if self.keep is None:
            self.pg.stop()
            return
        proc = self.pg.proc  # a kept cluster: shut down cleanly (checkpoint), keep the folder
        if proc is not None and proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            proc.wait()


def _report(backend: str, size: int, seconds: float, figures: dict, scans: dict, disk: str) -> None:
    print(f"\n### {backend}, {size:,} articles (loaded in {seconds:.0f} s, {disk})\n")
    print("| query | wall p50 ms | wall p99 ms | CPU p50 ms | CPU p99 ms | full scans |\n|---|---|---|---|---|---|")
    for name, (p50, p99, c50, c99) in figures.items():
        print(f"| {name} | {p50:.1f} | {p99:.1f} | {c50:.1f} | {c99:.1f} | {', '.join(scans.get(name, [])) or '-'} |")


def _disk(path: Path) -> str:
    total = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    return f"{total / 2**30:.1f} GiB on disk"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--backend", choices=("sqlite", "postgres"), default="postgres")
    ap.add_argument("--sizes", type=int, nargs="+", default=[100000, 1000000])
    ap.add_argument("--repeat", type=int, default=34, help="rounds of the probes per query (3 probes a round)")
    ap.add_argument("--vocab", type=Path, default=gen.DEFAULT_VOCAB, help="JSONL of real articles for word counts")
    ap.add_argument("--base", type=int, default=100_000,
                    help="PostgreSQL: articles generated and sent; larger sizes are copies of them made in the server")
    ap.add_argument("--keep", type=Path, metavar="DIR",
                    help="PostgreSQL: build the cluster in DIR and keep it (loaded sizes noted in DIR/loaded)")
    ap.add_argument("--reuse", type=Path, metavar="DIR",
                    help="PostgreSQL: measure the cluster a --keep run left in DIR, without loading")
    args = ap.parse_args(argv)
    kept = args.keep or args.reuse
    # A kill (TERM) still stops the server and removes its data folder.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    w = gen.world(vocab=args.vocab)
    server = Server(kept) if args.backend == "postgres" else None
    folder = Path(tempfile.mkdtemp(prefix="newsloom-scale-"))
    failed = []
    try:
        if server:
            from newsloom.store.postgres import PostgresStore

            store: Any = PostgresStore(server.start())
            load, where = partial(load_postgres, base=args.base), server.pg.data
        else:
            from newsloom.store.sqlite import SQLiteStore

            store, load, where = SQLiteStore(folder / "scale.db"), load_sqlite, folder
        done = int((kept / "loaded").read_text()) if kept and (kept / "loaded").exists() else 0
        for size in sorted(args.sizes):
            if size < done:  # a reused cluster already holds more: it can only be measured at its size
                continue
            t0 = time.perf_counter()
            if size > done:
                load(store, w, done, size)
                store.optimize()
                if kept:
                    (kept / "loaded").write_text(str(size))
            seconds, done = time.perf_counter() - t0, max(done, size)
            scans = plans(store, probes(w, size)[0])
            _report(args.backend, size, seconds, measure(store, probes(w, size), args.repeat), scans, _disk(where))
            if size >= 1_000_000:
                failed += [f"{n}: {line}" for n, lines in scans.items() for line in lines if line.startswith("articles:")]
        store.close()
    finally:
        if server:
            server.stop()
        shutil.rmtree(folder, ignore_errors=True)
    print(f"\nMachine: {platform.machine()}, {os.cpu_count()} CPUs (shared), Python {platform.python_version()};"
          f" wall-clock ms per call. Command: `.venv/bin/python benchmarks/store_scale.py --backend {args.backend}"
          f" --sizes {' '.join(map(str, args.sizes))}`")
    if failed:
        print("FAILED: full scans of articles at 1 M: " + "; ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
