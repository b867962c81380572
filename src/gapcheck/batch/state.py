"""What a finished file looked like, so running the same batch again skips it.

For every person the batch keeps a small JSON record in OUTDIR/.gapcheck-state/: the
key of the work (sha256 over the input files' names and bytes, the analysis options,
the taxonomy digest, the job posting's bytes and gapcheck's version), the outcome, the
summary the cohort view needs, and the full JSON result. A re-run skips a person whose
key matches a record that finished (analysed, or refused as bad input, which would be
refused again); timeouts, memory overruns and crashes are tried again. The record is
written after the report, so a record never vouches for a report that is missing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gapcheck.batch.outputs import OutputFolder
from gapcheck.batch.task import AnalysisOptions, PersonSummary
from gapcheck.version import __version__

STATE_FOLDER = ".gapcheck-state"
STATE_FORMAT = 1
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
    status: str  # "analysed" or "failed"
    report: str | None  # path of the report relative to OUTDIR
    summary: PersonSummary | None
    result: str | None  # the full JSON result as one line of JSON text
    failure_kind: str = ""
    error: str = ""
    seconds: float = 0.0

    @property
    def final(self) -> bool:
        return self.status == "analysed" or self.failure_kind in FINAL_FAILURES

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
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StateRecord:
        summary = data.get("summary")
        return cls(
            label=str(data["label"]),
            key=str(data["key"]),
            status=str(data["status"]),
            report=data.get("report"),
            summary=PersonSummary.from_json(summary) if summary else None,
            result=data.get("result") if isinstance(data.get("result"), str) else None,
            failure_kind=str(data.get("failure_kind", "")),
            error=str(data.get("error", "")),
            seconds=float(data.get("seconds", 0.0)),
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
