"""Batch orchestration with an injected per-file function: outputs, failures, resuming."""

from __future__ import annotations

import csv
import io
import json
import os
import time
from pathlib import Path

import pytest

from gapcheck.batch.inputs import collect_inputs
from gapcheck.batch.run import BatchSettings, BatchSummary, run_batch
from gapcheck.batch.summary import GapBrief, PersonSummary
from gapcheck.batch.task import AnalysisOptions, FileOutcome, FileTask
from gapcheck.errors import InputError, UsageError
from gapcheck.options import Options
from gapcheck.taxonomy.loading import load_taxonomy
from gapcheck.taxonomy.model import Taxonomy

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
OPTIONS = AnalysisOptions(
    Options(taxonomy=FIXTURES / "mini_taxonomy.yaml", today="2026-11-21").resolve()
)


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return load_taxonomy(FIXTURES / "mini_taxonomy.yaml")


def fake_analyse(task: FileTask) -> FileOutcome:
    """Reads 'score=NN gaps=a,b' from the file; some contents misbehave on purpose."""
    text = Path(task.resume).read_text(encoding="utf-8", errors="replace")
    log = os.environ.get("GAPCHECK_TEST_WORK_LOG")
    if log:
        with Path(log).open("a", encoding="utf-8") as handle:
            handle.write(task.label + "\n")
    if "CRASH" in text:
        os._exit(7)
    if "HANG" in text:
        time.sleep(60)
    if "BROKEN" in text:
        raise InputError(Path(task.resume).name, "is not a resume", "pass a PDF")
    fields = dict(part.split("=", 1) for part in text.split() if "=" in part)
    gaps = tuple(
        GapBrief(g.lower(), g, rank, 0.0)
        for rank, g in enumerate(fields.get("gaps", "").split(","), 1)
        if g
    )
    summary = PersonSummary(
        score=float(fields.get("score", "50")),
        band=fields.get("band", "fair"),
        gaps=gaps,
        skills=tuple(s for s in fields.get("skills", "").split(",") if s),
        warnings=tuple(w.replace("_", " ") for w in fields.get("warn", "").split(",") if w),
    )
    result = {"file": task.label, "score": summary.score, "portfolio": list(task.portfolio)}
    return FileOutcome(summary=summary, html=f"<p>{task.label}</p>", result=json.dumps(result))


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def make_cohort(root: Path) -> None:
    write(
        root / "alice" / "resume.pdf", "score=80 band=good gaps=Docker,Kubernetes skills=Python,SQL"
    )
    write(
        root / "bob" / "resume.pdf",
        "score=40 band=weak gaps=Docker,SQL,Git,Linux skills=Python warn=two_column",
    )
    write(root / "carol.txt", "score=65 band=fair gaps=Docker skills=Python,PyTorch,SQL")
    write(root / "broken.pdf", "BROKEN")
    write(root / "crash.pdf", "CRASH")
    write(root / "notes.html", "not a resume type: listed as skipped, never read")


def run(root: Path, out: Path, taxonomy: Taxonomy, force: bool = False) -> BatchSummary:
    people = collect_inputs([str(root)], exclude=out)
    settings = BatchSettings(jobs=2, timeout=5, force=force)
    return run_batch(people, out, OPTIONS, settings, work=fake_analyse)


def test_every_good_file_gets_a_report_and_a_row_and_every_bad_one_its_reason(
    tmp_path: Path, taxonomy: Taxonomy
) -> None:
    root, out = tmp_path / "in", tmp_path / "out"
    make_cohort(root)
    summary = run(root, out, taxonomy)
    assert (summary.total, summary.analysed, summary.failed, summary.skipped) == (6, 3, 2, 1)
    failures = dict(summary.failures)
    assert failures["broken.pdf"] == "is not a resume; pass a PDF"  # the file is the key
    assert "crashed" in failures["crash.pdf"] or "stopped unexpectedly" in failures["crash.pdf"]

    reports = sorted(p.name for p in (out / "reports").iterdir())
    assert reports == ["alice__resume.pdf.html", "bob__resume.pdf.html", "carol.txt.html"]
    assert (out / "reports" / "alice__resume.pdf.html").read_text() == "<p>alice/resume.pdf</p>"

    rows = list(csv.DictReader(io.StringIO((out / "summary.csv").read_text(encoding="utf-8"))))
    assert [r["file"] for r in rows] == [
        "alice/resume.pdf",
        "bob/resume.pdf",
        "broken.pdf",
        "carol.txt",
        "crash.pdf",
        "notes.html",
    ]
    assert rows[-1]["status"] == "skipped" and "because of its type (.html)" in rows[-1]["error"]
    bob = rows[1]
    assert (bob["status"], bob["score"], bob["band"]) == ("analysed", "40.0", "weak")
    assert bob["top_gaps"] == "Docker; SQL; Git"  # top three only
    assert bob["warnings"] == "two column"
    assert bob["report"] == "reports/bob__resume.pdf.html"
    assert rows[2]["status"] == "failed" and rows[2]["error"].startswith("is not a resume")

    lines = [
        json.loads(line)
        for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert [line["file"] for line in lines] == [r["file"] for r in rows]
    assert lines[0]["result"] == {"file": "alice/resume.pdf", "score": 80.0, "portfolio": []}
    assert lines[2] == {
        "file": "broken.pdf",
        "status": "failed",
        "failure": "input",
        "error": failures["broken.pdf"],
    }

    index = (out / "index.html").read_text(encoding="utf-8")
    assert "3 of 3 lack Docker" in index
    assert "reports/alice__resume.pdf.html" in index
    assert "crash.pdf" in index and "is not a resume" in index
    assert not [p for p in out.rglob(".gapcheck-tmp-*")], "no temporary file may remain"


def test_a_rerun_skips_finished_files_and_retries_only_crashes(
    tmp_path: Path, taxonomy: Taxonomy, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, out = tmp_path / "in", tmp_path / "out"
    make_cohort(root)
    log = tmp_path / "work.log"
    monkeypatch.setenv("GAPCHECK_TEST_WORK_LOG", str(log))
    run(root, out, taxonomy)
    first = (out / "summary.csv").read_text()
    log.write_text("")

    summary = run(root, out, taxonomy)
    # A crash may be the machine's fault: it is tried again; a refused input is not.
    assert log.read_text().split() == ["crash.pdf"]
    assert summary.unchanged == 5  # the skipped notes.html among them
    assert (out / "summary.csv").read_text() == first

    write(root / "carol.txt", "score=90 band=strong gaps= skills=Python")  # changed content
    log.write_text("")
    run(root, out, taxonomy)
    assert sorted(log.read_text().split()) == ["carol.txt", "crash.pdf"]
    assert "carol.txt,analysed,90.0,strong" in (out / "summary.csv").read_text()

    log.write_text("")
    run(root, out, taxonomy, force=True)
    assert len(log.read_text().split()) == 5


def test_changed_options_or_a_missing_report_mean_the_file_is_done_again(
    tmp_path: Path, taxonomy: Taxonomy, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, out = tmp_path / "in", tmp_path / "out"
    write(root / "a.txt", "score=10")
    write(root / "b.txt", "score=20")
    log = tmp_path / "work.log"
    monkeypatch.setenv("GAPCHECK_TEST_WORK_LOG", str(log))
    run(root, out, taxonomy)
    (out / "reports" / "a.txt.html").unlink()
    log.write_text("")
    run(root, out, taxonomy)
    assert log.read_text().split() == ["a.txt"]

    log.write_text("")
    people = collect_inputs([str(root)], exclude=out)
    senior = AnalysisOptions(
        Options(
            taxonomy=FIXTURES / "mini_taxonomy.yaml", level="senior", today="2026-11-21"
        ).resolve()
    )
    run_batch(people, out, senior, BatchSettings(jobs=1), work=fake_analyse)
    assert sorted(log.read_text().split()) == ["a.txt", "b.txt"]


def test_refuses_a_non_empty_folder_it_did_not_write(tmp_path: Path, taxonomy: Taxonomy) -> None:
    root, out = tmp_path / "in", tmp_path / "out"
    write(root / "a.txt", "score=10")
    write(out / "thesis.tex", "precious")
    with pytest.raises(UsageError, match="not empty"):
        run(root, out, taxonomy)
    assert (out / "thesis.tex").read_text() == "precious"


def test_a_symlink_planted_in_the_output_folder_is_never_written_through(
    tmp_path: Path, taxonomy: Taxonomy
) -> None:
    root, out, elsewhere = tmp_path / "in", tmp_path / "out", tmp_path / "elsewhere"
    write(root / "a.txt", "score=10")
    run(root, out, taxonomy)
    elsewhere.mkdir()
    victim = write(elsewhere / "victim.html", "keep me")
    report = out / "reports" / "a.txt.html"
    report.unlink()
    report.symlink_to(victim)
    (out / "index.html").unlink()
    (out / "index.html").symlink_to(victim)
    run(root, out, taxonomy, force=True)
    assert victim.read_text() == "keep me"
    assert not report.is_symlink() and report.read_text() == "<p>a.txt</p>"

    # A reports folder replaced by a link out of OUTDIR stops the batch before any write.
    import shutil

    shutil.rmtree(out / "reports")
    (out / "reports").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(UsageError, match="symbolic link"):
        run(root, out, taxonomy, force=True)
    assert sorted(p.name for p in elsewhere.iterdir()) == ["victim.html"]


def test_per_person_folders_become_one_row_each(tmp_path: Path, taxonomy: Taxonomy) -> None:
    root, out = tmp_path / "people", tmp_path / "out"
    write(root / "ana" / "Ana_CV.pdf", "score=70")
    write(root / "ana" / "README.md", "project notes")
    write(root / "ana" / "site" / "index.html", "<h1>blog</h1>")
    write(root / "ben" / "transcript.pdf", "score=30")
    write(root / "ben" / "notes.txt", "more notes")
    write(root / "dan" / "photo.png", "not a resume")
    people = collect_inputs([str(root)], per_person=True, exclude=out)
    summary = run_batch(people, out, OPTIONS, BatchSettings(jobs=2), work=fake_analyse)
    assert summary.total == 3 and summary.failed == 1
    assert dict(summary.failures)["dan"].startswith("no resume found")
    lines = {
        json.loads(x)["file"]: json.loads(x)
        for x in (out / "results.jsonl").read_text().splitlines()
    }
    assert set(lines) == {"ana", "ben", "dan"}
    ana_portfolio = [Path(p).name for p in lines["ana"]["result"]["portfolio"]]
    assert ana_portfolio == ["README.md", "site"]
    assert [Path(p).name for p in lines["ben"]["result"]["portfolio"]] == ["notes.txt"]
