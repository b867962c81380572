"""The limits the documentation states are the limits the code enforces.

SECURITY.md (the table of limits and the bounds the hostile suite requires) and the
README's "Limits" section quote the values of `gapcheck.reading.limits`; change a limit
without its documentation, or the other way round, and this fails.
"""

from __future__ import annotations

import re
from pathlib import Path

from gapcheck.reading import inputs, limits
from gapcheck.reading import posting as jobs
from tests.support.hostile_checks import MAX_CASE_CPU_SECONDS, MAX_CASE_MEMORY_MB

REPO = Path(__file__).resolve().parents[2]
MB = 1024 * 1024


def stated_limits() -> list[str]:
    """Each limit as the documentation writes it."""
    return [
        f"{limits.MAX_BYTES // MB} MB",
        f"{limits.MAX_PAGES} pages",
        f"{limits.MAX_SECONDS:g} seconds",
        f"{limits.MAX_EXTRA_MEMORY_MB} MB",
        f"{limits.MAX_CHARACTERS:,} characters",
        f"{limits.MAX_TEXT_LINES:,} lines",
        f"{limits.MAX_LINE_CHARACTERS:,} characters",
        f"{limits.MAX_STREAM_BYTES // MB} MB",
        f"{limits.MAX_INFLATED_BYTES // MB} MB",
        f"{limits.MAX_ARCHIVE_ENTRIES:,} entries",
        f"{limits.MAX_UNZIPPED_BYTES // MB} MB",
    ]


def section(markdown: str, heading: str) -> str:
    match = re.search(rf"^## {heading}\n(.*?)(?=^## |\Z)", markdown, re.M | re.S)
    assert match is not None, f"no '## {heading}' section"
    return match.group(1)


def test_security_md_states_the_enforced_limits() -> None:
    table = section((REPO / "SECURITY.md").read_text(encoding="utf-8"), "Limits")
    for stated in stated_limits():
        assert stated in table, stated
    assert f"| {inputs.MAX_PORTFOLIO_FOLDER_FILES} documents |" in table
    assert f"| {jobs.MAX_POSTING_BYTES // 1_000_000} MB |" in table


def test_security_md_states_the_bounds_the_hostile_suite_requires() -> None:
    text = (REPO / "SECURITY.md").read_text(encoding="utf-8")
    bound = f"**{MAX_CASE_CPU_SECONDS:g} CPU-seconds and {MAX_CASE_MEMORY_MB / 1024:g} GB**"
    assert bound in text


def test_readme_states_the_enforced_limits() -> None:
    text = section((REPO / "README.md").read_text(encoding="utf-8"), "Limits")
    for stated in stated_limits():
        assert stated in text, stated
