"""The format registry: names, suffixes, rendering and writing, in one place for all callers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from gapcheck.errors import UsageError
from gapcheck.report.environment import render_html
from gapcheck.report.formats import (
    DEFAULT_FORMAT,
    FORMAT_NAMES,
    FORMATS,
    format_for_suffix,
    render,
    write_output,
)
from gapcheck.report.jsonout import render_json
from gapcheck.report.markdown import render_markdown
from tests.support.sample_analysis import strong_candidate


def test_the_registry_names_each_format_and_its_suffixes() -> None:
    assert FORMAT_NAMES == ("html", "json", "md") and DEFAULT_FORMAT == "html"
    assert {name: f.suffixes for name, f in FORMATS.items()} == {
        "html": (".html", ".htm"),
        "json": (".json",),
        "md": (".md", ".markdown"),
    }
    assert all(f.name == name for name, f in FORMATS.items())


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("report.html", "html"),
        ("REPORT.HTM", "html"),
        (Path("out/report.json"), "json"),
        ("notes.Md", "md"),
        ("-", "html"),  # standard output has no suffix
        ("report", "html"),
        ("report.txt", "html"),
        ("archive.md.html", "html"),  # only the last suffix counts
    ],
)
def test_a_file_name_chooses_its_format_by_suffix(target: str | Path, expected: str) -> None:
    assert format_for_suffix(target) == expected


def test_an_unknown_suffix_gets_the_default_asked_for() -> None:
    assert format_for_suffix("report.txt", default="md") == "md"


def test_render_gives_each_formats_own_renderer_output() -> None:
    analysis = strong_candidate()
    assert render(analysis, "html") == render_html(analysis)
    assert render(analysis, "json") == render_json(analysis)
    assert render(analysis, "md") == render_markdown(analysis)


def test_an_unknown_format_is_a_usage_error_naming_the_choices() -> None:
    with pytest.raises(UsageError) as caught:
        render(strong_candidate(), "pdf")
    assert caught.value.subject == "--format"
    assert "unknown format 'pdf'" in caught.value.message
    assert "html, json, md" in caught.value.message


def test_dash_writes_to_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert write_output("<p>report</p>\n", "-") is None
    assert capsys.readouterr().out == "<p>report</p>\n"


def test_a_file_is_written_whole_and_its_path_returned(tmp_path: Path) -> None:
    target = tmp_path / "new" / "report.md"
    with pytest.raises(UsageError):  # a missing folder is never created behind the user's back
        write_output("# Report\r\nline\n", str(target))
    target.parent.mkdir()
    assert write_output("# Report\r\nline\n", str(target)) == target
    assert target.read_bytes() == b"# Report\r\nline\n"  # as given: no newline translation
    assert write_output("second\n", target) == target
    assert target.read_text(encoding="utf-8") == "second\n"
    assert [p.name for p in target.parent.iterdir()] == ["report.md"], "no temporary file left"


def test_a_path_named_dash_is_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "-"
    assert write_output("text", target) == target
    assert target.read_text(encoding="utf-8") == "text"
    assert capsys.readouterr().out == ""


def test_importing_the_registry_loads_no_template_engine() -> None:
    code = "import sys\nimport gapcheck.report.formats\nprint(' '.join(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    loaded = set(done.stdout.split())
    assert "jinja2" not in loaded and "markupsafe" not in loaded
    assert "gapcheck.report.environment" not in loaded
