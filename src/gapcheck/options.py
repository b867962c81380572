"""What one analysis is asked to do: one options record, checked once, before any reading.

    options = Options(role="ml-engineer", level="entry", job="posting.txt", today="2026-12-01")
    plan = options.resolve()          # every problem with the options is raised here

`Options` holds what a user typed (the API's keyword arguments, the CLI's flags, a batch's
settings) with the defaults in one place; the CLI takes its choices and defaults from
here. `resolve` checks all of it before a resume is opened, so a bad date, role, level,
engine, taxonomy or posting is reported even when the resume does not exist, and returns
a `Plan`: the loaded taxonomy, the target, the parsed posting and the report date. A
batch resolves once and hands the same `Plan` to every worker, which never re-validates.

Several postings (`job` a folder, or more paths in `jobs`): the files are found by the one
file-collection policy (`gapcheck.reading.inputs.posting_files`), at most MAX_POSTINGS of
them, and each is read and parsed here, once. A posting named by its own path must be
usable; one found in a folder that cannot be used (unreadable, no skill gapcheck knows) is
left out with a warning, so one odd file does not stop a folder of hundreds.

`since` (an earlier JSON report, `--since`) is read and checked here too, before the resume:
a file that is not a gapcheck JSON report, or one made for another role, is refused here.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from gapcheck.errors import UsageError
from gapcheck.records import ENGINES, LEVELS, Engine, Level, Target

if TYPE_CHECKING:
    from gapcheck.postings.parse import Posting
    from gapcheck.records import PreviousReport
    from gapcheck.taxonomy.model import Taxonomy

DEFAULT_ROLE = "ml-engineer"
DEFAULT_LEVEL: Level = "mid"
DEFAULT_ENGINE: Engine = "pdfminer"
MAX_POSTINGS = 1_000  # postings one analysis compares with (--job FOLDER)


def today_iso() -> str:
    """Today's date for a report: SOURCE_DATE_EPOCH when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date().isoformat()
    return dt.date.today().isoformat()


def checked_date(value: str | dt.date | None) -> str | None:
    """`value` as an ISO date, None when not given; a usage error for anything else.

    Only the strict YYYY-MM-DD form counts: "2026-02-30" or "2026-13-01" are refused,
    never printed in a report.
    """
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        parsed = dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        parsed = None
    if parsed is None or parsed.isoformat() != value:
        raise UsageError("--date", f"'{value}' is not a date", "use YYYY-MM-DD")
    return value


@dataclass(frozen=True)
class Plan:
    """Resolved options: everything an analysis needs besides the person's files."""

    taxonomy: Taxonomy
    target: Target  # its level is the given one, or DEFAULT_LEVEL until the resume is read
    generated_on: str  # the report's date; also what "present" means in date ranges
    engine: str
    posting: Posting | None = None
    level_given: bool = True  # False: the level is inferred from the resume (--level unset)
    # Several postings, in file order (then `posting` is None); warnings about the postings
    # of a folder that were left out.
    postings: tuple[Posting, ...] = ()
    postings_left_out: tuple[str, ...] = ()
    since: PreviousReport | None = None  # an earlier report to compare with (--since)

    @cached_property
    def posting_key(self) -> str | None:
        """A digest of the posting as parsed (the same requirements give the same reports),
        computed once per plan: a batch keys every person's work with it."""
        if self.posting is None:
            return None
        return hashlib.sha256(repr(self.posting).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Options:
    """The options of an analysis, as given; `resolve()` checks them and gives a `Plan`."""

    role: str = DEFAULT_ROLE
    level: str | None = None  # None: inferred from the resume (gapcheck.scoring.level)
    job: str | os.PathLike[str] | None = None  # a job posting file, or a folder of them
    jobs: tuple[str | os.PathLike[str], ...] = ()  # more posting files or folders
    since: str | os.PathLike[str] | None = None  # an earlier JSON report to compare with
    taxonomy: Taxonomy | str | os.PathLike[str] | None = None  # None: the built-in one
    today: str | dt.date | None = None  # None: today (or SOURCE_DATE_EPOCH)
    engine: str = DEFAULT_ENGINE

    def resolve(self) -> Plan:
        """Check every option, cheapest first, and load what they name.

        Order: the date and the engine (no I/O), the taxonomy, the role and level, the
        postings (read and parsed once here, not once per resume), then the earlier report.
        One posting file gives `Plan.posting`; two or more (a folder, several paths)
        `Plan.postings`.
        """
        generated_on = checked_date(self.today) or today_iso()
        if self.engine not in ENGINES:
            raise UsageError(
                "--pdf-engine",
                f"unknown engine '{self.engine}'",
                f"choose one of: {', '.join(ENGINES)}",
            )
        taxonomy = self._taxonomy()
        paths = [Path(p) for p in (*([self.job] if self.job is not None else []), *self.jobs)]
        files = _posting_files(paths)
        job_path = files[0][0] if len(files) == 1 else None
        target = resolve_target(taxonomy, self.role, self.level or DEFAULT_LEVEL, job_path)
        posting = None
        if job_path is not None:
            from gapcheck.postings.read import read_posting  # only when a posting is given

            posting = read_posting(job_path, taxonomy)
        postings, left_out = _read_postings(files, taxonomy) if len(files) > 1 else ((), ())
        since = _previous_report(Path(self.since), self.role) if self.since is not None else None
        return Plan(
            taxonomy,
            target,
            generated_on,
            self.engine,
            posting,
            self.level is not None,
            postings,
            left_out,
            since,
        )

    def _taxonomy(self) -> Taxonomy:
        from gapcheck.taxonomy.loading import load_taxonomy
        from gapcheck.taxonomy.model import Taxonomy

        if isinstance(self.taxonomy, Taxonomy):
            return self.taxonomy
        return load_taxonomy(Path(self.taxonomy) if self.taxonomy is not None else None)


def _posting_files(paths: list[Path]) -> list[tuple[Path, bool]]:
    """The posting files `paths` stand for, each with whether a folder brought it in; one
    file named alone is taken as named (the reader reports a missing one)."""
    if len(paths) == 1 and not paths[0].is_dir():
        return [(paths[0], False)]
    if not paths:
        return []
    from gapcheck.reading.inputs import posting_files

    files: dict[Path, tuple[Path, bool]] = {}
    for path in paths:
        for found in posting_files([path]):
            files.setdefault(found.resolve(), (found, path.is_dir()))
    if len(files) > MAX_POSTINGS:
        raise UsageError(
            "--job",
            f"names {len(files):,} postings; gapcheck compares at most {MAX_POSTINGS:,}",
            "pass a smaller folder, or split it",
        )
    return list(files.values())


def _read_postings(
    files: list[tuple[Path, bool]], taxonomy: Taxonomy
) -> tuple[tuple[Posting, ...], tuple[str, ...]]:
    """Each posting read and parsed; one from a folder that cannot be used is left out with
    a warning (one named by its own path is an error), and so is a second copy of a file."""
    from gapcheck.errors import InputError
    from gapcheck.postings.read import read_posting

    postings: list[Posting] = []
    left_out: list[str] = []
    for path, in_folder in files:
        try:
            postings.append(read_posting(path, taxonomy))
        except InputError as exc:
            if not in_folder:
                raise
            left_out.append(f"posting {exc.message}; left out")
    if not postings:
        raise InputError(
            "--job",
            f"none of the {len(files)} postings can be used (the first: {left_out[0]})",
            "check that they are job postings in English",
        )
    return tuple(postings), tuple(left_out)


def _previous_report(path: Path, role: str) -> PreviousReport:
    """The earlier report, read and checked; one made for another role is refused (its score
    and gaps measure something else)."""
    from gapcheck.reading.previous_report import read_previous_report

    previous = read_previous_report(path)
    if previous.role != role:
        raise UsageError(
            "--since",
            f"{previous.source} is a report for the role '{previous.role}', not '{role}'",
            f"compare it with --role {previous.role}, or pass a report made for '{role}'",
        )
    return previous


def resolve_target(taxonomy: Taxonomy, role: str, level: str, job: Path | None) -> Target:
    """The role and level checked against the taxonomy (usage errors name the choices)."""
    known = [r.id for r in taxonomy.roles]
    if role not in known:
        close = difflib.get_close_matches(role, known, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        raise UsageError(
            "--role", f"unknown role '{role}'", f"{hint}choose one of: {', '.join(known)}"
        )
    if level not in LEVELS:
        raise UsageError(
            "--level", f"unknown level '{level}'", f"choose one of: {', '.join(LEVELS)}"
        )
    return Target(
        role=role,
        role_name=taxonomy.role(role).name,
        level=level,
        job=job.name if job is not None else None,
    )
