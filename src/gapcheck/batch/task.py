"""The per-file work of a batch: analyse one person, redact if asked, render the outputs.

`AnalyseFile` is what a worker calls for every task. It is a plain picklable object, so
the same work runs in local worker processes and on a Dask cluster. Its `warm_up` loads
the taxonomy's detector once per worker process; the worker pool calls it when a worker
starts, and the first task calls it otherwise.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from gapcheck.batch.summary import PersonSummary, summarise
from gapcheck.options import Plan


@dataclass(frozen=True)
class AnalysisOptions:
    """Everything besides the input files that changes what a report says: the plan,
    resolved once by the caller (workers never re-validate it), and redaction."""

    plan: Plan
    redact: bool = False


@dataclass(frozen=True)
class FileTask:
    """One person to analyse. `shipped` carries the files' bytes for workers on other machines."""

    label: str
    resume: str
    portfolio: tuple[str, ...] = ()
    shipped: tuple[tuple[str, bytes], ...] = ()  # (file name, content), resume first


@dataclass(frozen=True)
class FileOutcome:
    summary: PersonSummary
    html: str
    result: str  # the JSON report on one line (the data render(analysis, "json") prints)
    label: str = ""  # the label to show instead of the input's (redacted); "" keeps it


_COPY_PREFIX = "gapcheck-copy-"  # + the worker's process id + "-"


def remove_orphaned_copies(folder: Path | None = None) -> int:
    """Delete shipped copies left by workers that died mid-task; returns how many.

    A copy's folder is named after the process that made it, so a folder whose process
    no longer exists is an orphan (a killed worker cannot clean up after itself).
    """
    root = Path(folder or tempfile.gettempdir())
    removed = 0
    for entry in root.glob(f"{_COPY_PREFIX}*"):
        pid_text = entry.name[len(_COPY_PREFIX) :].split("-", 1)[0]
        if not pid_text.isdigit() or entry.is_symlink() or not entry.is_dir():
            continue
        try:
            os.kill(int(pid_text), 0)
            continue  # its process lives (this worker or another one)
        except ProcessLookupError:
            pass
        except PermissionError:
            continue  # another user's live process
        shutil.rmtree(entry, ignore_errors=True)
        removed += 1
    return removed


class AnalyseFile:
    """The per-file function: FileTask -> FileOutcome; raises GapcheckError on bad input."""

    def __init__(self, options: AnalysisOptions) -> None:
        self.options = options
        self.swept = False  # whether this worker's orphaned copies were removed

    def warm_up(self) -> None:
        """Build the taxonomy's detector now (once per worker process: its `Knowledge`
        keeps it, found by content, so a plan unpickled with every task reuses it), and
        remove copies a dead worker left."""
        from gapcheck.detection.detector import get_detector

        get_detector(self.options.plan.taxonomy)
        remove_orphaned_copies()
        self.swept = True

    def __call__(self, task: FileTask) -> FileOutcome:
        if task.shipped:
            if not self.swept:  # an executor that never warmed this object up
                remove_orphaned_copies()
                self.swept = True
            prefix = f"{_COPY_PREFIX}{os.getpid()}-"
            with tempfile.TemporaryDirectory(prefix=prefix) as folder:
                paths = []
                for index, (name, content) in enumerate(task.shipped):
                    # Each file in its own folder: names may repeat, and the report shows the name.
                    target = Path(folder) / str(index) / Path(name).name
                    target.parent.mkdir()
                    target.write_bytes(content)
                    paths.append(str(target))
                return self._analyse(task.label, paths[0], tuple(paths[1:]))
        return self._analyse(task.label, task.resume, task.portfolio)

    def _analyse(self, label: str, resume: str, portfolio: tuple[str, ...]) -> FileOutcome:
        from gapcheck.api import analyse_documents, read_person
        from gapcheck.batch.redact import identify, redact_analysis, redact_text
        from gapcheck.report.formats import render
        from gapcheck.report.jsonout import to_json_dict

        options = self.options
        # Read once: redaction needs the resume's own lines, the analysis the same documents.
        documents = read_person(resume, portfolio, engine=options.plan.engine)
        analysis = analyse_documents(documents, options.plan)
        shown = ""
        if options.redact:
            # The name is found in the text, the e-mail address and the person's own file
            # and folder names (the batch shows "Person 01"... instead of the label).
            identity = identify(documents, (label, Path(resume).name))
            analysis = redact_analysis(analysis, identity)
            shown = redact_text(label, identity)
        return FileOutcome(
            label=shown,
            summary=summarise(analysis),
            html=render(analysis, "html"),
            # Serialised here, in parallel, on one line: the parent only copies the text
            # into its state record and results.jsonl, never parsing it.
            result=json.dumps(to_json_dict(analysis), ensure_ascii=False, allow_nan=False),
        )
