"""One options record, checked before any reading, shared by the API, the CLI and batch."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

import gapcheck
from gapcheck import analyse
from gapcheck.errors import UsageError
from gapcheck.options import Options, checked_date


@pytest.mark.parametrize("bad", ["2026-02-30", "2026-13-01", "2026-1-5", "yesterday", "20261201"])
def test_a_date_that_does_not_exist_is_refused_before_the_resume_is_opened(
    bad: str, tmp_path: Path
) -> None:
    with pytest.raises(UsageError) as raised:
        analyse(tmp_path / "no-such-resume.pdf", today=bad)
    assert raised.value.subject == "--date"  # an option that exists
    assert bad in raised.value.message


def test_valid_dates_pass_through_unchanged() -> None:
    assert checked_date("2024-02-29") == "2024-02-29"
    assert checked_date(dt.date(2026, 12, 1)) == "2026-12-01"
    assert checked_date(None) is None


def test_a_missing_posting_is_reported_before_the_resume_is_read(tmp_path: Path) -> None:
    # The resume does not exist either: the posting error proves nothing was read first.
    with pytest.raises(gapcheck.errors.InputError) as raised:
        analyse(tmp_path / "no-such-resume.pdf", job=tmp_path / "missing.txt")
    assert "missing.txt" in raised.value.message


@pytest.mark.parametrize(
    ("options", "subject"),
    [
        (Options(role="astronaut"), "--role"),
        (Options(level="godlike"), "--level"),
        (Options(engine="ocr"), "--pdf-engine"),
    ],
)
def test_each_bad_option_is_a_usage_error_naming_its_flag(options: Options, subject: str) -> None:
    with pytest.raises(UsageError) as raised:
        options.resolve()
    assert raised.value.subject == subject


def test_the_api_and_the_batch_resolve_to_equal_plans(tmp_path: Path) -> None:
    posting = tmp_path / "posting.txt"
    posting.write_text("Requirements:\n- Python\n- Docker\n", encoding="utf-8")
    first = Options(level="entry", job=posting, today="2026-12-01").resolve()
    second = Options(level="entry", job=str(posting), today=dt.date(2026, 12, 1)).resolve()
    assert first == second
    assert first.posting is not None and first.target.job == "posting.txt"


def test_gapcheck_options_is_the_record_the_cli_uses() -> None:
    assert gapcheck.Options is Options
    from gapcheck.cli.params import options_from

    made = options_from("ml-engineer", "mid", None, None, "2026-12-01", "pdfminer")
    assert isinstance(made, Options)


def test_the_cli_reports_a_bad_date_before_the_missing_resume(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "gapcheck", "nowhere.pdf", "--date", "2026-02-30"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 2
    assert "--date: '2026-02-30' is not a date" in done.stderr
    assert "nowhere.pdf" not in done.stderr
