"""Reading a file in a child process that is killed at the time limit and capped in memory.

pdfminer is Python: the timer signal of `ReadBudget.watch()` interrupts it anywhere, and
`pdfsafety.py` counts every byte it inflates. PDFium is C: a signal handler only runs
once PDFium returns, and it inflates streams where gapcheck cannot count. So the pdfium
engine reads in a child process (`run_isolated`), forked from this one, under the same
two limits as pdfminer:

- time: the child's CPU time is capped a little above the reading limit
  (`limits.MAX_SECONDS` of CPU, RLIMIT_CPU), and the parent waits for its answer no
  longer than the wall-clock safety net (`limits.WALL_CLOCK_FACTOR` times that), then
  kills it, so a busy machine never fails a read that a quiet one would finish;
- memory: the child's address space may grow by `limits.MAX_EXTRA_MEMORY_MB` over what it
  held when it started (RLIMIT_AS, where the system has it), so an allocation past the
  limit fails inside the child, which PDFium answers by stopping, and the parent refuses
  the file.

The child sends back the `ReadResult`, or the `GapcheckError` it raised, pickled over a
pipe, and never returns into the parent's code: whatever happens, it ends with os._exit.
Where there is no fork (Windows), the work runs in this process with the checks between
pages only (SECURITY.md says so).
"""

from __future__ import annotations

import contextlib
import math
import os
import pickle
import select
import signal
import warnings
from collections.abc import Callable
from pathlib import Path

from gapcheck import errors
from gapcheck.errors import GapcheckError, InputError, LimitError
from gapcheck.reading import limits
from gapcheck.reading.result import ReadResult

Work = Callable[[bytes, str, limits.ReadBudget], ReadResult]

POLL_SECONDS = 0.2  # how often the parent looks at the clock while it waits
# An answer larger than this is not a resume's lines (the text limit keeps them far
# smaller): the child is stopped rather than read without end.
MAX_ANSWER_BYTES = 256 * 1024 * 1024
CPU_SECONDS_MARGIN = 2  # the child's CPU cap, past the reading-time limit
_PIECE = 1 << 16


# Set (to its own pid) by a process that already runs under a memory cap and a deadline,
# such as a batch worker: forking once more per file would only double the cost.
BOUNDED_PROCESS_ENV = "GAPCHECK_BOUNDED_PID"


def can_isolate() -> bool:
    """Whether to read in a child: where fork exists, unless this process is bounded."""
    already_bounded = os.environ.get(BOUNDED_PROCESS_ENV) == str(os.getpid())
    return hasattr(os, "fork") and not already_bounded


def run_isolated(work: Work, data: bytes, source: str, budget: limits.ReadBudget) -> ReadResult:
    """`work(data, source, budget)` in a forked child bounded in time and memory."""
    if not can_isolate():
        return work(data, source, budget)
    reader, writer = os.pipe()
    with warnings.catch_warnings():
        # Python 3.12+ warns about forking a process with threads (a batch worker's watch
        # thread, say); the child only reads and answers, and never takes their locks.
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # the child: never leaves this branch
        try:
            os.close(reader)
            _child(work, data, source, budget, writer)
        finally:
            os._exit(0)
    os.close(writer)
    status: int | None = None
    try:
        answer = _wait_for_answer(reader, budget, pid)
        status = _reap(pid)
    finally:
        os.close(reader)
        if status is None:  # the deadline passed, or the parent was interrupted
            _kill(pid)
    return _result(answer, status, source, budget)


def _child(work: Work, data: bytes, source: str, budget: limits.ReadBudget, writer: int) -> None:
    payload: tuple[object, ...]
    try:
        # Neither the parent's timer handler nor its Ctrl-C handling belong here.
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
        _cap_resources(budget)
        payload = ("read", work(data, source, budget))
    except GapcheckError as error:
        payload = ("refused", type(error).__name__, error.subject, error.problem, error.advice)
    except MemoryError:
        payload = ("memory",)
    except BaseException as error:  # reported by the parent as a crash of the engine
        payload = ("crashed", type(error).__name__)
    try:
        message = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        message = pickle.dumps(("crashed", "unpicklable result"))
    view = memoryview(message)
    while view:
        written = os.write(writer, view[:_PIECE])
        view = view[written:]
    os.close(writer)


def _cap_resources(budget: limits.ReadBudget) -> None:
    """Cap the child's address space and CPU time, where the system allows it."""
    try:
        import resource
    except ImportError:
        return
    seconds = max(1, math.ceil(budget.remaining_seconds())) + CPU_SECONDS_MARGIN
    used = resource.getrusage(resource.RUSAGE_SELF)
    _lower(resource, resource.RLIMIT_CPU, int(used.ru_utime + used.ru_stime) + seconds)
    address_space = _address_space_bytes()
    if address_space is not None:
        allowance = int(budget.extra_memory_mb * 1024 * 1024)
        _lower(resource, resource.RLIMIT_AS, address_space + allowance)


def _lower(resource: object, which: int, value: int) -> None:
    """Lower a soft limit to `value` (never raise it above what it or the hard limit is)."""
    get, set_ = resource.getrlimit, resource.setrlimit  # type: ignore[attr-defined]
    infinity = resource.RLIM_INFINITY  # type: ignore[attr-defined]
    soft, hard = get(which)
    if soft != infinity and soft <= value:
        return
    if hard != infinity:
        value = min(value, hard)
    with contextlib.suppress(ValueError, OSError):
        set_(which, (value, hard))


def _address_space_bytes() -> int | None:
    """This process's virtual memory size (Linux), or None where it cannot be read."""
    try:
        with Path("/proc/self/statm").open(encoding="ascii") as statm:
            pages = int(statm.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


def _wait_for_answer(reader: int, budget: limits.ReadBudget, pid: int) -> bytes:
    """Everything the child writes, read until it closes the pipe or the deadline passes."""
    pieces: list[bytes] = []
    size = 0
    while True:
        remaining = budget.remaining_seconds()
        if remaining <= 0:
            _kill(pid)
            budget.check()  # raises the reading-time LimitError
        ready, _, _ = select.select([reader], [], [], min(max(remaining, 0.0), POLL_SECONDS))
        if not ready:
            continue
        piece = os.read(reader, _PIECE)
        if not piece:
            return b"".join(pieces)
        pieces.append(piece)
        size += len(piece)
        if size > MAX_ANSWER_BYTES:
            _kill(pid)
            raise LimitError(
                budget.source,
                "the PDF engine's answer is far larger than any resume",
                "print it to a new PDF and try again",
            )


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, ChildProcessError):
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)


def _reap(pid: int) -> int:
    while True:
        try:
            return os.waitpid(pid, 0)[1]
        except InterruptedError:  # pragma: no cover - retried by Python itself since 3.5
            continue


def _result(answer: bytes, status: int, source: str, budget: limits.ReadBudget) -> ReadResult:
    payload: tuple[object, ...] | None = None
    if answer:
        try:
            loaded = pickle.loads(answer)  # noqa: S301 - written by our own child
        except Exception:
            loaded = None
        if isinstance(loaded, tuple) and loaded:
            payload = loaded
    if payload is not None and payload[0] == "read" and isinstance(payload[1], ReadResult):
        return payload[1]
    if payload is not None and payload[0] == "refused":
        name, subject, problem, advice = (str(part) for part in payload[1:5])
        error_class = getattr(errors, name, InputError)
        if not (isinstance(error_class, type) and issubclass(error_class, GapcheckError)):
            error_class = InputError
        raise error_class(subject, problem, advice)
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) == getattr(signal, "SIGXCPU", -1):
        raise LimitError(
            source,
            f"reading used more CPU time than the {budget.seconds:g}-second limit "
            "(limit reached)",
            "a resume takes a second or two to read; the file may be malformed: export it "
            "again (or print it to a new PDF) and try again",
        )
    if (payload is not None and payload[0] == "memory") or os.WIFSIGNALED(status):
        raise LimitError(
            source,
            f"the pdfium engine stopped: it needed more than the "
            f"{budget.extra_memory_mb:g} MB memory limit, or crashed on this file",
            "the file may hold huge images or malformed data; try --pdf-engine pdfminer, "
            "or print it to a new PDF",
        )
    detail = f" ({payload[1]})" if payload is not None and len(payload) > 1 else ""
    raise InputError(
        source,
        f"the PDF cannot be read with the pdfium engine{detail}",
        "try --pdf-engine pdfminer, or export it again from the original editor",
    )
