"""What a finished file looked like, so running the same batch again skips it.

For every person the batch keeps a small JSON record in OUTDIR/.gapcheck-state/: the
key of the work (sha256 over the input files' names and bytes, the analysis options,
the taxonomy digest, the job posting's bytes and gapcheck's version), the outcome, the
summary the cohort view needs, and the full JSON result. A re-run skips a person whose
key matches a record that finished (analysed, not a resume, skipped because of its type,
or refused as bad input, which would be refused again); a limit reached, a memory
overrun, a crash or an internal error is tried again (`--retry-failed` retries every
failure). The record is written after the report, so a record never vouches for a report
that is missing.

A record also keeps the summary of the person's previous analysis (when the input
changed since), so the cohort can say what changed without keeping old runs.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, get_args

from gapcheck.batch.outputs import OutputFolder
from gapcheck.batch.summary import PersonSummary
from gapcheck.batch.task import AnalysisOptions
from gapcheck.version import __version__

STATE_FOLDER = ".gapcheck-state"
STATE_FORMAT = 1
Status = Literal["analysed", "failed", "not-a-resume", "skipped"]
STATUSES: tuple[Status, ...] = get_args(Status)
FINAL_FAILURES = ("input",)  # failures that the same input would meet again


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def work_key(files: Sequence[tuple[str, Path]], options: AnalysisOptions) -> str:
    """The key of one person's work: inputs (role, name, content), options, taxonomy, version."""
    plan = options.plan
    parts: dict[str, Any] = {
        "format": STATE_FORMAT,
        "gapcheck": __version__,
        "taxonomy": plan.taxonomy.content_key,
        "options": {
            "role": plan.target.role,
            "level": plan.target.level if plan.level_given else "inferred",
            "today": plan.generated_on,
            "engine": plan.engine,
            "redact": options.redact,
        },
        "job": plan.posting_key,
        "files": [],
    }
    for role, path in files:
        try:
            content = file_digest(path) if path.is_file() else "folder"
        except OSError:
            content = "unreadable"  # the analysis will say why; the key just must not match
        parts["files"].append([role, path.name, content])
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class StateRecord:
    label: str  # as shown in the outputs (redacted under --redact)
    key: str
    status: Status
    report: str | None  # path of the report relative to OUTDIR
    summary: PersonSummary | None
    result: str | None  # the full JSON result as one line of JSON text
    failure_kind: str = ""  # for a "failed" record: the worker's Failure.kind
    error: str = ""  # why it failed, was not a resume, or was skipped
    seconds: float = 0.0
    previous: PersonSummary | None = None  # the analysis before the input last changed

    @property
    def final(self) -> bool:
        """Whether the same input would end the same way (so a re-run need not try again)."""
        return self.status != "failed" or self.failure_kind in FINAL_FAILURES

    def to_json(self) -> dict[str, Any]:
        return {
            "format": STATE_FORMAT,
            "label": self.label,
            "key": self.key,
            "status": self.status,
            "report": self.report,
            "summary": self.summary.to_json() if self.summary else None,
            "result": self.result,
            "failure_kind": self.failure_kind,
            "error": self.error,
            "seconds": round(self.seconds, 3),
            "previous": self.previous.to_json() if self.previous else None,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StateRecord:
        summary = data.get("summary")
        previous = data.get("previous")
        status = str(data["status"])
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}")
        return cls(
            label=str(data["label"]),
            key=str(data["key"]),
            status=status,  # narrowed by the check against STATUSES above
            report=data.get("report"),
            summary=PersonSummary.from_json(summary) if summary else None,
            result=data.get("result") if isinstance(data.get("result"), str) else None,
            failure_kind=str(data.get("failure_kind", "")),
            error=str(data.get("error", "")),
            seconds=float(data.get("seconds", 0.0)),
            previous=PersonSummary.from_json(previous) if previous else None,
        )


class StateStore:
    """Records under OUTDIR/.gapcheck-state/, one per person, named like the report."""

    def __init__(self, output: OutputFolder) -> None:
        self.output = output
        output.make_folder(STATE_FOLDER)
        output.remove_stale_temporaries(STATE_FOLDER)

    def _relative(self, report_name: str) -> str:
        return f"{STATE_FOLDER}/{Path(report_name).stem}.json"

    def load(self, report_name: str) -> StateRecord | None:
        text = self.output.read_text(self._relative(report_name))
        if text is None:
            return None
        try:
            data = json.loads(text)
            if data.get("format") != STATE_FORMAT:
                return None
            return StateRecord.from_json(data)
        except (ValueError, KeyError, TypeError):
            return None  # a damaged record only means the file is analysed again

    def save(self, report_name: str, record: StateRecord) -> None:
        self.output.write_text(
            self._relative(report_name),
            json.dumps(record.to_json(), ensure_ascii=False, sort_keys=True),
        )
