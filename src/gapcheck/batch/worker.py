"""Run one function over many tasks so that no single task can sink the batch.

`IsolatedPool` (the default) keeps N worker processes of its own, hands each one task at
a time over a pipe, and watches them from the parent:
  - a task using more than `timeout` seconds of CPU: its worker is killed and replaced
    ("limit reached"); CPU, not wall-clock, so a busy machine never fails a valid file. A
    wall-clock safety net (WALL_CLOCK_FACTOR times the limit) catches a task stuck
    off the CPU;
  - a worker whose resident memory passes `max_memory_mb`: killed and replaced (the
    worker also caps its own address space, so a sudden huge allocation fails inside
    it as a MemoryError instead of swamping the machine);
  - a worker that dies (segfault, os._exit, the kernel's OOM killer): replaced.
In every case only the task that worker held fails, with a one-line reason, and the
batch goes on. Knowing which worker held which task is why this is not a
ProcessPoolExecutor: a dead worker breaks that whole pool and hides the culprit.

`gapcheck.batch.executor.ExecutorPool` runs the same tasks on any executor (Dask).

The function and initializer are injectable, so tests can pass functions that sleep,
crash, allocate or raise.
"""

from __future__ import annotations

import contextlib
import faulthandler
import gc
import logging
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import threading
import time
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gapcheck.errors import GapcheckError, LimitError, NotAResumeError
from gapcheck.reading.isolated import BOUNDED_PROCESS_ENV

POLL_SECONDS = 0.05  # how often the parent checks clocks and memory while waiting
PARENT_CHECK_SECONDS = 1.0  # how often an idle worker checks that its parent still lives
WALL_CLOCK_FACTOR = 10.0  # the wall-clock safety net, as a multiple of the CPU limit
_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
_CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


class WorkerStartError(GapcheckError):
    """A worker could not get ready (its initializer failed): no task can run."""


@dataclass(frozen=True)
class Failure:
    # "not-a-resume"; "input" (damaged or unreadable: the same file fails again); "limit"
    # (a size, CPU-time or reading limit reached); "memory" (out of memory); "timeout"
    # (the wall-clock safety net); "crash"; "error" (a bug).
    kind: str
    reason: str  # one line for the user


@dataclass(frozen=True)
class TaskResult:
    task_id: int
    value: Any  # what the function returned; None when it failed
    failure: Failure | None
    seconds: float  # wall time of the task in its worker (or until it was given up)
    cpu_seconds: float = 0.0  # CPU time the task used in its worker, when known
    peak_rss_mb: float = 0.0  # the worker's peak resident memory so far, when known

    @property
    def ok(self) -> bool:
        return self.failure is None


def short_reason(text: str, limit: int = 300) -> str:
    """A failure reason as one bounded line for the cohort table and the CSV."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def call_guarded(
    function: Callable[[Any], Any], task: Any, memory_limit_mb: int | None = None
) -> tuple[Any, Failure | None]:
    """Call `function(task)`, turning every exception into a Failure with a reason."""
    try:
        return function(task), None
    except NotAResumeError as exc:
        return None, Failure("not-a-resume", short_reason(exc.reason))
    except LimitError as exc:
        return None, Failure("limit", short_reason(exc.reason))
    except GapcheckError as exc:
        return None, Failure("input", short_reason(exc.reason))
    except MemoryError:
        limit = f" of {memory_limit_mb} MB" if memory_limit_mb else ""
        return None, Failure(
            "memory", f"out of memory: needed more than the limit{limit}; raise --max-memory"
        )
    except RecursionError:
        return None, Failure("error", "the file is nested too deeply to analyse")
    except Exception as exc:  # any bug or library failure must fail this file only
        reason = short_reason(f"internal error ({type(exc).__name__}: {exc})")
        return None, Failure("error", reason)


def _resident_mb(pid: int) -> float | None:
    """Resident memory of a process in MB, from /proc (Linux); None where unknown."""
    try:
        return (
            int(Path(f"/proc/{pid}/statm").read_text(encoding="ascii").split()[1])
            * _PAGE_SIZE
            / 2**20
        )
    except (OSError, ValueError, IndexError):
        return None


def _cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) a process has used, from /proc (Linux); None where unknown."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
        # The command name (field 2) may hold spaces: count fields after its closing ")".
        fields = stat[stat.rindex(")") + 2 :].split()
        return (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS
    except (OSError, ValueError, IndexError):
        return None


def _peak_resident_mb() -> float:
    try:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / 2**20 if sys.platform == "darwin" else peak / 1024
    except (ImportError, OSError):
        return 0.0


def _cap_address_space(extra_mb: int) -> None:
    """Cap the address space at its current size plus `extra_mb` (a backstop to the RSS watch)."""
    try:
        import resource

        statm = Path("/proc/self/statm").read_text(encoding="ascii")
        current = int(statm.split()[0]) * _PAGE_SIZE
        limit = current + extra_mb * 2**20
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, OSError, ValueError):
        pass  # not Linux: the parent's RSS watch still applies


def _quiet_worker() -> None:
    # The parent handles Ctrl-C and stops the workers itself; libraries' warnings about
    # odd files would only scribble over the progress bar.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    faulthandler.disable()  # a crash is reported by the parent in one line, not a C stack dump
    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")


def _die_with_parent(parent_pid: int) -> None:
    """Make sure a worker never outlives a killed parent, even in the middle of a task.

    On Linux the kernel sends SIGKILL when the parent dies (prctl PR_SET_PDEATHSIG), which
    works even while the task holds the GIL; elsewhere a daemon thread checks once a second.
    """
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        if libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0) == 0:
            if os.getppid() != parent_pid:
                os._exit(1)  # the parent died before the request took effect
            return
    except (OSError, AttributeError):
        pass

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _worker_main(
    connection: multiprocessing.connection.Connection,
    function: Callable[[Any], Any],
    initializer: Callable[[], None] | None,
    max_memory_mb: int | None,
    parent_pid: int,
) -> None:
    _die_with_parent(parent_pid)
    _quiet_worker()
    try:
        if initializer is not None:
            initializer()
    except BaseException as exc:
        with contextlib.suppress(OSError):
            connection.send(("init-error", short_reason(f"{type(exc).__name__}: {exc}")))
        return
    # Everything alive now (modules, the warmed-up detector) lives as long as the worker:
    # moved out of the collector's reach, it is no longer re-scanned by every full
    # collection, which cost ~12 ms per resume (a quarter of its CPU). Nothing is collected
    # first, so a forked worker does not touch, and so copy, the memory it shares. The
    # collection thresholds stay Python's: raised ones (10000, 50, 100) saved ~2 ms per
    # resume but let the worker's peak memory grow by 20 MB over 1,000 resumes.
    gc.freeze()
    if max_memory_mb:
        _cap_address_space(max_memory_mb)
        # Capped here and killed by the parent at its timeout: the pdfium reader need not
        # fork a bounded child of its own for every file (gapcheck.reading.isolated).
        os.environ[BOUNDED_PROCESS_ENV] = str(os.getpid())
    connection.send(("ready", os.getpid()))
    while True:
        try:
            if not connection.poll(PARENT_CHECK_SECONDS):
                if os.getppid() != parent_pid:
                    return  # the parent was killed: nobody will read our results
                continue
            message = connection.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        task_id, task = message
        started, cpu_started = time.perf_counter(), time.process_time()
        value, failure = call_guarded(function, task, max_memory_mb)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        try:
            connection.send(("result", task_id, value, failure, seconds, cpu, _peak_resident_mb()))
        except (OSError, EOFError):
            return
        except Exception as exc:  # the result could not be pickled
            kind = type(exc).__name__
            reason = short_reason(f"internal error: result not transferable ({kind})")
            connection.send(("result", task_id, None, Failure("error", reason), seconds, cpu, 0.0))


def _signal_name(code: int) -> str:
    try:
        return signal.Signals(code).name
    except ValueError:
        return f"signal {code}"


class _Slot:
    """One worker process and the task it holds."""

    def __init__(
        self,
        process: multiprocessing.process.BaseProcess,
        connection: multiprocessing.connection.Connection,
    ) -> None:
        self.process = process
        self.connection = connection
        self.ready = False
        self.task_id: int | None = None
        self.started = 0.0
        self.cpu_started: float | None = None  # the worker's CPU time when the task began

    def stop(self, kill: bool = False) -> None:
        with contextlib.suppress(OSError, ValueError):
            if kill:
                self.process.kill()
            else:
                self.connection.send(None)
        self.process.join(timeout=None if kill else 2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        with contextlib.suppress(OSError):
            self.connection.close()


class IsolatedPool:
    """N worker processes, one task each at a time, watched for time, memory and death."""

    def __init__(
        self,
        function: Callable[[Any], Any],
        *,
        workers: int,
        initializer: Callable[[], None] | None = None,
        timeout: float | None = None,
        max_memory_mb: int | None = None,
        start_method: str | None = None,
    ) -> None:
        self.function = function
        self.workers = max(1, workers)
        self.initializer = initializer
        self.timeout = timeout
        self.max_memory_mb = max_memory_mb
        # Any: typeshed's BaseContext does not declare the Process/Pipe the real contexts have.
        self.context: Any = multiprocessing.get_context(start_method)
        self.restarts = 0  # workers replaced after a timeout, memory overrun or crash
        self.peak_rss_mb = 0.0  # highest resident memory seen in any worker

    def _start(self) -> _Slot:
        parent_end, child_end = self.context.Pipe(duplex=True)
        process = self.context.Process(
            target=_worker_main,
            args=(child_end, self.function, self.initializer, self.max_memory_mb, os.getpid()),
            daemon=True,
            name="gapcheck-worker",
        )
        process.start()
        child_end.close()
        return _Slot(process, parent_end)

    def map(self, tasks: Iterable[tuple[int, Any]]) -> Iterator[TaskResult]:
        """Yield a TaskResult for every (task_id, task), in completion order."""
        pending: deque[tuple[int, Any]] = deque(tasks)
        held: dict[int, Any] = {}
        slots = [self._start() for _ in range(min(self.workers, len(pending)))]
        try:
            while pending or held:
                for slot in slots:
                    if slot.ready and slot.task_id is None and pending:
                        task_id, task = pending.popleft()
                        slot.connection.send((task_id, task))
                        slot.task_id, slot.started = task_id, time.monotonic()
                        slot.cpu_started = _cpu_seconds(slot.process.pid or 0)
                        held[task_id] = task
                waitables: list[Any] = [s.connection for s in slots] + [
                    s.process.sentinel for s in slots
                ]
                multiprocessing.connection.wait(waitables, timeout=POLL_SECONDS)
                for index, slot in enumerate(slots):
                    result, replace = self._check(slot)
                    if result is not None:
                        held.pop(result.task_id, None)
                        yield result
                    if replace:
                        slot.stop(kill=True)
                        self.restarts += 1
                        slots[index] = self._start()
        finally:
            for slot in slots:
                slot.stop(kill=bool(held) or sys.exc_info()[0] is not None)

    def _check(self, slot: _Slot) -> tuple[TaskResult | None, bool]:
        """What a slot has to say: a finished or failed task, and whether to replace its worker."""
        try:
            has_message = slot.connection.poll()
        except (OSError, EOFError):
            has_message = False
        if has_message:
            try:
                message = slot.connection.recv()
            except (EOFError, OSError):
                message = None
            if message is not None:
                if message[0] == "ready":
                    slot.ready = True
                    return None, False
                if message[0] == "init-error":
                    raise WorkerStartError(
                        "worker",
                        f"could not start ({message[1]})",
                        "check the taxonomy and options",
                    )
                _, task_id, value, failure, seconds, cpu, peak = message
                slot.task_id = None
                self.peak_rss_mb = max(self.peak_rss_mb, peak)
                return TaskResult(task_id, value, failure, seconds, cpu, peak), False
        if not slot.process.is_alive():
            return self._died(slot), True
        if slot.task_id is None:
            return None, False
        elapsed = time.monotonic() - slot.started
        over = self._over_time(slot, elapsed)
        if over is not None:
            return self._given_up(slot, over, elapsed), True
        resident = _resident_mb(slot.process.pid or 0)
        if resident is not None:
            self.peak_rss_mb = max(self.peak_rss_mb, resident)
            if self.max_memory_mb and resident > self.max_memory_mb:
                limit = self.max_memory_mb
                reason = f"out of memory: needed more than the {limit} MB limit; raise --max-memory"
                failure = Failure("memory", reason)
                return self._given_up(slot, failure, elapsed), True
        return None, False

    def _over_time(self, slot: _Slot, elapsed: float) -> Failure | None:
        """A Failure when the task used more CPU than the limit, or stalled far past it."""
        if self.timeout is None:
            return None
        now = _cpu_seconds(slot.process.pid or 0)
        if now is not None and slot.cpu_started is not None:
            if now - slot.cpu_started > self.timeout:
                return Failure(
                    "limit",
                    f"used more than the {self.timeout:g} s CPU-time limit (limit reached); "
                    "raise --timeout to allow more",
                )
            net = self.timeout * WALL_CLOCK_FACTOR
        else:
            net = self.timeout  # no CPU clock here: the limit is wall-clock time
        if elapsed > net:
            return Failure(
                "timeout",
                f"took longer than {net:g} s of wall-clock time without finishing; "
                "the machine may be overloaded or the file stuck; run again",
            )
        return None

    def _given_up(self, slot: _Slot, failure: Failure, elapsed: float) -> TaskResult:
        task_id = slot.task_id
        assert task_id is not None  # only called for a slot holding a task
        slot.task_id = None
        return TaskResult(task_id, None, failure, elapsed)

    def _died(self, slot: _Slot) -> TaskResult | None:
        slot.process.join()
        code = slot.process.exitcode or 0
        if slot.task_id is None:
            if not slot.ready:
                raise WorkerStartError(
                    "worker",
                    f"exited while starting (status {code})",
                    "check the taxonomy and options",
                )
            return None
        if code < 0 and -code == signal.SIGKILL:
            reason = "the analysis was killed (SIGKILL), most likely for using too much memory"
            kind = "memory"
        elif code < 0:
            reason, kind = f"the analysis crashed ({_signal_name(-code)})", "crash"
        else:
            reason, kind = f"the analysis stopped unexpectedly (exit status {code})", "crash"
        return self._given_up(slot, Failure(kind, reason), time.monotonic() - slot.started)
