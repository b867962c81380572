"""The reading-time limit counts CPU time, with a wall-clock safety net far above it.

- a read that waits off the CPU (asleep, or stopped as a starved process is) is not
  refused, however long it waits within the safety net;
- a read that burns CPU is stopped at the CPU limit, from the timer that ticks with CPU
  time, as a LimitError that says "limit reached" (not "malformed");
- a read stuck off the CPU is stopped at the wall-clock safety net;
- a child forked to read counts its own CPU time.

Work is measured in CPU time; the waits here are off the CPU on purpose, and no test
asserts how long anything took on the wall clock.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from gapcheck.errors import LimitError
from gapcheck.reading import isolated, limits, read_bytes
from gapcheck.reading.result import ReadResult

RESUME = (
    "Jordan Example\nSkills\nPython, SQL, Docker\nExperience\n"
    "Data engineer at Example Corp, 2019 - 2024\n• Built pipelines in Python and SQL\n"
).encode()
HANG_GUARD_SECONDS = 120  # a child that runs this long has hung: the test fails


def _burn(cpu_seconds: float) -> None:
    """Spin for `cpu_seconds` of this process's CPU time, never reaching a check."""
    end = time.process_time() + cpu_seconds
    while time.process_time() < end:
        pass


@pytest.fixture
def timers_left_clean() -> Iterator[None]:
    yield
    timers = ((signal.ITIMER_PROF, signal.SIGPROF), (signal.ITIMER_REAL, signal.SIGALRM))
    for which, signum in timers:
        assert signal.getitimer(which) == (0.0, 0.0)
        assert signal.getsignal(signum) == signal.SIG_DFL


def test_waiting_off_the_cpu_does_not_use_the_budget(timers_left_clean: None) -> None:
    budget = limits.ReadBudget("resume.pdf", seconds=0.2)
    with budget.watch():
        for _ in range(8):  # 0.8 s asleep: four times the CPU limit, well inside the net
            time.sleep(0.1)
            budget.check()
    assert budget.cpu_used() < 0.2
    assert budget.remaining_seconds() > 0


def test_a_valid_file_read_slowly_is_not_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader is kept off the CPU for longer than the CPU limit: it is read all the same."""
    import gapcheck.reading as reading

    original = reading._read_kind

    def descheduled(*args: object) -> ReadResult:
        time.sleep(1.5)  # what a busy machine does to a read: no CPU for a while
        return original(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(limits, "MAX_SECONDS", 1.0)
    monkeypatch.setattr(reading, "_read_kind", descheduled)
    document = read_bytes(RESUME, "resume.txt")
    assert any("Python, SQL, Docker" in line.text for line in document.lines)


STOPPED_IN_CHILD = """
import json, os, signal, sys
import gapcheck.reading as reading
from gapcheck.errors import GapcheckError
from gapcheck.reading import limits
limits.MAX_SECONDS = 1.0
original = reading._read_kind
def starved(*args):
    os.kill(os.getpid(), signal.SIGSTOP)  # off the CPU until the parent continues it
    return original(*args)
reading._read_kind = starved
try:
    with open(sys.argv[1], "rb") as resume:
        document = reading.read_bytes(resume.read(), "resume.txt")
    print(json.dumps({"status": "read", "lines": len(document.lines)}))
except GapcheckError as error:
    print(json.dumps({"status": "refused", "message": error.message}))
"""


@pytest.mark.skipif(not hasattr(signal, "SIGSTOP"), reason="no job control signals here")
def test_a_reader_the_scheduler_starves_is_not_refused(tmp_path: Path) -> None:
    """A child stopped inside its reading budget for twice the CPU limit reads the file."""
    resume = tmp_path / "resume.txt"
    resume.write_bytes(RESUME)
    child = subprocess.Popen(
        [sys.executable, "-c", STOPPED_IN_CHILD, str(resume)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    _, status = os.waitpid(child.pid, os.WUNTRACED)  # returns once the child has stopped
    assert os.WIFSTOPPED(status), status
    time.sleep(2.0)  # twice the CPU limit, with the child's timers armed
    os.kill(child.pid, signal.SIGCONT)
    out, err = child.communicate(timeout=HANG_GUARD_SECONDS)
    outcome = json.loads(out)
    assert outcome["status"] == "read", (outcome, err)
    assert outcome["lines"] >= 5


def test_a_read_that_burns_cpu_is_refused(
    monkeypatch: pytest.MonkeyPatch, timers_left_clean: None
) -> None:
    import gapcheck.reading as reading

    def spins(*args: object) -> ReadResult:
        _burn(30)  # a loop inside a library that never reaches a cooperative check
        raise AssertionError("the CPU-time watch did not stop the loop")

    monkeypatch.setattr(limits, "MAX_SECONDS", 0.5)
    monkeypatch.setattr(reading, "_read_kind", spins)
    started = time.process_time()
    with pytest.raises(LimitError) as caught:
        read_bytes(RESUME, "resume.txt")
    assert time.process_time() - started < 10  # stopped near 0.5 s, far short of 30
    message = caught.value.message
    assert message.startswith(
        "resume.txt: reading used more CPU time than the 0.5-second limit (limit reached); "
    )
    assert "malformed" not in message and "\n" not in message


def test_the_wall_clock_safety_net_stops_a_reader_stuck_off_the_cpu(
    timers_left_clean: None,
) -> None:
    budget = limits.ReadBudget("stuck.pdf", seconds=5, wall_seconds=0.5)
    started = time.process_time()
    with pytest.raises(LimitError) as caught, budget.watch():
        for _ in range(600):
            time.sleep(0.1)  # never on the CPU, never at a cooperative check
    assert time.process_time() - started < 2
    assert "0.5-second wall-clock limit (limit reached)" in caught.value.problem


def test_the_safety_net_is_far_above_the_cpu_limit() -> None:
    budget = limits.ReadBudget("resume.pdf")
    assert budget.seconds == limits.MAX_SECONDS
    assert budget.wall_seconds == limits.MAX_SECONDS * limits.WALL_CLOCK_FACTOR
    assert limits.WALL_CLOCK_FACTOR >= 10


def test_the_watch_ticks_with_cpu_time_and_leaves_a_profiler_alone(
    timers_left_clean: None,
) -> None:
    with limits.ReadBudget("resume.pdf").watch():
        assert signal.getitimer(signal.ITIMER_PROF)[1] == limits.WATCH_INTERVAL
        assert callable(signal.getsignal(signal.SIGPROF))

    ticks: list[int] = []
    previous = signal.signal(signal.SIGPROF, lambda signum, frame: ticks.append(signum))
    try:  # somebody's profiler owns SIGPROF: the cooperative checks still hold
        budget = limits.ReadBudget("resume.pdf", seconds=0.1)
        with pytest.raises(LimitError, match="CPU time"), budget.watch():
            assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)
            _burn(0.2)
            budget.check()
    finally:
        signal.signal(signal.SIGPROF, previous)


def test_a_forked_child_counts_its_own_cpu_time() -> None:
    def report(data: bytes, source: str, budget: limits.ReadBudget) -> ReadResult:
        return ReadResult(lines=(), pages=1, engine="test", warnings=[repr(budget.cpu_used())])

    budget = limits.ReadBudget("x.pdf", seconds=30)
    _burn(0.5)  # the parent's work before the child is forked
    if not isolated.can_isolate():
        pytest.skip("no fork here")
    result = isolated.run_isolated(report, b"", "x.pdf", budget)
    in_child = float(result.warnings[0])
    assert 0 <= in_child < budget.cpu_used()


def test_a_limit_figure_is_stated_in_the_documentation() -> None:
    text = (Path(__file__).resolve().parents[2] / "SECURITY.md").read_text(encoding="utf-8")
    assert "CPU time" in text


def test_a_tick_that_lands_at_once_leaves_no_timer_behind(timers_left_clean: None) -> None:
    """A limit of zero: the wall-clock tick lands while the watch is still being set up."""
    refused = 0
    for _ in range(20):
        budget = limits.ReadBudget("x.pdf", seconds=0, wall_seconds=0)
        try:
            with budget.watch():
                time.sleep(0.01)
        except LimitError:
            refused += 1
    assert refused == 20
    time.sleep(0.3)  # past an interval: a timer left running would raise here, or kill us
