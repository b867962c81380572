"""The first detector of a process freezes the objects alive, once (Knowledge's `settle`).

Each case runs in a new process, since gc.freeze is process-wide: the collector then
walks only what was made since (a work count, never a time), the detections are those
of a process that did not freeze, a program that manages the collector itself is left
to it, and dropping the Knowledge undoes the freeze so its detector can be collected.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

SCRIPT = """
import gc, json, sys, weakref
mode = sys.argv[1]
if mode == "disabled":
    gc.disable()
if mode == "program-froze":
    gc.freeze()
before = program = gc.get_freeze_count()
from gapcheck.detection.detector import get_detector
from gapcheck.taxonomy.knowledge import forget_all
from gapcheck.taxonomy.loading import load_taxonomy
detector = get_detector(load_taxonomy(None))
frozen = gc.get_freeze_count() - before
text = (
    "Experience\\nData engineer at Zarqon Ltd, 2019 - 2024\\n"
    "- Built ETL pipelines in Python and SQL on AWS with Docker\\n"
    "Skills\\nPython, R, scikit-learn, TensorFlow, Excel\\n"
)
found = [(s.id, s.strength, [(e.matched, e.start) for e in s.evidence])
         for s in detector.detect_text(text).skills]
tracked = len(gc.get_objects())
alive = weakref.ref(detector)
del detector
forget_all()
gc.collect()
print(json.dumps({"frozen": frozen, "tracked": tracked, "found": found,
                  "after_forget": gc.get_freeze_count() - before,
                  "collected": alive() is None, "enabled": gc.isenabled(),
                  "program": gc.get_freeze_count() if mode == "program-froze" else 0}))
"""


def _run(mode: str, **env: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, mode],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout))


@pytest.fixture(scope="module")
def frozen() -> dict[str, object]:
    return _run("default")


@pytest.fixture(scope="module")
def not_frozen() -> dict[str, object]:
    return _run("default", GAPCHECK_NO_GC_FREEZE="1")


def test_the_first_detector_freezes_what_is_alive(frozen: dict[str, object]) -> None:
    assert isinstance(frozen["frozen"], int) and isinstance(frozen["tracked"], int)
    assert frozen["frozen"] > 50_000  # spaCy's modules, the matchers, the word lists
    # A full collection now walks a fraction of what it walked before.
    assert frozen["tracked"] * 4 < frozen["frozen"]


def test_detections_are_those_of_a_process_that_did_not_freeze(
    frozen: dict[str, object], not_frozen: dict[str, object]
) -> None:
    assert not_frozen["frozen"] == 0
    assert frozen["found"] == not_frozen["found"]
    assert {skill for skill, _, _ in frozen["found"]} >= {"python", "sql", "aws"}  # type: ignore[union-attr]


def test_forgetting_the_knowledge_undoes_the_freeze(frozen: dict[str, object]) -> None:
    assert frozen["after_forget"] == 0
    assert frozen["collected"] is True  # the dropped detector was collected


@pytest.mark.parametrize("mode", ["disabled", "program-froze"])
def test_a_program_managing_the_collector_is_left_to_it(mode: str) -> None:
    outcome = _run(mode)
    assert isinstance(outcome["frozen"], int) and isinstance(outcome["after_forget"], int)
    assert outcome["frozen"] <= 0  # nothing more frozen (frozen objects freed since count less)
    assert outcome["enabled"] is (mode != "disabled")  # a collector turned off stays off
    if mode == "program-froze":
        assert outcome["after_forget"] <= 0 < outcome["program"]  # its freeze is not undone
