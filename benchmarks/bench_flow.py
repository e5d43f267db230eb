"""The whole pipeline against jieba alone: `newsetl run` on a ~25 MB corpus vs `jieba.lcut` over the same files.

Usage: python benchmarks/bench_flow.py [--mb 25] [--no-real] [--workers N] [--project DIR] [--keep]
       python benchmarks/bench_flow.py --memory [--mb 2]   # peak memory of a run on 1x and 4x the corpus

Builds a corpus in a temporary folder (never in the repo): every real page ../shared/tools/rmrb_pages.py
makes from ../shared/data (when that exists), then the seed pages repeated, each copy with a first
line of its own, up to `--mb` MB. Then, in one sitting:

1. `newsetl run --source CORPUS` into an empty embedded warehouse (server started and migrated, and
   Prefect's own database created by a run over an empty folder, first, not timed): the whole command, Prefect and the pool included;
2. the same command twice more: the first rerun and the next (both no-op: every page unchanged);
3. Python `jieba.lcut` over every file, one core, after jieba's dictionary is loaded;

and prints each figure and the ratio jieba-time / run-time. The runs report to a long-lived Prefect
server started for the benchmark (as under `newsetl serve` or with PREFECT_API_URL set); with
`--temporary-server` each run starts Prefect's temporary server instead, as with PREFECT_API_URL unset. `--project DIR` runs the `newsetl` of
another checkout (e.g. an export of main) for a baseline in the same sitting. Peak memory is the
largest resident set of the run's process tree (main process + pool workers), sampled every 0.1 s
(RSS; PSS, which shares pages forked workers hold in common, every 0.5 s); CPU is the sum over
that tree (user + system, each process's last sample), which a loaded machine disturbs far less than wall time.
With `--memory`, runs into two empty warehouses, on seed copies of `--mb` MB and of 4x that, and
prints both peaks: memory must not grow with the corpus (batches are bounded, not the run).
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
RMRB_TOOL = SHARED / "tools" / "rmrb_pages.py"
RMRB_DATA = SHARED / "data" / "rmrb-dev.jsonl.gz"
JIEBA_ALONE = """
import sys, time
from pathlib import Path
import jieba
jieba.setLogLevel(60)
jieba.initialize()
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).rglob("*.txt"))]
t0, c0 = time.perf_counter(), time.process_time()
n = sum(len(jieba.lcut(t)) for t in texts)
print(time.perf_counter() - t0, time.process_time() - c0, n)
"""


def make_corpus(target: Path, mb: float, real: bool) -> tuple[int, int, int]:
    """Write the corpus into `target`: real pages when the shared data exists, then seed copies; (files, real, bytes)."""
    n_real = 0
    if real and RMRB_TOOL.exists() and RMRB_DATA.exists():
        subprocess.run(
            [sys.executable, str(RMRB_TOOL), str(target / "real")], check=True, capture_output=True
        )
        (target / "real" / "gold.json").unlink(missing_ok=True)
        n_real = len(list((target / "real").glob("*.txt")))
    total = sum(p.stat().st_size for p in target.rglob("*.txt"))
    seeds = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    (target / "seeds").mkdir()
    i = 0
    while total < mb * 1e6:
        stem, text = seeds[i % len(seeds)]
        data = f"（第{i // len(seeds) + 1:04d}版）\n\n{text}".encode()
        (target / "seeds" / f"{stem}_{i // len(seeds):04d}.txt").write_bytes(data)
        total += len(data)
        i += 1
    return n_real + i, n_real, total


@dataclass
class Timed:
    """One timed command: wall seconds, CPU seconds and peak memory of its process tree, its last output line.

    `servers` is the CPU the warehouse's PostgreSQL and the Prefect server spent meanwhile (they run
    outside the command's tree but on the same cores)."""

    seconds: float
    cpu: float
    peak_rss: int
    peak_pss: int
    line: str
    servers: dict[str, float]
    main_cpu: float = 0.0  # the command's own process; the rest of `cpu` is its pool workers


def _server_kind(name: str, cmdline: str) -> str | None:
    """ "postgres" or "prefect server" for a process of either server, else None."""
    if name.startswith("postgres"):
        return "postgres"
    return "prefect server" if "server start" in cmdline else None


def _server_cpu() -> dict[int, tuple[str, float]]:
    """CPU seconds so far of every PostgreSQL and Prefect-server process on the machine, by pid.

    A process's figure includes its children that have exited (a backend that served the run and
    closed is in its postmaster's), so the delta over a run counts connections opened and closed in it."""
    out: dict[int, tuple[str, float]] = {}
    for p in psutil.process_iter(["name", "cmdline", "cpu_times"]):
        t = p.info["cpu_times"]
        kind = _server_kind(p.info["name"] or "", " ".join(p.info["cmdline"] or []))
        if kind and t is not None:
            out[p.pid] = (kind, t.user + t.system + t.children_user + t.children_system)
    return out


def _server_delta(before: dict[int, tuple[str, float]]) -> dict[str, float]:
    """CPU each kind of server process spent since `before`."""
    spent: dict[str, float] = {"postgres": 0.0, "prefect server": 0.0}
    for pid, (kind, cpu) in _server_cpu().items():
        spent[kind] += cpu - before.get(pid, (kind, 0.0))[1]
    return spent


def timed_run(cmd: list[str], env: dict[str, str]) -> Timed:
    """Run a command and time it, sampling its process tree (main process, pool workers, forkserver)."""
    peak = peak_pss = 0
    cpu: dict[int, float] = {}  # pid -> CPU seconds last seen (a worker that exits keeps its last sample)
    servers = _server_cpu()
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, peak_pss
        root = psutil.Process(proc.pid)
        n = 0
        while not done.is_set():
            try:
                tree = [root, *root.children(recursive=True)]
                rss = pss = 0
                for p in tree:
                    with p.oneshot():
                        rss += p.memory_info().rss
                        times = p.cpu_times()
                        cpu[p.pid] = times.user + times.system
                        if n % 5 == 0:  # PSS reads smaps: costly, every 0.5 s
                            pss += p.memory_full_info().pss
                peak = max(peak, rss)
                if n % 5 == 0:
                    peak_pss = max(peak_pss, pss)
            except psutil.Error:
                pass
            n += 1
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = proc.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{out}")
    lines = [line for line in out.splitlines() if line.strip()]
    return Timed(
        seconds,
        sum(cpu.values()),
        peak,
        peak_pss,
        lines[-1] if lines else "",
        _server_delta(servers),
        cpu.get(proc.pid, 0.0),
    )


def memory(args: argparse.Namespace, env: dict[str, str], work: Path) -> None:
    """Peak RSS of a run on seed copies of args.mb MB and of 4x that, each into an empty warehouse."""
    newsetl = [sys.executable, "-m", "flows.cli"]
    peaks = []
    for scale in (1, 4):
        corpus = work / f"corpus-{scale}x"
        corpus.mkdir()
        n_files, _, size = make_corpus(corpus, args.mb * scale, real=False)
        run_env = {**env, "NEWSETL_HOME": str(work / f"home-{scale}x")}
        try:
            timed_run([*newsetl, "db", "upgrade"], run_env)
            run = timed_run([*newsetl, "run", "--source", str(corpus)], run_env)
        finally:
            subprocess.run([*newsetl, "db", "stop"], env=run_env, capture_output=True)
        peaks.append(run.peak_rss)
        print(
            f"{scale}x: {n_files} files, {size / 1e6:.2f} MB: {run.seconds:.1f} s, CPU {run.cpu:.1f} s,"
            f" peak RSS {run.peak_rss / 1e6:.0f} MB, peak PSS {run.peak_pss / 1e6:.0f} MB"
        )
        print(f"    {run.line}")
    print(f"peak memory (RSS) 4x / 1x: {peaks[1] / peaks[0]:.3f}  (done at <= 1.10)")


def main() -> None:
    """Build the corpus, time the run, the rerun and jieba alone, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, help="corpus size in MB (default 25; 2 with --memory)")
    parser.add_argument(
        "--no-real", action="store_true", help="seed copies only, no pages from ../shared/data"
    )
    parser.add_argument("--workers", type=int, help="pool size (default: every core)")
    parser.add_argument(
        "--project", type=Path, default=ROOT, help="checkout whose newsetl runs (default: this)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--memory", action="store_true", help="peak memory on 1x and 4x the corpus instead")
    parser.add_argument(
        "--temporary-server",
        action="store_true",
        help="no long-lived Prefect server: each run starts Prefect's temporary one, as with PREFECT_API_URL unset",
    )
    args = parser.parse_args()
    args.mb = args.mb or (2.0 if args.memory else 25.0)
    os.chdir(args.project.resolve())  # `python -m flows.cli` puts the working folder first on sys.path

    work = Path(tempfile.mkdtemp(prefix="newsetl-bench-flow-"))
    env = {
        **os.environ,
        "NEWSETL_HOME": str(work / "home"),
        "PREFECT_HOME": str(work / "prefect"),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
        "PREFECT_LOGGING_LEVEL": "WARNING",
        "PYTHONPATH": str(args.project.resolve()),
        # a loaded shared machine can take longer than Prefect's default 20 s to start its temporary server
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    }
    env.pop("DATABASE_URL", None)
    env.pop("PREFECT_API_URL", None)
    server = None
    if not args.temporary_server:
        from flows.config import Settings
        from flows.serve import start_local_server

        os.environ.update(
            {k: env[k] for k in ("PREFECT_HOME", "PREFECT_SERVER_ANALYTICS_ENABLED", "DO_NOT_TRACK")}
        )
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        server, env["PREFECT_API_URL"] = start_local_server(Settings(work / "home", None), port=port)
    if args.memory:
        try:
            memory(args, env, work)
        finally:
            if server is not None:
                server.terminate()
                server.wait(30)
            shutil.rmtree(work, ignore_errors=True)
        return
    corpus = work / "corpus"
    corpus.mkdir()
    n_files, n_real, size = make_corpus(corpus, args.mb, not args.no_real)
    newsetl = [sys.executable, "-m", "flows.cli"]
    if args.workers:
        run_args = ["run", "--source", str(corpus), "--workers", str(args.workers)]
    else:
        run_args = ["run", "--source", str(corpus)]
    try:
        (work / "empty").mkdir()
        setup = timed_run([*newsetl, "db", "upgrade"], env).seconds
        setup += timed_run(
            [*newsetl, "run", "--source", str(work / "empty")], env
        ).seconds  # Prefect's database
        first = timed_run([*newsetl, *run_args], env)
        rerun = timed_run([*newsetl, *run_args], env)
        again = timed_run([*newsetl, *run_args], env)
        out = subprocess.run(
            [sys.executable, "-c", JIEBA_ALONE, str(corpus)], check=True, capture_output=True, text=True
        ).stdout.split()
        jieba_s, jieba_cpu, n_words = float(out[0]), float(out[1]), int(out[2])
    finally:
        subprocess.run([*newsetl, "db", "stop"], env=env, capture_output=True)
        if server is not None:
            server.terminate()
            server.wait(30)
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    mb = size / 1e6
    print(f"project: {args.project.resolve()}")
    print(f"corpus: {n_files} files ({n_real} real pages, {n_files - n_real} seed copies), {mb:.2f} MB")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end")
    prefect = "Prefect's temporary server per run" if server is None else "a long-lived Prefect server"
    print(f"runs report to {prefect}; set-up (warehouse and Prefect database, not timed): {setup:.1f} s")
    print(
        f"newsetl run, empty warehouse: {first.seconds:7.1f} s  {mb / first.seconds:6.2f} MB/s  CPU {first.cpu:6.1f} s"
        f"  peak RSS {first.peak_rss / 1e6:.0f} MB, PSS {first.peak_pss / 1e6:.0f} MB"
    )
    print(f"    {first.line}")
    print(
        f"    CPU of the run's own process {first.main_cpu:.1f} s, of its pool workers {first.cpu - first.main_cpu:.1f} s"
    )
    print(
        f"    CPU meanwhile outside the run's tree: PostgreSQL {first.servers['postgres']:.1f} s,"
        f" Prefect server {first.servers['prefect server']:.1f} s"
    )
    print(f"first rerun:                  {rerun.seconds:7.1f} s  CPU {rerun.cpu:6.1f} s")
    print(f"    {rerun.line}")
    print(f"no-op rerun (the next one):   {again.seconds:7.1f} s  CPU {again.cpu:6.1f} s")
    print(f"    {again.line}")
    print(
        f"jieba.lcut alone, one core:   {jieba_s:7.1f} s  {mb / jieba_s:6.2f} MB/s  CPU {jieba_cpu:6.1f} s"
        f"  ({n_words} words)"
    )
    print(f"ratio jieba-time / run-time:  {jieba_s / first.seconds:7.2f}  (done at >= 1.5, goal 3)")
    print(
        f"ratio jieba-CPU / run-CPU:    {jieba_cpu / first.cpu:7.2f}  (CPU of the run's whole process tree)"
    )


if __name__ == "__main__":
    main()
