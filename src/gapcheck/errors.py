"""One base error for everything a user can cause; the CLI catches it once.

Every error names the file it is about, what is wrong with it, and what to do, so the
CLI can print one line: ``gapcheck: error: FILE: what is wrong; what to do``.
"""

from __future__ import annotations


class GapcheckError(Exception):
    """A problem with the user's input, explained in one line."""

    exit_code = 1

    def __init__(self, subject: str, problem: str, advice: str = "") -> None:
        self.subject = subject
        self.problem = problem
        self.advice = advice
        super().__init__(self.message)

    @property
    def reason(self) -> str:
        """What is wrong and what to do, without the subject (for lists keyed by file)."""
        return f"{self.problem}; {self.advice}" if self.advice else self.problem

    @property
    def message(self) -> str:
        return f"{self.subject}: {self.reason}" if self.subject else self.reason


class InputError(GapcheckError):
    """The input file cannot be read as a resume (missing, wrong type, encrypted...)."""


class UnreadableError(InputError):
    """The file opened, but its text cannot be trusted (no text layer, garbled)."""


class LimitError(InputError):
    """The file exceeds a stated limit (bytes, pages, time, memory)."""


class NotAResumeError(InputError):
    """The file reads fine but is not a resume (too little text, a job posting, a README,
    a letter): scoring it would report every skill as missing."""


class OutputError(GapcheckError):
    """An output cannot be written (full disk, read-only folder); nothing else is lost."""


class TaxonomyError(GapcheckError):
    """The taxonomy file is unreadable or inconsistent."""


class UsageError(GapcheckError):
    """An option's value is wrong (unknown role, level...)."""

    exit_code = 2
