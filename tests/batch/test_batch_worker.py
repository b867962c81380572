"""The isolated worker pool: every way a task can misbehave fails that task alone."""

from __future__ import annotations

import concurrent.futures as cf
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from gapcheck.batch.executor import ExecutorPool
from gapcheck.batch.worker import IsolatedPool, TaskResult, WorkerStartError
from gapcheck.errors import InputError


def misbehave(task: str) -> str:
    """A per-file function whose behaviour the task names."""
    if task == "crash":
        os._exit(3)
    if task == "segfault":
        os.kill(os.getpid(), 11)
    if task == "hang":
        time.sleep(60)
    if task == "spin":
        while True:  # burns CPU until the CPU-time limit stops it
            pass
    if task == "starved":
        # Stopped (off the CPU, as on a machine busy with other work) for longer than the
        # CPU limit, then continued by a helper process: the task itself needs little CPU.
        subprocess.Popen(["sh", "-c", f"sleep 2.5; kill -CONT {os.getpid()}"])
        os.kill(os.getpid(), signal.SIGSTOP)
        return "done"
    if task == "bad-input":
        raise InputError("bad.pdf", "is not a PDF", "pass a resume")
    if task == "bug":
        raise KeyError("oops")
    if task == "grow":
        hoard = []
        for _ in range(400):  # 4 GB in 10 MB steps, touched so it is resident
            hoard.append(bytearray(10 * 2**20))
            time.sleep(0.005)
        return str(len(hoard))
    if task == "bomb":
        return str(len(bytearray(8 * 2**30)))  # one huge allocation: the address-space cap
    if task == "deep":
        return misbehave("deep")
    return task.upper()


def _run(pool: IsolatedPool | ExecutorPool, tasks: list[str]) -> dict[str, TaskResult]:
    results = {r.task_id: r for r in pool.map(enumerate(tasks))}
    assert sorted(results) == list(range(len(tasks))), "every task must have exactly one result"
    return {tasks[i]: results[i] for i in results}


def test_good_tasks_return_values_in_any_order() -> None:
    pool = IsolatedPool(misbehave, workers=2, timeout=20)
    results = _run(pool, ["a", "b", "c", "d", "e"])
    assert {k: r.value for k, r in results.items()} == {k: k.upper() for k in "abcde"}
    assert all(r.ok and r.seconds >= 0 for r in results.values())
    assert pool.restarts == 0


def test_each_failure_is_attributed_to_its_own_task_and_the_batch_goes_on() -> None:
    pool = IsolatedPool(misbehave, workers=2, timeout=1, max_memory_mb=400)
    tasks = ["a", "crash", "b", "bad-input", "segfault", "c", "hang", "bug", "deep", "d", "spin"]
    results = _run(pool, tasks)  # returns at all: the hang was cut off by the wall-clock net
    for good in "abcd":
        assert results[good].value == good.upper()
    kinds = {k: r.failure.kind for k, r in results.items() if r.failure}
    assert kinds == {
        "crash": "crash",
        "bad-input": "input",
        "segfault": "crash",
        "hang": "timeout",
        "spin": "limit",
        "bug": "error",
        "deep": "error",
    }
    assert results["bad-input"].failure is not None
    assert results["bad-input"].failure.reason == "is not a PDF; pass a resume"
    assert "SIGSEGV" in (results["segfault"].failure.reason if results["segfault"].failure else "")
    spin, hang = results["spin"].failure, results["hang"].failure
    assert spin is not None and "1 s CPU-time limit (limit reached)" in spin.reason
    assert hang is not None and "10 s of wall-clock time" in hang.reason  # 10 x the CPU limit
    assert results["hang"].seconds >= 10
    assert pool.restarts == 4  # crash, segfault, hang, spin


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="CPU watch reads /proc (Linux)")
def test_a_worker_starved_of_cpu_is_not_failed_for_the_wait() -> None:
    # The task is kept off the CPU for 2.5 s, over its 1 s limit in wall-clock time but
    # far under it in CPU time: a busy machine must not fail a valid file.
    pool = IsolatedPool(misbehave, workers=1, timeout=1)
    results = _run(pool, ["starved", "a"])
    assert results["starved"].ok, results["starved"].failure
    assert results["starved"].value == "done" and results["starved"].seconds >= 2.5
    assert results["a"].value == "A"


@pytest.mark.skipif(
    not Path("/proc/self/statm").exists(), reason="memory watch reads /proc (Linux)"
)
def test_memory_hogs_fail_alone() -> None:
    pool = IsolatedPool(misbehave, workers=2, timeout=30, max_memory_mb=300)
    results = _run(pool, ["grow", "a", "bomb", "b"])
    assert results["a"].value == "A" and results["b"].value == "B"
    for hog in ("grow", "bomb"):
        failure = results[hog].failure
        assert failure is not None and failure.kind == "memory", failure
        assert "300 MB" in failure.reason
    assert pool.peak_rss_mb < 700  # the grower was stopped near the limit, not at 4 GB


def record_start(marker: str) -> None:
    with Path(marker).open("a", encoding="utf-8") as handle:
        handle.write(f"{os.getpid()}\n")


class CountingStart:
    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __call__(self) -> None:
        record_start(self.marker)


def test_initializer_runs_once_per_worker_not_per_task(tmp_path: Path) -> None:
    marker = tmp_path / "starts.txt"
    pool = IsolatedPool(misbehave, workers=2, initializer=CountingStart(str(marker)), timeout=10)
    results = _run(pool, [str(i) for i in range(12)] + ["crash"] + [f"x{i}" for i in range(6)])
    assert sum(r.ok for r in results.values()) == 18
    starts = marker.read_text().split()
    assert len(starts) == 3  # two workers, plus the one that replaced the crashed worker


def failing_start() -> None:
    raise RuntimeError("taxonomy went missing")


def test_a_worker_that_cannot_start_stops_the_batch_with_a_clear_error() -> None:
    pool = IsolatedPool(misbehave, workers=1, initializer=failing_start)
    with pytest.raises(WorkerStartError, match="taxonomy went missing"):
        list(pool.map(enumerate(["a"])))


def test_abandoning_the_results_stops_the_workers() -> None:
    pool = IsolatedPool(misbehave, workers=2, timeout=60)
    results = pool.map(enumerate(["a", "hang", "hang", "hang"]))
    first = next(results)
    assert first.ok
    results.close()  # like Ctrl-C in the caller: returns, without waiting for the hangs


def test_executor_pool_on_threads_reports_failures_and_timeouts() -> None:
    def slow_or_not(task: str) -> str:
        if task == "slow":
            time.sleep(3)
        return misbehave(task)

    # The executor's only net is wall-clock: WALL_CLOCK_FACTOR (10) x 0.2 s = 2 s.
    with cf.ThreadPoolExecutor(max_workers=2) as executor:
        pool = ExecutorPool(executor, slow_or_not, capacity=2, timeout=0.2)
        results = _run(pool, ["a", "bad-input", "slow", "b", "bug"])
    assert results["a"].value == "A" and results["b"].value == "B"
    assert results["bad-input"].failure is not None and results["bad-input"].failure.kind == "input"
    assert results["bug"].failure is not None and results["bug"].failure.kind == "error"
    assert results["slow"].failure is not None and results["slow"].failure.kind == "timeout"


def test_executor_pool_turns_a_lost_worker_into_a_failure_of_that_task() -> None:
    with cf.ProcessPoolExecutor(max_workers=1) as executor:
        pool = ExecutorPool(executor, misbehave, capacity=1, timeout=20)
        results = _run(pool, ["a", "crash"])
    assert results["a"].value == "A"
    assert results["crash"].failure is not None and results["crash"].failure.kind == "crash"


ORPHAN_SCRIPT = """
import os, sys, time
from pathlib import Path
from gapcheck.batch.worker import IsolatedPool

def hang(task):
    Path(sys.argv[1], str(os.getpid())).write_text("")
    time.sleep(120)

for _ in IsolatedPool(hang, workers=2, timeout=300).map(enumerate(["a", "b", "c"])):
    pass
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is dead too: it only waits for a parent to reap it.
    status = Path(f"/proc/{pid}/status")
    return not (status.exists() and "\nState:\tZ" in status.read_text())


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads process states from /proc")
def test_workers_exit_when_their_parent_is_killed(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys

    script = tmp_path / "orphan.py"
    script.write_text(ORPHAN_SCRIPT)
    pids = tmp_path / "pids"
    pids.mkdir()
    parent = subprocess.Popen([sys.executable, str(script), str(pids)])
    deadline = time.monotonic() + 30
    while len(list(pids.iterdir())) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = [int(p.name) for p in pids.iterdir()]
    assert len(workers) == 2
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers), "orphaned workers must stop by themselves"
