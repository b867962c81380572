"""gapcheck never touches the network: a full analysis and a batch run with it blocked.

Resumes are personal data, and their portfolio pages and postings are full of links.
Blocking is done with a Python audit hook, which sees every socket the interpreter
creates or connects, whatever module asks (a monkeypatched `socket.socket` would miss
modules that imported it earlier, and C extensions):

- in this process, a hook that is inert until a test switches it on (audit hooks cannot
  be removed, so it must not disturb other tests);
- in child processes (the CLI, batch mode and its workers), a `sitecustomize` module on
  PYTHONPATH installs the same hook at interpreter start, and forked workers inherit it.

Each blocked attempt is recorded, so a test fails even if gapcheck swallowed the error.
Attempts made while a module is being imported are blocked too but recorded apart: a
library may probe at import time whether the machine has IPv6 (urllib3, imported by
spaCy, creates and binds a socket on ::1), which sends nothing; such a probe must never
connect or look a name up. Control tests prove the hooks do block, so a passing test is
not vacuous.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from gapcheck.api import analyse, render
from tests.support.hostile_files import resume_pdf_bytes

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "jordan-lee-resume.pdf"
NETWORK_FAMILIES = (socket.AF_INET, socket.AF_INET6)
SOCKET_EVENTS = ("socket.__new__", "socket.connect", "socket.connect_ex", "socket.bind",
                 "socket.sendto", "socket.sendmsg")  # fmt: skip
LOOKUP_EVENTS = ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex",
                 "socket.gethostbyaddr", "socket.getnameinfo", "urllib.Request",
                 "http.client.connect", "webbrowser.open")  # fmt: skip

_blocking = False
_attempts: list[str] = []
IMPORT_TAG = "[import] "  # an attempt made while a module was being imported


def _during_import() -> bool:
    frame = sys._getframe(1)
    while frame is not None:
        if "importlib._bootstrap" in frame.f_code.co_filename:
            return True
        frame = frame.f_back  # type: ignore[assignment]
    return False


def _family(event: str, args: tuple[object, ...]) -> object:
    if event == "socket.__new__":  # (socket, family, type, proto)
        return args[1] if len(args) > 1 else None
    return getattr(args[0], "family", None) if args else None


def _hook(event: str, args: tuple[object, ...]) -> None:
    if not _blocking:
        return
    if event in LOOKUP_EVENTS or (
        event in SOCKET_EVENTS and _family(event, args) in NETWORK_FAMILIES
    ):
        tag = IMPORT_TAG if _during_import() else ""
        _attempts.append(f"{tag}{event} {args!r:.200}")
        raise OSError(f"network use blocked by the test: {event}")


sys.addaudithook(_hook)


@pytest.fixture
def network_blocked() -> Iterator[list[str]]:
    global _blocking
    _attempts.clear()
    _blocking = True
    try:
        yield _attempts
    finally:
        _blocking = False


def gapcheck_attempts(attempts: list[str]) -> list[str]:
    """Attempts outside imports, plus any import-time attempt beyond creating or binding."""
    quiet = ("socket.__new__", "socket.bind")
    return [
        a for a in attempts
        if not a.startswith(IMPORT_TAG) or not a[len(IMPORT_TAG):].startswith(quiet)
    ]  # fmt: skip


def test_control_the_hook_blocks_sockets(network_blocked: list[str]) -> None:
    with pytest.raises(OSError, match="blocked"):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with pytest.raises(OSError, match="blocked"):
        socket.getaddrinfo("example.invalid", 443)
    assert len(network_blocked) == 2
    network_blocked.clear()


def _portfolio(folder: Path) -> tuple[list[Path], Path]:
    page = folder / "site.html"
    page.write_text(
        "<html><head><link rel=stylesheet href='https://cdn.example.invalid/x.css'>"
        "<script src='https://cdn.example.invalid/x.js'></script></head><body>"
        "<h2>Projects</h2><p>Recommender in PyTorch "
        "<a href='https://github.com/alex-example/rec'>code</a></p>"
        "<img src='https://img.example.invalid/pixel.png' alt='Kubernetes diagram'>"
        "</body></html>",
        encoding="utf-8",
    )
    readme = folder / "README.md"
    readme.write_text(
        "# Pipelines\n\nAirflow and Spark, see <https://example.invalid/demo> and "
        "![badge](https://img.shields.io/badge/x.svg)\n",
        encoding="utf-8",
    )
    posting = folder / "posting.md"
    posting.write_text(
        "Title: ML Engineer\nURL: https://jobs.example.invalid/123\n\n"
        "## Requirements\n- Python, SQL and Docker\n- Kubernetes (https://kubernetes.io)\n",
        encoding="utf-8",
    )
    return [page, readme], posting


def test_full_analysis_with_the_network_blocked(
    tmp_path: Path, network_blocked: list[str]
) -> None:
    portfolio, posting = _portfolio(tmp_path)
    analysis = analyse(EXAMPLE, portfolio, job=posting, today="2026-11-21")
    for fmt in ("html", "md", "json"):
        assert render(analysis, fmt)
    assert analysis.detection.skills and analysis.job is not None
    assert gapcheck_attempts(network_blocked) == []


SITECUSTOMIZE = textwrap.dedent(
    f"""
    # Installed by tests/test_network.py: every process started with this on its
    # PYTHONPATH refuses network use and records each attempt.
    import os, socket, sys

    _LOG = os.environ["GAPCHECK_TEST_NETWORK_LOG"]
    _FAMILIES = (socket.AF_INET, socket.AF_INET6)
    _SOCKET = {SOCKET_EVENTS!r}
    _LOOKUP = {LOOKUP_EVENTS!r}

    def _family(event, args):
        if event == "socket.__new__":
            return args[1] if len(args) > 1 else None
        return getattr(args[0], "family", None) if args else None

    def _during_import():
        frame = sys._getframe(1)
        while frame is not None:
            if "importlib._bootstrap" in frame.f_code.co_filename:
                return True
            frame = frame.f_back
        return False

    def _hook(event, args):
        if event in _LOOKUP or (event in _SOCKET and _family(event, args) in _FAMILIES):
            tag = {IMPORT_TAG!r} if _during_import() else ""
            with open(_LOG, "a", encoding="utf-8") as log:
                log.write(f"{{os.getpid()}} {{tag}}{{event}} {{args!r:.200}}\\n")
            raise OSError("network use blocked by the test: " + event)

    sys.addaudithook(_hook)
    """
)


@pytest.fixture
def blocking_env(tmp_path: Path) -> dict[str, str]:
    hook_dir = tmp_path / "hook"
    hook_dir.mkdir()
    (hook_dir / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    log = tmp_path / "network.log"
    return {
        "PYTHONPATH": str(hook_dir),
        "GAPCHECK_TEST_NETWORK_LOG": str(log),
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),  # caches go here, not to the real home
    }


def _run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=300
    )


def _log(env: dict[str, str]) -> list[str]:
    log = Path(env["GAPCHECK_TEST_NETWORK_LOG"])
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


def test_control_children_and_forked_workers_are_blocked(
    tmp_path: Path, blocking_env: dict[str, str]
) -> None:
    code = (
        "import multiprocessing, socket\n"
        "def connect(_):\n"
        "    try:\n"
        "        socket.create_connection(('127.0.0.1', 9), timeout=1)\n"
        "    except OSError as exc:\n"
        "        return str(exc)\n"
        "if __name__ == '__main__':\n"
        "    print(connect(0))\n"
        "    with multiprocessing.get_context('fork').Pool(1) as pool:\n"
        "        print(pool.map(connect, [0])[0])\n"
    )
    result = _run(["-c", code], blocking_env, tmp_path)
    assert result.stdout.count("blocked by the test") == 2, result.stdout + result.stderr
    pids = {line.split()[0] for line in _log(blocking_env)}
    assert len(pids) == 2, "the hook must block in the forked worker too"


def test_cli_and_batch_with_the_network_blocked(
    tmp_path: Path, blocking_env: dict[str, str]
) -> None:
    portfolio, posting = _portfolio(tmp_path)
    single = _run(
        ["-m", "gapcheck", str(EXAMPLE), *map(str, portfolio), "--job", str(posting),
         "-q", "--date", "2026-11-21"],
        blocking_env,
        tmp_path,
    )  # fmt: skip
    assert single.returncode == 0, single.stderr
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.pdf").write_bytes(EXAMPLE.read_bytes())
    (inputs / "b.pdf").write_bytes(resume_pdf_bytes())
    batch = _run(
        ["-m", "gapcheck", "batch", "in", "-o", "out", "--jobs", "2", "--job", str(posting),
         "--no-progress", "--date", "2026-11-21"],
        blocking_env,
        tmp_path,
    )  # fmt: skip
    assert batch.returncode == 0, batch.stderr
    assert len(list((tmp_path / "out" / "reports").glob("*.html"))) == 2
    attempts = [line.split(" ", 1)[1] for line in _log(blocking_env)]
    assert gapcheck_attempts(attempts) == []
