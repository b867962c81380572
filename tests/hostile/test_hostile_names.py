"""File names from strangers: spaces, unicode, newlines, escapes, leading dashes, `../`.

A name is data, never an option, a path to write through, markup or a second line of an
error message: the report goes to `<stem>.gapcheck.html` in the current folder, errors
show the name with control characters escaped, and the HTML shows the name as text.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from gapcheck.cli.analyse import default_output
from tests.support.hostile_checks import (
    ChildResult,
    assert_inert_report,
    assert_one_line_error,
    printed_name,
    run_gapcheck,
)
from tests.support.hostile_files import resume_pdf_bytes

NAMES = (
    "my resume (final) v2.pdf",
    "résumé-Ωmega-履歴書-🙂.pdf",
    "line\nbreak.pdf",
    "carriage\rreturn.pdf",
    "tab\tand\x1b[31mescape.pdf",
    "<img src=x onerror=alert(1)>.pdf",
    "{{ 7*7 }} {% raw %}.pdf",
    "=HYPERLINK(\"https:,,example.invalid\").pdf",
    "'; DROP TABLE resumes; --.pdf",
    "..pdf",
)
# Names whose error line is worth checking: those that could break it into pieces.
ERROR_NAMES = (*(name for name in NAMES if not name.isprintable()), NAMES[1])  # + unicode
DATE = ("--date", "2026-11-21")


@pytest.fixture(scope="module")
def resume_bytes() -> bytes:
    return resume_pdf_bytes()


@pytest.fixture(scope="module")
def runs(
    tmp_path_factory: pytest.TempPathFactory, resume_bytes: bytes
) -> dict[tuple[str, bool], tuple[Path, ChildResult]]:
    """Each name on a good resume, and some on an empty file (two runs at a time)."""
    jobs = []
    for index, name in enumerate(NAMES):
        for good in (True, False) if name in ERROR_NAMES else (True,):
            folder = tmp_path_factory.mktemp(f"name{index}")
            (folder / name).write_bytes(resume_bytes if good else b"")
            jobs.append((name, good, folder))

    def run(job: tuple[str, bool, Path]) -> tuple[Path, ChildResult]:
        name, _, folder = job
        return folder, run_gapcheck([name, "-q", *DATE], cwd=folder)

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(run, jobs))
    return {(name, good): result for (name, good, _), result in zip(jobs, results, strict=True)}


@pytest.mark.parametrize("name", NAMES, ids=[printed_name(n) for n in NAMES])
def test_a_strange_name_is_only_a_name(
    runs: dict[tuple[str, bool], tuple[Path, ChildResult]], name: str
) -> None:
    folder, result = runs[(name, True)]
    assert result.returncode == 0, result.describe()
    # The default name is made harmless: no control characters, no leading '-'.
    report = folder / default_output(Path(name), "html").name
    assert not re.search(r"[\x00-\x1f\x7f]", report.name) and not report.name.startswith("-")
    assert sorted(p.name for p in folder.iterdir()) == sorted([name, report.name])
    shown = assert_inert_report(report.read_text(encoding="utf-8")).get_text()
    # The name is shown as text; control characters may be replaced, never interpreted.
    for piece in re.split(r"[\x00-\x1f\x7f]", name):
        assert piece in shown, piece


@pytest.mark.parametrize("name", ERROR_NAMES, ids=[printed_name(n) for n in ERROR_NAMES])
def test_an_error_names_the_file_on_one_line(
    runs: dict[tuple[str, bool], tuple[Path, ChildResult]], name: str
) -> None:
    folder, result = runs[(name, False)]
    assert_one_line_error(result, name, "empty")
    assert "\x1b" not in result.stderr and "\r" not in result.stderr
    assert [p.name for p in folder.iterdir()] == [name]


def test_the_report_of_a_file_elsewhere_lands_here(tmp_path: Path, resume_bytes: bytes) -> None:
    here = tmp_path / "here"
    here.mkdir()
    (tmp_path / "resume.pdf").write_bytes(resume_bytes)
    result = run_gapcheck(["../resume.pdf", "-q", *DATE], cwd=here)
    assert result.returncode == 0, result.describe()
    assert [p.name for p in here.iterdir()] == ["resume.gapcheck.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["here", "resume.pdf"]


def test_a_leading_dash_is_never_an_option(tmp_path: Path, resume_bytes: bytes) -> None:
    for name in ("-o.pdf", "--help.pdf"):
        (tmp_path / name).write_bytes(resume_bytes)
    # Bare, it reads as an option: one line saying how to pass it, and nothing written.
    bare = run_gapcheck(["-o.pdf", *DATE], cwd=tmp_path)
    assert bare.returncode == 2, bare.describe()
    assert bare.stderr.splitlines() == [
        "gapcheck: error: -o.pdf: a file name starting with '-' reads as an option; "
        "write ./-o.pdf, or put it after --"
    ]
    assert not list(tmp_path.glob("*.gapcheck.*"))
    # After --, or as ./NAME, it is a file like any other.
    for args in (["-q", *DATE, "--", "--help.pdf"], ["./-o.pdf", "-q", *DATE]):
        result = run_gapcheck(args, cwd=tmp_path)
        assert result.returncode == 0, result.describe()
    # Written under names that cannot read as options either.
    assert sorted(p.name for p in tmp_path.glob("*.gapcheck.html")) == [
        "help.gapcheck.html",
        "o.gapcheck.html",
    ]


def test_an_output_path_through_a_missing_folder_is_refused_not_created(
    tmp_path: Path, resume_bytes: bytes
) -> None:
    (tmp_path / "resume.pdf").write_bytes(resume_bytes)
    refused = run_gapcheck(["resume.pdf", "-q", "-o", "out/../out/r.html", *DATE], cwd=tmp_path)
    assert refused.returncode == 2, refused.describe()
    assert not (tmp_path / "out").exists()
    (tmp_path / "out").mkdir()
    result = run_gapcheck(["resume.pdf", "-q", "-o", "out/../out/r.html", *DATE], cwd=tmp_path)
    assert result.returncode == 0, result.describe()
    assert (tmp_path / "out" / "r.html").is_file()
    assert not list(tmp_path.glob(".gapcheck-*")) and not list((tmp_path / "out").glob(".*"))
