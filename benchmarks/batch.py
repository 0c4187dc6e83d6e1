"""Batch enrichment throughput: `newsloom batch` with the local engine (1 and 2 processes) and the
Ray engine (1 and 2 actors) on the same documents, peak memory per worker, and the scaling from
one worker to two.

Usage: python benchmarks/batch.py [--docs 5000] [--shared ../shared] [--runs local1,local2,ray1,ray2]

Documents are real-style: each joins paragraphs of the real articles in
shared/bench/clustering/giveme5w1h_dev (read at run time, never copied into the repository) under
a title of its own, so every document is distinct and as costly to analyse as real news. They are
written as JSONL shards of 250 documents in a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARD_DOCS = 250


def generate(shared: Path, folder: Path, n: int, seed: int = 11) -> None:
    rows = [json.loads(line) for line in (shared / "bench/clustering/giveme5w1h_dev/newscluster_dev.jsonl")
            .read_text("utf-8").splitlines() if line.strip()]
    paragraphs = [p for r in rows for p in r["text"].split("\n") if len(p) > 120]
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for s in range(0, n, SHARD_DOCS):
        with (folder / f"shard{s // SHARD_DOCS:04d}.jsonl").open("w", encoding="utf-8") as fh:
            for i in range(s, min(n, s + SHARD_DOCS)):
                source = rng.choice(rows)
                body = rng.sample(paragraphs, rng.randint(5, 12))
                doc = {"id": f"gen-{i}", "title": f"{source['title']} ({i})", "text": "\n\n".join(body),
                       "published": source["date"], "outlet": source["source_domain"]}
                fh.write(json.dumps(doc, ensure_ascii=False) + "\n")


CLK = os.sysconf("SC_CLK_TCK")
# What each process of a run is, from its command line (first match wins). Ray names its actor
# processes "ray::MapWorker(...)" and its task workers "ray::<task>" or "ray::IDLE" (a new worker's
# arguments name the raylet, so those come first); the local engine's workers are forks of the driver.
ROLES = (("MapWorker", "workers"), ("ray::IDLE", "ray idle workers"),
         ("ray::_StatsActor", "ray stats actor"), ("ray::ActorLocationTracker", "ray location actor"),
         ("ray::AutoscalingRequester", "ray autoscaling actor"), ("Coordinator", "ray autoscaling actor"),
         ("ray::", "ray tasks"), ("default_worker", "ray tasks"),
         ("gcs_server", "ray gcs"), ("/raylet", "raylet"), ("agent", "ray agents"),
         ("log_monitor", "ray agents"), ("dashboard", "ray agents"), ("monitor.py", "ray agents"))


def _stat(pid: str) -> tuple[int, float, int] | None:
    """(parent pid, CPU seconds user+system, resident KiB) of a process, None if it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / CLK, int(fields[21]) * os.sysconf("SC_PAGESIZE") // 1024


class Sampler:
    """Samples every process descended from the run (the driver, Ray's daemons, its workers): the
    last CPU time seen and the peak resident memory of each, so CPU can be charged per role even
    when the machine is loaded by other jobs (wall time then says little)."""

    def __init__(self, root: int, forks_are_workers: bool, interval: float = 0.25) -> None:
        self.root, self.interval, self._stop = root, interval, threading.Event()
        self.forks_are_workers = forks_are_workers
        self.unknown: dict[str, str] = {}
        self.cpu: dict[str, float] = {}
        self.rss: dict[str, int] = {}
        self.role: dict[str, str] = {}
        self.series: list[tuple[float, dict[str, float]]] = []  # (time, CPU by role), every ~2 s
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _tree(self) -> dict[str, tuple[float, int]]:
        stats = {pid: _stat(pid) for pid in os.listdir("/proc") if pid.isdigit()}
        children: dict[int, list[str]] = {}
        for pid, st in stats.items():
            if st:
                children.setdefault(st[0], []).append(pid)
        found, todo = {}, [str(self.root)]
        while todo:
            pid = todo.pop()
            st = stats.get(pid)
            if st:
                found[pid] = (st[1], st[2])
            todo.extend(children.get(int(pid), []))
        return found

    def _classify(self, pid: str) -> str | None:
        if pid == str(self.root):
            return "driver"
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            return None  # gone since the scan: keep what it was
        if not cmd.strip():
            return None  # a zombie (exited, not yet reaped) has no command line: keep what it was
        role = next((role for marker, role in ROLES if marker in cmd), "other")
        if role == "other" and self.forks_are_workers:
            return "workers"
        if role == "other":
            self.unknown[pid] = cmd[:80]  # named in the report, so the roles can be extended
        return role

    def _run(self) -> None:
        while not self._stop.is_set():
            for pid, (cpu, rss) in self._tree().items():
                # A Ray worker renames itself once it becomes an actor: classify until it does.
                if self.role.get(pid) in (None, "ray tasks", "ray idle workers", "other"):
                    self.role[pid] = self._classify(pid) or self.role.get(pid) or "other"
                self.cpu[pid] = max(self.cpu.get(pid, 0.0), cpu)
                self.rss[pid] = max(self.rss.get(pid, 0), rss)
            now = time.perf_counter()
            if not self.series or now - self.series[-1][0] >= 2.0:
                self.series.append((now, self.cpu_by_role()))
            self._stop.wait(self.interval)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self._stop.set()
        self.thread.join()

    def cpu_by_role(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for pid, cpu in self.cpu.items():
            out[self.role[pid]] = out.get(self.role[pid], 0.0) + cpu
        return out

    def steady_cores(self) -> dict[str, float]:
        """CPU per wall-clock second of each role over the second half of the run: what a role
        costs while documents flow, without the start (imports, models, Ray's processes)."""
        if len(self.series) < 4:
            return {}
        (t0, a), (t1, b) = self.series[len(self.series) // 2], self.series[-1]
        return {role: (cpu - a.get(role, 0.0)) / (t1 - t0) for role, cpu in b.items()}

    def peak_worker_mib(self) -> float:
        return max((r for pid, r in self.rss.items() if self.role[pid] == "workers"), default=0) / 1024


def run(folder: Path, out: Path, engine: str, workers: int, batch_size: int) -> dict[str, Any]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    cmd = [sys.executable, "-m", "newsloom", "batch", str(folder), "--out", str(out), "--engine", engine,
           "--workers", str(workers), "--batch-size", str(batch_size)]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    sampler = Sampler(proc.pid, forks_are_workers=engine == "local")
    sampler.start()
    _, stderr = proc.communicate()
    seconds = time.perf_counter() - t0
    sampler.stop()
    if proc.returncode not in (0, 1) or "documents in" not in stderr:
        raise SystemExit(f"{engine} x{workers} failed:\n{stderr[-3000:]}")
    summary = [line for line in stderr.splitlines() if "documents in" in line][-1]
    documents = int(summary.split()[0])
    return {"seconds": seconds, "documents": documents, "docs_per_s": documents / seconds,
            "peak_worker_mib": sampler.peak_worker_mib(), "cpu": sampler.cpu_by_role(),
            "steady": sampler.steady_cores(),
            "other": sorted(((sampler.cpu[pid], cmd) for pid, cmd in sampler.unknown.items()
                             if sampler.role[pid] == "other"), reverse=True)[:3]}


def report(name: str, r: dict[str, Any]) -> None:
    docs = r["documents"] or 1
    cpu = r["cpu"]
    roles = ", ".join(f"{role} {ms:.0f}" for role, ms in sorted(
        ((role, 1000 * sec / docs) for role, sec in cpu.items()), key=lambda x: -x[1]))
    print(f"{name:7}: {r['documents']:.0f} docs in {r['seconds']:.1f} s = {r['docs_per_s']:.2f} docs/s, "
          f"peak worker RSS {r['peak_worker_mib']:.0f} MiB, load {r['load'][0]:.1f}->{r['load'][1]:.1f}", flush=True)
    print(f"         CPU ms/doc: total {1000 * sum(cpu.values()) / docs:.0f} ({roles})", flush=True)
    steady = ", ".join(f"{role} {c:.3f}" for role, c in sorted(r["steady"].items(), key=lambda x: -x[1]))
    print(f"         cores while documents flow (second half): {steady}", flush=True)
    for seconds, cmd in r["other"]:
        print(f"         other: {seconds:.1f} s CPU in {cmd}", flush=True)


def model_scaling(one: dict[str, Any], two: dict[str, Any]) -> float:
    """Scaling 1 -> 2 workers on two otherwise idle cores, from CPU time alone: one worker runs at
    its own CPU cost per document (the rest of the run fits on the second core); two workers share
    both cores with everything else, so they run at 2 / (all CPU per document)."""
    worker_one = one["cpu"].get("workers", 0.0) / one["documents"]
    all_two = sum(two["cpu"].values()) / two["documents"]
    return 2 * worker_one / all_two if all_two else 0.0


def share_scaling(one: dict[str, Any], two: dict[str, Any]) -> float:
    """The same from CPU shares, counting every cost beside the workers per second instead: one
    worker runs at 1 / (its CPU per document); two share both cores with what the rest of the run
    takes per second while documents flow (``o`` cores), so they run at (2 - o) / (CPU per
    document of a worker among two). The two models bracket costs that are partly of each kind."""
    if not one["documents"] or not two["documents"] or not two["steady"]:
        return 0.0
    worker_one = one["cpu"].get("workers", 0.0) / one["documents"]
    worker_two = two["cpu"].get("workers", 0.0) / two["documents"]
    other = sum(c for role, c in two["steady"].items() if role != "workers")
    return worker_one * (2 - other) / worker_two if worker_two else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=5000)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--runs", default="local1,local2,ray1,ray2")
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args()
    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        generate(args.shared, folder, args.docs)
        for name in args.runs.split(","):
            engine, workers = name.rstrip("0123456789"), int(name[len(name.rstrip("0123456789")):])
            before = os.getloadavg()[0]
            results[name] = run(folder, Path(tmp) / f"out-{name}", engine, workers, args.batch_size)
            results[name]["load"] = (before, os.getloadavg()[0])
            report(name, results[name])
    for engine in ("local", "ray"):
        one, two = results.get(f"{engine}1"), results.get(f"{engine}2")
        if one and two:
            print(f"{engine}: scaling 1 -> 2 workers {two['docs_per_s'] / one['docs_per_s']:.2f}x wall-clock, "
                  f"on two idle cores from CPU time {model_scaling(one, two):.2f}x (all else per document), "
                  f"{share_scaling(one, two):.2f}x (all else per second)")
    best = max(r["docs_per_s"] / int(n[-1]) for n, r in results.items())
    cpu_best = min(sum(r["cpu"].values()) / r["documents"] for r in results.values())
    cores = 1_000_000 / 3600 / best
    memory = max(r["peak_worker_mib"] for r in results.values()) / 1024
    print(f"paper estimate: 1 M articles/hour needs ~{cores:.0f} worker cores at {best:.2f} docs/s per core, "
          f"~{cores * memory:.0f} GiB for the workers at {memory:.2f} GiB peak each; from CPU time "
          f"({cpu_best * 1000:.0f} ms per document, all processes) ~{1_000_000 / 3600 * cpu_best:.0f} cores")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")


if __name__ == "__main__":
    main()
