"""Running gapcheck on hostile input under watch, and checking what comes out.

    run_gapcheck(args, cwd=...)        the CLI in a child process: exit code, output,
                                       CPU time and the child's own peak memory
    assert_one_line_error(result, ...) one line on stderr, "gapcheck: error: NAME: ..."
    assert_inert_report(html)          a report that is well-formed and cannot act

The child's CPU time and peak resident memory come from `os.wait4`, which reports the
usage of that one child (and of the processes it waited for, such as the pdfium engine's
reader), so concurrent runs do not blur each other's figures. Bounds are stated in CPU
seconds, never in wall-clock time, which a loaded machine stretches. A watcher kills the
child (its whole process group) past a hard time or memory ceiling, so a guard that
regresses fails its test instead of taking the machine down.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import psutil
from bs4 import BeautifulSoup

from gapcheck.report.environment import _static_assets

# The bounds every hostile case must meet in the single-file CLI: stated in SECURITY.md.
MAX_CASE_CPU_SECONDS = 20.0
MAX_CASE_MEMORY_MB = 1024.0
# Past these the watcher kills the child: far beyond the bounds, short of hurting anyone.
KILL_SECONDS = 90.0
KILL_MEMORY_MB = 2500.0

# Runs the CLI after setting limits in gapcheck.reading.limits (a JSON object in argv[1]):
# how a test shows a limit works without waiting 30 seconds for the real one.
# The child records its own peak memory at exit: VmHWM counts only what this program
# touched after exec, whereas wait4's ru_maxrss also counts the moment between fork and
# exec, when the child still maps the (large, late in a test session) pytest process.
_RECORD_PEAK = """
import atexit, os, sys
def _record_peak():
    try:
        with open("/proc/self/status") as status:
            kib = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
        with open(os.environ["GAPCHECK_TEST_PEAK_FILE"], "w") as out:
            out.write(kib)
    except (OSError, StopIteration, KeyError):
        pass
atexit.register(_record_peak)
"""

_WITH_LIMITS = _RECORD_PEAK + """
import json
from gapcheck.reading import limits
for name, value in json.loads(sys.argv[1]).items():
    setattr(limits, name, value)
from gapcheck.cli.main import main
main(sys.argv[2:])
"""

_PLAIN = _RECORD_PEAK + """
from gapcheck.cli.main import main
main(sys.argv[1:])
"""


@dataclass(frozen=True)
class ChildResult:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float
    killed: str | None  # why the watcher killed the child, if it did
    cpu_seconds: float = 0.0  # user and system time of the child and what it waited for

    def describe(self) -> str:
        return (
            f"exit {self.returncode} after {self.seconds:.1f} s ({self.cpu_seconds:.1f} s "
            f"of CPU), peak {self.peak_mb:.0f} MB"
            f"{', killed: ' + self.killed if self.killed else ''}; stderr: {self.stderr[:500]!r}"
        )


def gapcheck_command(args: Sequence[str], limits: Mapping[str, float] | None = None) -> list[str]:
    if limits:
        return [sys.executable, "-c", _WITH_LIMITS, json.dumps(dict(limits)), *args]
    return [sys.executable, "-c", _PLAIN, *args]


def run_gapcheck(
    args: Sequence[str],
    *,
    cwd: Path,
    limits: Mapping[str, float] | None = None,
    env: Mapping[str, str] | None = None,
) -> ChildResult:
    """Run the CLI with `args` in `cwd`, measuring wall time and the child's peak memory."""
    child_env = {**os.environ, **(env or {})}
    child_env.pop("GAPCHECK_DEBUG", None)
    peak_file = Path(tempfile.mkdtemp(prefix="gapcheck-peak-")) / "vmhwm"
    child_env["GAPCHECK_TEST_PEAK_FILE"] = str(peak_file)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        process = subprocess.Popen(
            gapcheck_command(args, limits),
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            env=child_env,
            start_new_session=True,  # its own process group, so the watcher can kill it all
        )
        killed: list[str] = []
        finished = threading.Event()
        watcher = threading.Thread(
            target=_watch, args=(process.pid, started, finished, killed), daemon=True
        )
        watcher.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.monotonic() - started
        finished.set()
        watcher.join()
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return ChildResult(
            returncode=process.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
            seconds=seconds,
            peak_mb=_recorded_peak_mb(peak_file) or _peak_mb(usage.ru_maxrss),
            killed=killed[0] if killed else None,
            cpu_seconds=usage.ru_utime + usage.ru_stime,
        )


def _recorded_peak_mb(peak_file: Path) -> float | None:
    """The child's own VmHWM, when it could write it (not when it was killed)."""
    try:
        kib = int(peak_file.read_text())
    except (OSError, ValueError):
        return None
    finally:
        peak_file.unlink(missing_ok=True)
        peak_file.parent.rmdir()
    return kib / 1024


def _peak_mb(ru_maxrss: int) -> float:
    return ru_maxrss / 2**20 if sys.platform == "darwin" else ru_maxrss / 1024


def _watch(pid: int, started: float, finished: threading.Event, killed: list[str]) -> None:
    try:
        process = psutil.Process(pid)
        while not finished.wait(0.05):
            if time.monotonic() - started > KILL_SECONDS:
                killed.append(f"ran past {KILL_SECONDS:g} s")
            elif process.memory_info().rss > KILL_MEMORY_MB * 2**20:
                killed.append(f"used more than {KILL_MEMORY_MB:g} MB")
            else:
                continue
            os.killpg(pid, signal.SIGKILL)
            return
    except (psutil.Error, ProcessLookupError):
        return  # the child is gone


def printed_name(name: str) -> str:
    """A file name as gapcheck prints it: control characters escaped, never raw."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in name)


def assert_one_line_error(result: ChildResult, name: str, *words: str) -> str:
    """Exit 1 and exactly one line, `gapcheck: error: NAME: ...` containing `words`."""
    assert result.killed is None, result.describe()
    assert result.returncode == 1, result.describe()
    assert "Traceback" not in result.stderr, result.describe()
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.describe()
    line = lines[0]
    assert line.startswith(f"gapcheck: error: {printed_name(name)}: "), line
    assert "internal error" not in line, line
    for word in words:
        assert word in line, f"{word!r} not in {line!r}"
    return line


# --------------------------------------------------------------------------- reports


class _BalanceChecker(HTMLParser):
    """Fails on an end tag that does not close the innermost open element."""

    VOID = frozenset({"meta", "link", "br", "hr", "img", "input", "source", "wbr", "col"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, f"</{tag}> closes <{self.open[-1:]}>"
        self.open.pop()


def _safe_url(url: str) -> bool:
    """An anchor, a web page, or a relative link to a file beside the page (no scheme)."""
    if url.startswith(("#", "https://", "http://")):
        return True
    scheme = url.split(":", 1)[0] if ":" in url.split("/", 1)[0] else ""
    return not scheme and not url.startswith(("/", "\\")) and ".." not in url.split("/")


# Elements that fetch, embed, submit or redirect: a report never contains any.
ACTIVE_ELEMENTS = ("img", "iframe", "frame", "object", "embed", "base", "form", "input",
                   "link", "audio", "video", "source", "track", "applet", "portal")  # fmt: skip
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data", "poster")


def assert_inert_report(html: str, *, own_assets: bool = True) -> BeautifulSoup:
    """A report page: every element closed in order, nothing that can run, load or submit.

    Only gapcheck's own script and stylesheet (`own_assets`: exactly the single report's;
    otherwise at most one of each, as the cohort page has its own); no event-handler
    attributes; links only to anchors of the page, to web pages or to sibling reports
    (never `javascript:` or `data:`); no element that fetches anything; no meta refresh;
    no inline style attribute.
    """
    checker = _BalanceChecker()
    checker.feed(html)
    checker.close()
    assert checker.open == [], f"left open: {checker.open}"
    soup = BeautifulSoup(html, "html.parser")
    scripts = soup.find_all("script")
    styles = soup.find_all("style")
    if own_assets:
        style, script = _static_assets()
        assert len(scripts) == 1 and scripts[0].string == script, "a script not gapcheck's"
        assert len(styles) == 1 and styles[0].string == style, "a stylesheet not gapcheck's"
    else:
        assert len(scripts) <= 1 and len(styles) <= 1
    for name in ACTIVE_ELEMENTS:
        assert soup.find(name) is None, f"<{name}> in the report"
    for element in soup.find_all(True):
        for attribute, value in element.attrs.items():
            assert not attribute.lower().startswith("on"), f"{attribute} on <{element.name}>"
            assert attribute.lower() != "style", f"style attribute on <{element.name}>"
            if attribute.lower() in URL_ATTRIBUTES:
                assert _safe_url(str(value)), (attribute, value)
    for meta in soup.find_all("meta"):
        assert str(meta.get("http-equiv", "")).lower() != "refresh"
    return soup
