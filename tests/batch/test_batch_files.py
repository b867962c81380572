"""Batch inputs, report names and output writes: weird names, collisions, confinement."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from gapcheck.batch.inputs import choose_resume, collect_inputs
from gapcheck.batch.naming import assign_report_names, safe_stem
from gapcheck.batch.outputs import OutputFolder, csv_text, neutralise_cell
from gapcheck.errors import UsageError

WEIRD_LABELS = [
    "resume.pdf",
    "alice/resume.pdf",
    "bob/resume.pdf",
    "alice_resume.pdf",
    "with space/my resume (final).pdf",
    "Zoë Ångström/CV.pdf",
    "名前/履歴書.pdf",
    "line\nbreak.pdf",
    "-rf --help.pdf",
    "../../etc/passwd",
    "..",
    ".hidden.pdf",
    "CON.pdf",
    "a" * 300 + ".pdf",
    "RESUME.PDF",
    "resume.PDF",
    "x/<script>alert(1)</script>.pdf",
]


def test_report_names_are_unique_safe_and_stable() -> None:
    names = assign_report_names(WEIRD_LABELS)
    assert len(set(names.values())) == len(WEIRD_LABELS)
    assert len({n.lower() for n in names.values()}) == len(WEIRD_LABELS), "unique ignoring case too"
    for name in names.values():
        assert name.endswith(".html")
        assert "/" not in name and "\\" not in name and "\n" not in name and ".." not in name
        assert not name.startswith((".", "-"))
        assert name.isascii() and len(name) <= 120
        assert name.split(".")[0].lower() not in ("con", "prn", "aux", "nul")
    assert names == assign_report_names(reversed(WEIRD_LABELS)), "a name never depends on order"
    assert names["alice/resume.pdf"] == "alice__resume.pdf.html"
    assert names["bob/resume.pdf"] == "bob__resume.pdf.html"


def test_lossy_names_carry_a_hash_so_similar_labels_never_meet() -> None:
    stem, lossless = safe_stem("a b.pdf")
    assert (stem, lossless) == ("a_b.pdf", False)
    names = assign_report_names(["a b.pdf", "a_b.pdf", "a/b.pdf", "a__b.pdf"])
    assert len(set(names.values())) == 4
    assert names["a_b.pdf"] == "a_b.pdf.html"


def write(path: Path, text: str = "x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_folders_are_walked_recursively_with_labels_from_the_common_root(tmp_path: Path) -> None:
    write(tmp_path / "c" / "x" / "resume.pdf")
    write(tmp_path / "c" / "y" / "resume.pdf")
    write(tmp_path / "c" / "y" / "deep" / "er" / "cv.docx")
    write(tmp_path / "c" / "notes.html")  # not a resume type
    write(tmp_path / "c" / ".hidden" / "resume.pdf")
    write(tmp_path / "c" / "~$lock.docx")
    write(tmp_path / "c" / "out" / "old.md")  # the output folder is never read back
    (tmp_path / "c" / "link.pdf").symlink_to(tmp_path / "c" / "x" / "resume.pdf")
    people = collect_inputs([str(tmp_path / "c")], exclude=tmp_path / "c" / "out")
    read = [p.label for p in people if not p.skipped]
    assert read == ["x/resume.pdf", "y/deep/er/cv.docx", "y/resume.pdf"]
    # Visible files of other types, and links, are listed (never read) so none goes unmentioned.
    skipped = {p.label: p.skipped for p in people if p.skipped}
    assert sorted(skipped) == ["link.pdf", "notes.html"]
    assert "symbolic link" in skipped["link.pdf"] and "(.html)" in skipped["notes.html"]
    assert all(p.resume is None for p in people if p.skipped)


def test_files_and_globs_across_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "a" / "one.pdf")
    write(tmp_path / "b" / "two.txt")
    write(tmp_path / "b" / "three.md")
    write(tmp_path / "b" / "odd.rtf")
    monkeypatch.chdir(tmp_path)
    people = collect_inputs(["a/one.pdf", "b/*.t*", "b/odd.rtf", "a/one.pdf"])
    # Explicitly named files are taken whatever their suffix; duplicates once.
    assert [p.label for p in people] == ["a/one.pdf", "b/odd.rtf", "b/two.txt"]
    with pytest.raises(UsageError, match="no file matches"):
        collect_inputs(["nothing/*.pdf"])
    with pytest.raises(UsageError, match="no such file"):
        collect_inputs(["missing.pdf"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(UsageError, match="no resumes found"):
        collect_inputs(["empty"])


def test_the_resume_of_a_person_folder() -> None:
    def pick(*names: str) -> str | None:
        chosen = choose_resume([Path(n) for n in names])
        return chosen.name if chosen else None

    assert pick("README.md", "Jane_Doe_CV.pdf", "cover.pdf") == "Jane_Doe_CV.pdf"
    assert pick("resume.md", "resume.pdf") == "resume.pdf"
    assert pick("b.pdf", "a.docx", "notes.txt") == "a.docx"
    assert pick("notes.txt", "README.md") is None
    assert pick("cvs-and-more.txt", "z.pdf") == "z.pdf"  # "cvs" is not the word "cv"


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised() -> None:
    for dangerous in ('=HYPERLINK("http://x")', "+1+2", "-2+3", "@SUM(A1)", "\tx", "\rx"):
        assert neutralise_cell(dangerous) == "'" + dangerous
    assert neutralise_cell("Docker; SQL") == "Docker; SQL"
    assert neutralise_cell(42.5) == "42.5"
    text = csv_text(["file", "note"], [["=cmd|' /C calc'!A0.pdf", 'line\nbreak, "quoted"']])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1] == ["'=cmd|' /C calc'!A0.pdf", 'line\nbreak, "quoted"']


def test_writes_stay_inside_the_output_folder(tmp_path: Path) -> None:
    folder = OutputFolder(tmp_path / "out")
    folder.write_text("reports/a.html", "A")
    assert (tmp_path / "out" / "reports" / "a.html").read_text() == "A"
    for bad in ("../escape.html", "/etc/passwd", "reports/../../x", "", "."):
        with pytest.raises(ValueError):
            folder.write_text(bad, "no")
    (tmp_path / "outside").mkdir()
    (tmp_path / "out" / "linked").symlink_to(tmp_path / "outside", target_is_directory=True)
    with pytest.raises(UsageError, match="symbolic link"):
        folder.write_text("linked/a.html", "no")
    assert list((tmp_path / "outside").iterdir()) == []
    assert not [p for p in (tmp_path / "out").rglob("*") if p.name.startswith(".gapcheck-tmp-")]


def test_an_interrupted_write_leaves_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = OutputFolder(tmp_path / "out")
    folder.write_text("index.html", "old")

    def explode(self: Path, target: Path) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Path, "replace", explode)
    with pytest.raises(KeyboardInterrupt):
        folder.write_text("index.html", "new and much longer")
    monkeypatch.undo()
    assert (tmp_path / "out" / "index.html").read_text() == "old"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["index.html"]


def test_output_must_be_a_folder(tmp_path: Path) -> None:
    write(tmp_path / "file.txt")
    with pytest.raises(UsageError, match="not a folder"):
        OutputFolder(tmp_path / "file.txt")


def test_plain_numbers_stay_numbers_in_the_csv() -> None:
    # A negative score change is a number, never a formula; "-1+2" is not a plain number.
    assert neutralise_cell("-3.5") == "-3.5" and neutralise_cell(-2) == "-2"
    assert neutralise_cell("-1+2") == "'-1+2" and neutralise_cell("-3.5e2") == "'-3.5e2"
