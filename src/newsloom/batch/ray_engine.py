"""The Ray engine: the same shards, readers and stages as the local engine, run by Ray Data.

Shards are read where Ray places the read tasks (so every input path must be reachable from every
node, e.g. a shared or synced folder), documents are enriched by a pool of stateful actors that
each load spaCy and the actor KB once (``map_batches`` with a callable class), and the rows come
back to the driver, which writes a shard's tables as soon as all of its documents are in.
"""

from __future__ import annotations

import logging
import os
import pickle
import time
from pathlib import Path
from typing import Any

from ..settings import Settings
from .engine import (
    BatchReport,
    Chunk,
    Enricher,
    Output,
    Progress,
    Result,
    ShardWriter,
    chunk_of,
    finish,
    item_result,
    one_thread,
)
from .shards import Shard, read_shard

# Ray must never phone home (usage statistics would try the network).
os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")

# Ray's unix sockets live under its temp folder and a socket path may not exceed ~107 bytes:
# a deeper output folder keeps Ray's default temp folder (its path is printed in the report).
MAX_TEMP_DIR = 48
STARTS = 3  # attempts to start Ray locally
# Ray's own bookkeeping, off when Ray is started here: metrics export, task events (the state API's
# task list and the timeline) and event-loop statistics. Each costs CPU every second in the raylet,
# the GCS and every worker, beside the actors, and a batch run reads none of it.
SYSTEM_CONFIG = {"enable_metrics_collection": False, "task_events_report_interval_ms": 0,
                 "enable_timeline": False, "event_stats": False, "metrics_report_interval_ms": 600_000}
# Seconds Ray Data's scheduling loop waits for a task to finish before it looks at every operator
# again (0.1 s in Ray 2.60: ten rounds a second in the driver). An actor task takes seconds (a
# batch of documents) and each actor holds a second one queued, so a slower loop idles no actor.
POLL_SECONDS = 0.5
OUTPUT_POLL = 0.1


def _init(address: str | None, workers: int, out_root: Path) -> None:
    import ray

    for name in ("ray", "ray.data"):
        # Ray's own INFO lines (execution plans, log paths) are noise in a command's output.
        logging.getLogger(name).setLevel(logging.WARNING)
    if address:
        ray.init(address=address, log_to_driver=False)
        return
    kwargs: dict[str, Any] = {}
    temp = out_root.resolve() / "ray"
    if len(str(temp)) <= MAX_TEMP_DIR:
        kwargs["_temp_dir"] = str(temp)
    # One logical CPU more than the enrichment actors, for the read tasks and the driver's work.
    for attempt in range(STARTS):
        try:
            ray.init(num_cpus=workers + 1, include_dashboard=False, log_to_driver=False, configure_logging=False,
                     object_store_memory=512 * 1024 * 1024, _system_config=SYSTEM_CONFIG, **kwargs)
            return
        except Exception as exc:  # Ray raises a bare Exception when its raylet starts too slowly
            # Ray gives its raylet a fixed 30 s to register; on a loaded machine that can pass.
            if "timed out during startup" not in str(exc) or attempt == STARTS - 1:
                raise
            ray.shutdown()


def _quiet(ctx: Any) -> None:
    """Ray Data's bookkeeping that costs CPU the actors need when cores are few: progress bars,
    the start-of-run plan, and a thread in every map task polling its memory each second."""
    ctx.enable_progress_bars = ctx.enable_operator_progress_bars = False
    ctx.print_on_execution_start = False
    ctx.memory_usage_poll_interval_s = None
    from ray.data._internal.execution import streaming_executor_state as loop

    # Private to Ray Data (no public setting), so checked: an upgrade that renames them only loses
    # the saving. The scheduling loop's wait, and the sleep of the thread handing results to this
    # process, which looks at the output queue every 10 ms (100 wake-ups a second: in Ray 2.60 most
    # of the driver's CPU while the actors work).
    if isinstance(getattr(loop, "WAIT_FOR_TASK_COMPLETION_TIMEOUT_S", None), float):
        loop.WAIT_FOR_TASK_COMPLETION_TIMEOUT_S = POLL_SECONDS
    if getattr(loop, "time", None) is time:
        loop.time = _SlowPoll()  # type: ignore[attr-defined]


class _SlowPoll:
    """The ``time`` module as Ray Data's output queue sees it, its polling sleeps made OUTPUT_POLL
    seconds (the results of a batch take seconds to come; a tenth of a second late costs nothing)."""

    def __getattr__(self, name: str) -> Any:
        return getattr(time, name)

    @staticmethod
    def sleep(seconds: float) -> None:
        time.sleep(max(seconds, OUTPUT_POLL))


class _ReadShard:
    """Row of a shard -> one row per document (or input error), then an end row with the count."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes

    def __call__(self, row: dict[str, Any]) -> list[dict[str, Any]]:
        shard: Shard = pickle.loads(row["shard"])
        rows = []
        for item in read_shard(shard, self.max_bytes):
            ready = item_result(item)
            kind, payload = ("done", ready) if ready is not None else ("doc", item.doc)
            rows.append({"key": shard.key, "kind": kind, "payload": pickle.dumps(payload), "count": -1})
        rows.append({"key": shard.key, "kind": "end", "payload": pickle.dumps(shard), "count": len(rows)})
        return rows


class RayEnricher:
    """The stateful callable Ray Data runs in each actor: an Enricher built once per actor. A batch
    comes back as one row per shard it touched, holding that shard's tables already built (Arrow),
    so the driver, which shares the machine's cores with the actors, only concatenates and writes."""

    def __init__(self, settings_data: dict[str, Any], stages: list[str] | None) -> None:
        one_thread()
        self.enricher = Enricher(settings_data, stages)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        keys, kinds, payloads = list(batch["key"]), list(batch["kind"]), list(batch["payload"])
        docs = [pickle.loads(p) for k, p in zip(kinds, payloads, strict=True) if k == "doc"]
        done = iter(self.enricher(docs) if docs else [])
        out: dict[str, list[Any]] = {"key": [], "kind": [], "payload": [], "count": []}
        results: dict[str, list[Result]] = {}
        for key, kind, payload, count in zip(keys, kinds, payloads, batch["count"], strict=True):
            if kind == "end":
                out["key"].append(key), out["kind"].append("end"), out["payload"].append(payload)
                out["count"].append(count)
            else:
                results.setdefault(key, []).append(next(done) if kind == "doc" else pickle.loads(payload))
        for key, items in results.items():
            out["key"].append(key), out["kind"].append("chunk"), out["payload"].append(pickle.dumps(chunk_of(items)))
            out["count"].append(len(items))
        return out


def run_ray(shards: list[Shard], out: Output, settings: Settings, *, workers: int, batch_size: int,
            address: str | None, stages: list[str] | None, report: BatchReport,
            progress: Progress | None) -> None:
    if not shards:
        return
    import ray

    _init(address, workers, out.root)
    try:
        _quiet(ray.data.DataContext.get_current())
        ds = ray.data.from_items([{"shard": pickle.dumps(s)} for s in shards], override_num_blocks=len(shards))
        ds = ds.flat_map(_ReadShard(int(settings.ingest["max_bytes"])), num_cpus=0.5)
        # A shard's documents would travel as one block, and a block goes to one actor whole: the
        # other actors would idle while it works through a 250-document shard. Blocks of one batch
        # (a streaming repartition, no barrier) spread the work evenly, and an actor holds at most
        # two of them, so the last batches go to whichever actor is free.
        ds = ds.repartition(target_num_rows_per_block=batch_size)
        ds = ds.map_batches(RayEnricher, fn_constructor_kwargs={"settings_data": settings.data, "stages": stages},
                            compute=ray.data.ActorPoolStrategy(size=workers, max_tasks_in_flight_per_actor=2),
                            batch_size=batch_size, num_cpus=1)
        _collect(ds.iter_rows(), out, report, progress)
    finally:
        if not address:
            ray.shutdown()


def _collect(rows: Any, out: Output, report: BatchReport, progress: Progress | None) -> None:
    """Gather result rows by shard; a shard is written once its end row and all its documents are in."""
    writers: dict[str, ShardWriter] = {}
    expected: dict[str, int] = {}
    received: dict[str, int] = {}
    shards: dict[str, Shard] = {}
    for row in rows:
        key = row["key"]
        if row["kind"] == "end":
            shards[key] = pickle.loads(row["payload"])
            expected[key] = int(row["count"])
        else:
            chunk: Chunk = pickle.loads(row["payload"])
            if key not in writers:
                writers[key] = out.writer(Shard(key, ()))
            writers[key].add_chunk(chunk)
            received[key] = received.get(key, 0) + chunk.documents
            if progress:
                progress("advance", chunk.documents)
        if key in expected and received.get(key, 0) == expected[key]:
            writer = writers.pop(key, None) or out.writer(shards[key])
            writer.shard = shards[key]
            finish(writer, report)
            del expected[key]


__all__ = ["RayEnricher", "run_ray"]
