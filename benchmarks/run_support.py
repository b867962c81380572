"""What benchmarks/run.py and its steps share: the targets, verdicts, fresh processes, the log.

Also `replace_section`, with which every benchmark that writes to RESULTS.md replaces
its own section there, and `machine`, the description of the machine a run used.
"""

from __future__ import annotations

import json
import os
import platform
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "RESULTS.md"
LIBRARIES = ("spacy", "pdfminer.six", "pypdfium2", "jinja2", "rapidfuzz", "click", "PyYAML")

# The targets of the steps outside run.py, each checked on figures of the same run.
READ_RATIO = {"read pdfminer": 1.3, "read pdfium": 1.5}  # gapcheck's reading / bare extraction
RSS_LIMIT_MB = 400.0
RSS_FLAT_MB = 10.0  # growth allowed between the first tenth of the batch and its end
CPU_RATIO = 1.5
SPEEDUP = 1.7


@dataclass
class Verdicts:
    """Each target with what was measured, its limit, and whether it was met."""

    rows: list[tuple[str, str, str, bool]] = field(default_factory=list)

    def add(self, target: str, measured: str, limit: str, met: bool) -> None:
        self.rows.append((target, measured, limit, met))

    @property
    def all_met(self) -> bool:
        return all(met for *_, met in self.rows)


def in_fresh_process(mode: str, payload: dict[str, Any], env: dict[str, str]) -> Any:
    """Run one of benchmarks/probes.py's measurements in a new interpreter; its JSON result."""
    done = subprocess.run(
        [sys.executable, str(HERE / "probes.py"), mode, json.dumps(payload)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout)


def load_average() -> float | None:
    try:
        return os.getloadavg()[0]
    except OSError:
        return None


LOADS: list[float | None] = []  # the load average at every step, to judge the noise


def log(message: str) -> None:
    LOADS.append(load_average())
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def machine() -> list[tuple[str, str]]:
    cpu = "?"
    memory = "?"
    try:
        info = Path("/proc/cpuinfo").read_text(encoding="utf-8")
        names = re.findall(r"^model name\s*:\s*(.+)$", info, re.MULTILINE)
        cpu = names[0].strip() if names else "?"
        meminfo = Path("/proc/meminfo").read_text(encoding="utf-8")
        total = re.search(r"^MemTotal:\s*(\d+) kB", meminfo, re.MULTILINE)
        memory = f"{int(total.group(1)) / 2**20:.1f} GiB" if total else "?"
    except OSError:
        pass
    versions = []
    for name in LIBRARIES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} (not installed)")
    return [
        ("CPU", f"{os.cpu_count()} cores, {cpu}"),
        ("memory", memory),
        ("system", f"{platform.system()} {platform.release()}"),
        ("Python", f"{platform.python_implementation()} {platform.python_version()}"),
        ("libraries", ", ".join(versions)),
    ]


def replace_section(section: str, start: str, end: str, results: Path = RESULTS) -> None:
    """Put `section` (which begins with `start` and ends with `end`) in place of the one
    between those markers in RESULTS.md, or at its end."""
    text = results.read_text(encoding="utf-8") if results.exists() else "# Benchmark results\n"
    pattern = re.compile(re.escape(start) + ".*?" + re.escape(end) + "\n?", re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: section, text)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    results.write_text(text, encoding="utf-8")
