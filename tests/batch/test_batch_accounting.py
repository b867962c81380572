"""A batch accounts for every file it was given, holds its output folder, and says why
it stops when the disk refuses a write."""

from __future__ import annotations

import csv
import errno
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gapcheck.batch import outputs as outputs_module
from gapcheck.batch.inputs import collect_inputs
from gapcheck.batch.outputs import OutputFolder
from gapcheck.batch.run import BatchSettings, run_batch
from gapcheck.batch.state import StateStore
from gapcheck.batch.task import remove_orphaned_copies
from gapcheck.errors import LimitError, OutputError, UsageError
from tests.batch.test_batch_e2e import resume_lines, run_cli, write_pdf
from tests.batch.test_batch_run import OPTIONS, fake_analyse, write

POSTING = """Senior Machine Learning Engineer
About the role
We are hiring a machine learning engineer to join our platform team.
Responsibilities
- Build and deploy models to production with Python and Docker
- Work with product teams on experiments
Requirements
- 5+ years of experience with Python and SQL
- Experience with PyTorch or TensorFlow
Preferred qualifications
- Kubernetes, AWS
Benefits
- Health insurance, equity, flexible hours
We are an equal opportunity employer. Apply now.
"""

README = """# resumes

This folder holds the applicants' files for the spring cohort.

## Usage

Run the tool over this folder and open the index page. Install the package with pip,
then run the command line tool. See the documentation for the options.

## License

MIT
"""


def _rows(out: Path) -> dict[str, dict[str, str]]:
    text = (out / "summary.csv").read_text(encoding="utf-8")
    return {row["file"]: row for row in csv.DictReader(io.StringIO(text))}


def test_a_folder_of_resumes_postings_readme_image_and_empty_file_gives_a_row_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, out = tmp_path / "in", tmp_path / "out"
    root.mkdir()
    write_pdf(root / "ada.pdf", resume_lines(1))
    write_pdf(root / "ben.pdf", resume_lines(2))
    (root / "posting.txt").write_text(POSTING, encoding="utf-8")
    (root / "README.md").write_text(README, encoding="utf-8")
    (root / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(64))
    (root / "scores.xlsx").write_bytes(b"PK\x03\x04" + bytes(32))
    (root / "empty.pdf").write_bytes(b"")
    code, err = run_cli(
        ["batch", str(root), "-o", str(out), "--jobs", "1", "--date", "2026-11-21"], capsys
    )
    assert code == 1  # not every input was analysed
    rows = _rows(out)
    statuses = {name: row["status"] for name, row in rows.items()}
    assert statuses == {
        "README.md": "not-a-resume",
        "ada.pdf": "analysed",
        "ben.pdf": "analysed",
        "empty.pdf": "failed",
        "photo.jpg": "skipped",
        "posting.txt": "not-a-resume",
        "scores.xlsx": "skipped",
    }
    assert "posting" in rows["posting.txt"]["error"]  # says what it looks like
    assert rows["posting.txt"]["score"] == "" and rows["README.md"]["score"] == ""
    assert "image" in rows["photo.jpg"]["error"]
    assert "2 of 7 analysed, 1 failed, 2 not a resume, 2 skipped because of type" in err
    for name in ("README.md", "posting.txt", "photo.jpg", "empty.pdf"):
        assert f"{name} [" in err
    index = (out / "index.html").read_text(encoding="utf-8")
    for name in rows:
        assert name in index
    assert sorted(p.name for p in (out / "reports").iterdir()) == ["ada.pdf.html", "ben.pdf.html"]


def test_a_second_batch_into_the_same_folder_is_refused_while_the_first_runs(
    tmp_path: Path,
) -> None:
    root, out = tmp_path / "in", tmp_path / "out"
    write(root / "a.txt", "score=50")
    people = collect_inputs([str(root)], exclude=out)
    run_batch(people, out, OPTIONS, BatchSettings(jobs=1), work=fake_analyse)
    # Another run holds the folder.
    with OutputFolder(out).locked(), pytest.raises(UsageError) as caught:
        run_batch(people, out, OPTIONS, BatchSettings(jobs=1), work=fake_analyse)
    assert caught.value.exit_code == 2
    assert f"in use by another gapcheck batch (process {os.getpid()})" in caught.value.message
    # Released: the next run goes ahead.
    assert run_batch(people, out, OPTIONS, BatchSettings(jobs=1), work=fake_analyse).unchanged == 1


def test_the_lock_is_held_across_processes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from pathlib import Path\n"
            "from gapcheck.batch.outputs import OutputFolder\n"
            "with OutputFolder(Path(sys.argv[1])).locked():\n"
            "    print('held', flush=True)\n"
            "    time.sleep(60)\n",
            str(out),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(UsageError, match=f"process {holder.pid}"), OutputFolder(out).locked():
            pass
    finally:
        holder.kill()
        holder.wait()
    with OutputFolder(out).locked():  # the lock died with its process
        pass


@pytest.mark.parametrize(
    ("code", "advice"),
    [(errno.ENOSPC, "free some disk space"), (errno.EROFS, "read-only")],
)
def test_a_write_the_disk_refuses_is_one_line_and_exit_1_keeping_finished_people(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    code: int,
    advice: str,
) -> None:
    root, out = tmp_path / "in", tmp_path / "out"
    write(root / "a.txt", "score=50")
    write(root / "b.txt", "score=60")
    people = collect_inputs([str(root)], exclude=out)
    real = outputs_module.write_text_atomically
    written: list[str] = []

    def refuse_after_first_person(path: Path, text: str) -> Path:
        if len(written) >= 2:  # the first person's report and record are on disk
            raise OSError(code, os.strerror(code))
        written.append(path.name)
        return real(path, text)

    monkeypatch.setattr(outputs_module, "write_text_atomically", refuse_after_first_person)
    with pytest.raises(OutputError) as caught:
        run_batch(people, out, OPTIONS, BatchSettings(jobs=1), work=fake_analyse)
    assert caught.value.exit_code == 1
    assert advice in caught.value.message and "\n" not in caught.value.message
    monkeypatch.setattr(outputs_module, "write_text_atomically", real)
    store = StateStore(OutputFolder(out))
    assert store.load("a.txt.html") is not None  # the finished person is kept


def test_a_limit_reached_is_tried_again_and_retry_failed_retries_any_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, out = tmp_path / "in", tmp_path / "out"
    write(root / "big.txt", "LIMIT")
    write(root / "broken.txt", "BROKEN")
    write(root / "ok.txt", "score=70")
    log = tmp_path / "work.log"
    monkeypatch.setenv("GAPCHECK_TEST_WORK_LOG", str(log))
    people = collect_inputs([str(root)], exclude=out)
    first = run_batch(people, out, OPTIONS, BatchSettings(jobs=1), work=limited_analyse)
    assert first.failed == 2
    kinds = {row["file"]: row for row in _rows(out).values()}
    assert kinds["big.txt"]["status"] == "failed" and "limit reached" in kinds["big.txt"]["error"]
    log.write_text("")
    run_batch(people, out, OPTIONS, BatchSettings(jobs=1), work=limited_analyse)
    assert log.read_text().split() == ["big.txt"]  # a limit may pass next time; damage not
    log.write_text("")
    settings = BatchSettings(jobs=1, retry_failed=True)
    run_batch(people, out, OPTIONS, settings, work=limited_analyse)
    assert sorted(log.read_text().split()) == ["big.txt", "broken.txt"]


def limited_analyse(task: object) -> object:
    text = Path(task.resume).read_text(encoding="utf-8")  # type: ignore[attr-defined]
    if "LIMIT" in text:
        log = os.environ.get("GAPCHECK_TEST_WORK_LOG")
        if log:
            with Path(log).open("a", encoding="utf-8") as handle:
                handle.write(task.label + "\n")  # type: ignore[attr-defined]
        raise LimitError("big.txt", "reading used more than 30 s of CPU time (limit reached)")
    return fake_analyse(task)  # type: ignore[arg-type]


def test_globs_never_follow_links_and_link_loops_do_not_hang(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write(outside / "secret.txt", "someone else's file")
    root = tmp_path / "in"
    write(root / "a" / "one.txt", "score=1")
    (root / "a" / "loop1").symlink_to(root)
    (root / "a" / "loop2").symlink_to(root / "a")
    (root / "away").symlink_to(outside)
    (root / "b.txt").symlink_to(outside / "secret.txt")
    people = collect_inputs([str(root / "**" / "*.txt")])
    read = [p.label for p in people if not p.skipped]
    assert read == ["a/one.txt"]
    assert [p.label for p in people if p.skipped] == ["b.txt"]  # a link: listed, not read
    assert all("secret" not in str(p.resume) for p in people)


def test_copies_left_by_a_killed_worker_are_removed(tmp_path: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    orphan = tmp_path / f"gapcheck-copy-{dead.pid}-abc"
    (orphan / "0").mkdir(parents=True)
    (orphan / "0" / "resume.pdf").write_bytes(b"%PDF-1.4 a person's resume")
    live = tmp_path / f"gapcheck-copy-{os.getpid()}-def"
    live.mkdir()
    assert remove_orphaned_copies(tmp_path) == 1
    assert not orphan.exists() and live.exists()


def test_a_pattern_never_brings_in_the_output_folder_or_tool_folders(tmp_path: Path) -> None:
    root = tmp_path / "in"
    write(root / "a.txt", "score=1")
    write(root / "out" / "summary.csv", "file,status")  # a previous run's outputs
    write(root / "out" / "reports" / "a.txt.html", "<p>a</p>")
    write(root / "node_modules" / "pkg" / "README.md", "# a package")
    for pattern in ("*", "**"):
        people = collect_inputs([str(root / pattern)], exclude=root / "out")
        assert [p.label for p in people] == ["a.txt"], pattern
