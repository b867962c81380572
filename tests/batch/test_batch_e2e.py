"""`gapcheck batch` end to end: real PDFs, broken files, the real pipeline, kill and resume."""

from __future__ import annotations

import csv
import io
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.support import pdfgen

reportlab = pytest.importorskip(
    "reportlab", reason="reportlab generates the test PDFs (test extra)"
)

from reportlab.lib.pagesizes import LETTER  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

from gapcheck.cli.main import main  # noqa: E402

SKILLS = [
    "Python",
    "SQL",
    "PyTorch",
    "TensorFlow",
    "scikit-learn",
    "Docker",
    "Kubernetes",
    "AWS",
    "Git",
    "Linux",
    "Pandas",
    "NumPy",
    "Spark",
    "MLflow",
    "Airflow",
    "statistics",
    "linear algebra",
    "deep learning",
    "natural language processing",
    "computer vision",
]
FIRST = ["Avery", "Jordan", "Riley", "Morgan", "Casey", "Quinn", "Rowan", "Sasha", "Tatum", "Emery"]
LAST = [
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Tanaka",
    "Silva",
    "Novak",
    "Haddad",
    "Kowalski",
    "Reyes",
    "Brandt",
]


def person_name(seed: int) -> str:
    return f"{FIRST[seed % len(FIRST)]} {LAST[(seed * 7) % len(LAST)]}"


def resume_lines(seed: int) -> list[tuple[str, bool]]:
    """(text, is_heading) lines of a plausible, generated resume."""
    rng = random.Random(seed)  # noqa: S311 - seeded test data, not cryptography
    skills = rng.sample(SKILLS, rng.randint(3, 12))
    name = person_name(seed)
    handle = name.lower().replace(" ", ".")
    phone = f"+1 415 555 {1000 + seed:04d}"
    contact = f"{handle}@example.org | {phone} | github.com/{handle.replace('.', '')}"
    lines: list[tuple[str, bool]] = [
        (name, True),
        (contact, False),
        ("Summary", True),
        ("Engineer building data products and machine learning services.", False),
        ("Experience", True),
        ("Data Engineer, Example Corp (2020 - 2024)", False),
    ]
    for skill in skills[: len(skills) // 2]:
        lines.append(
            (f"Used {skill} to ship a service that cut latency by {rng.randint(5, 60)}%.", False)
        )
    lines += [
        ("Skills", True),
        (", ".join(skills), False),
        ("Education", True),
        ("BSc Computer Science, 2019", False),
    ]
    return lines


def write_pdf(
    path: Path, lines: list[tuple[str, bool]], *, encrypt: str | None = None, pages: int = 1
) -> Path:
    options = {}
    if encrypt is not None:
        from reportlab.lib.pdfencrypt import StandardEncryption

        options["encrypt"] = StandardEncryption(encrypt, canModify=0)
    pdf = canvas.Canvas(str(path), pagesize=LETTER, invariant=1, **options)
    for _ in range(pages):
        y = 740
        for text, heading in lines:
            pdf.setFont("Helvetica-Bold" if heading else "Helvetica", 13 if heading else 10)
            pdf.drawString(72, y, text)
            y -= 20 if heading else 14
        pdf.showPage()
    pdf.save()
    return path


def write_image_only_pdf(path: Path) -> Path:
    pdf = canvas.Canvas(str(path), pagesize=LETTER, invariant=1)
    for row in range(40):  # shapes where text would be: a scan without a text layer
        pdf.rect(72, 740 - row * 16, 300 + (row * 37) % 150, 9, fill=1, stroke=0)
    pdf.showPage()
    pdf.save()
    return path


def make_mixed_folder(root: Path, good: int = 6) -> tuple[list[str], list[str]]:
    """Good resumes (two of them named resume.pdf in different folders) plus broken files."""
    good_labels = []
    for seed in range(good):
        folder = root / f"group{seed % 2}" / f"p{seed}" if seed < 2 else root / "group2"
        folder.mkdir(parents=True, exist_ok=True)
        name = "resume.pdf" if seed < 2 else f"{person_name(seed).replace(' ', '_')}.pdf"
        write_pdf(folder / name, resume_lines(seed))
        good_labels.append((folder / name).relative_to(root).as_posix())
    broken = root / "broken"
    broken.mkdir()
    good_pdf = (root / good_labels[0]).read_bytes()
    (broken / "truncated.pdf").write_bytes(good_pdf[: len(good_pdf) // 3])
    write_pdf(broken / "encrypted.pdf", resume_lines(99), encrypt="secret")
    (broken / "empty.pdf").write_bytes(b"")
    (broken / "photo.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    write_image_only_pdf(broken / "scan.pdf")
    bad_labels = [
        f"broken/{n}"
        for n in ("empty.pdf", "encrypted.pdf", "photo.pdf", "scan.pdf", "truncated.pdf")
    ]
    return sorted(good_labels), bad_labels


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    try:
        main(args)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, capsys.readouterr().err


def test_mixed_batch_reports_good_files_and_lists_bad_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, out = tmp_path / "in", tmp_path / "out"
    good, bad = make_mixed_folder(root)
    code, err = run_cli(
        [
            "batch",
            str(root),
            "-o",
            str(out),
            "--jobs",
            "2",
            "--date",
            "2026-11-21",
            "--timeout",
            "60",
        ],
        capsys,
    )
    assert code == 1, err
    rows = {
        r["file"]: r
        for r in csv.DictReader(io.StringIO((out / "summary.csv").read_text(encoding="utf-8")))
    }
    assert sorted(rows) == sorted(good + bad)
    for label in good:
        row = rows[label]
        assert row["status"] == "analysed", row
        assert 0 <= float(row["score"]) <= 100 and row["band"]
        report = out / row["report"]
        assert report.is_file() and "<html" in report.read_text(encoding="utf-8").lower()
    assert (out / "reports" / "group0__p0__resume.pdf.html").is_file()
    assert (out / "reports" / "group1__p1__resume.pdf.html").is_file()
    for label in bad:
        assert rows[label]["status"] == "failed" and rows[label]["error"], label
        assert label in err, "every failed file is listed on standard error"
    assert "encrypt" in rows["broken/encrypted.pdf"]["error"].lower()
    lines = [
        json.loads(x) for x in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert len(lines) == len(good) + len(bad)
    assert all(isinstance(x["result"], dict) for x in lines if x["status"] == "analysed")
    # Each result is exactly the JSON report of the single-file API for that resume.
    from gapcheck.api import analyse, render

    first = next(x for x in lines if x["file"] == good[0])
    single = json.loads(render(analyse(root / good[0], today="2026-11-21"), "json"))
    assert first["result"] == single
    index = (out / "index.html").read_text(encoding="utf-8")
    for label in bad:
        assert label in index


def test_exit_status_zero_when_all_analysed_and_two_for_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, out = tmp_path / "in", tmp_path / "out"
    root.mkdir()
    write_pdf(root / "a.pdf", resume_lines(1))
    assert run_cli(["batch", str(root), "-o", str(out), "--quiet", "--jobs", "1"], capsys)[0] == 0
    assert run_cli(["batch", str(root), "-o", str(out), "--level", "guru"], capsys)[0] == 2
    assert run_cli(["batch", str(tmp_path / "missing"), "-o", str(out)], capsys)[0] == 2
    assert run_cli(["batch", str(root), "-o", str(out), "--role", "astronaut"], capsys)[0] == 2
    assert run_cli(["batch", str(root), "-o", str(out), "--date", "yesterday"], capsys)[0] == 2
    assert run_cli(["batch", str(root)], capsys)[0] == 2  # -o is required


def test_help_documents_exit_status(capsys: pytest.CaptureFixture[str]) -> None:
    try:
        main(["batch", "--help"])
    except SystemExit as exc:
        assert not exc.code
    text = " ".join(capsys.readouterr().out.split())
    assert "Exit status: 0 every file was analysed 1 some files were not" in text
    assert "2 usage error" in text


def test_redacted_outputs_hold_no_contact_details(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, out = tmp_path / "in", tmp_path / "out"
    root.mkdir()
    secrets: list[str] = []
    for seed in (3, 4):
        lines = resume_lines(seed)
        write_pdf(root / f"{person_name(seed).replace(' ', '-')}-resume.pdf", lines)
        name = lines[0][0]
        contact = lines[1][0].split(" | ")
        secrets += [name, *name.split(), *contact]
    (root / f"{person_name(3).replace(' ', '_')}_old.pdf").write_bytes(b"")  # fails: no name line
    code, err = run_cli(
        ["batch", str(root), "-o", str(out), "--redact", "--jobs", "1", "--date", "2026-11-21"],
        capsys,
    )
    assert code == 1, err
    assert f"{person_name(3).replace(' ', '_')}_old.pdf" in err, "the terminal names the real file"
    files = [
        p for p in out.rglob("*") if p.is_file()
    ]  # the state records too: OUTDIR may be shared
    assert {p.name for p in files} >= {"index.html", "summary.csv", "results.jsonl"}
    assert len([p for p in files if p.parent.name == "reports"]) == 2
    for path in files:
        text = path.read_text(encoding="utf-8")
        for secret in secrets:
            assert secret.lower() not in text.lower(), f"{secret!r} in {path.relative_to(out)}"
    csv_text = (out / "summary.csv").read_text(encoding="utf-8")
    assert "Person 01" in csv_text and ",failed," in csv_text  # labels say nothing of the file


def test_a_redacted_file_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from gapcheck import reading
    from gapcheck.batch.task import AnalyseFile, AnalysisOptions, FileTask
    from gapcheck.options import Options

    resume = tmp_path / f"{person_name(5).replace(' ', '-')}-resume.pdf"
    lines = resume_lines(5)
    write_pdf(resume, lines)
    reads: list[str] = []
    real_read = reading.read_document

    def counted(path: Path, *args: Any, **kwargs: Any) -> Any:
        reads.append(Path(path).name)
        return real_read(path, *args, **kwargs)

    monkeypatch.setattr(reading, "read_document", counted)
    options = AnalysisOptions(Options(today="2026-11-21").resolve(), redact=True)
    outcome = AnalyseFile(options)(FileTask(resume.name, str(resume)))
    assert reads == [resume.name]
    name = lines[0][0]
    assert name not in outcome.html and name not in outcome.result
    assert outcome.label == "[name]-[name]-resume.pdf"  # first and last name, word by word


def test_killing_a_run_halfway_and_running_again_completes_it(tmp_path: Path) -> None:
    root, out = tmp_path / "in", tmp_path / "out"
    root.mkdir()
    total = 12
    for seed in range(total):
        write_pdf(root / f"r{seed:02d}.pdf", resume_lines(seed), pages=2)
    command = [
        sys.executable,
        "-m",
        "gapcheck",
        "batch",
        str(root),
        "-o",
        str(out),
        "--jobs",
        "1",
        "--date",
        "2026-11-21",
    ]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        command, env=env, start_new_session=True, stderr=subprocess.PIPE, stdout=subprocess.PIPE
    )
    state = out / ".gapcheck-state"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(state.glob("*.json"))) < 3:
        assert process.poll() is None, process.communicate()
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)  # the whole job, as a terminal's kill would
    process.communicate()
    # Finished means recorded: a report written just before the kill, without its state
    # record, is legitimately analysed again.
    recorded = {p.stem for p in state.glob("*.json")}
    finished = {
        p.name: p.stat().st_mtime_ns
        for p in (out / "reports").glob("*.html")
        if Path(p.name).stem in recorded
    }
    assert 3 <= len(finished) < total, "the kill must land halfway"
    for report in (out / "reports").glob("*.html"):
        assert report.read_text(encoding="utf-8").rstrip().endswith("</html>"), report.name

    again = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert again.returncode == 0, again.stderr
    assert f"({len(finished)} unchanged since the last run)" in again.stderr
    reports = {p.name: p.stat().st_mtime_ns for p in (out / "reports").glob("*.html")}
    assert len(reports) == total
    for name, mtime in finished.items():
        assert reports[name] == mtime, f"{name} was analysed again"
    assert not list(out.rglob(".gapcheck-tmp-*")), "the second run cleans up temporaries"
    rows = list(csv.DictReader(io.StringIO((out / "summary.csv").read_text(encoding="utf-8"))))
    assert len(rows) == total and all(r["status"] == "analysed" for r in rows)


def test_per_person_folders_merge_portfolio_evidence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, out = tmp_path / "cohort", tmp_path / "out"
    ana, ben = root / "ana", root / "ben"
    ana.mkdir(parents=True)
    ben.mkdir()
    without = [
        line for line in resume_lines(5) if "PyTorch" not in line[0] and "Docker" not in line[0]
    ]
    write_pdf(ana / "Ana_CV.pdf", without)
    (ana / "README.md").write_text(
        "# Churn model\n\nTrained with PyTorch and served with Docker; cut churn by 12%.\n",
        encoding="utf-8",
    )
    write_pdf(ben / "resume.pdf", without)
    code, err = run_cli(["batch", str(root), "--per-person", "-o", str(out), "--jobs", "2"], capsys)
    assert code == 0, err
    lines = {
        x["file"]: x
        for x in map(json.loads, (out / "results.jsonl").read_text(encoding="utf-8").splitlines())
    }
    assert sorted(lines) == ["ana", "ben"], "one row per person"
    found = {
        person: {skill["id"]: skill for skill in lines[person]["result"]["skills"]}
        for person in ("ana", "ben")
    }
    assert "pytorch" in found["ana"] and "pytorch" not in found["ben"]
    assert found["ana"]["pytorch"]["documents"] == ["README.md"]
    assert found["ana"]["pytorch"]["portfolio_only"] is True


def test_weird_file_names_get_safe_reports_inside_outdir(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, out = tmp_path / "in", tmp_path / "out"
    nested = ["with space.pdf", "Zoë Ångström.pdf", "履歴書.pdf", "new\nline.pdf", "--help.pdf"]
    for seed, name in enumerate(nested):
        folder = root / ("sub dir" if seed % 2 else "a..b")
        folder.mkdir(parents=True, exist_ok=True)
        write_pdf(folder / name, resume_lines(seed))
    for seed, name in enumerate(["=cmd.pdf", "-rf.pdf"], start=10):
        write_pdf(root / name, resume_lines(seed))
    code, err = run_cli(["batch", str(root), "-o", str(out), "--jobs", "2"], capsys)
    assert code == 0, err
    reports = sorted((out / "reports").iterdir())
    assert len(reports) == len(nested) + 2
    for report in reports:
        assert report.resolve().parent == (out / "reports").resolve()
        assert report.name.isascii() and not report.name.startswith(("-", "."))
    assert all(str(p.resolve()).startswith(str(out.resolve())) for p in out.rglob("*"))
    rows = list(csv.reader(io.StringIO((out / "summary.csv").read_text(encoding="utf-8"))))
    files = [row[0] for row in rows[1:]]
    assert "'=cmd.pdf" in files and "'-rf.pdf" in files, "formula-like names are neutralised"
    assert "sub dir/new\nline.pdf" in files  # the CSV quotes the newline; nothing is lost
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Zoë Ångström.pdf" in index


def test_progress_bar_when_forced(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root, out = tmp_path / "in", tmp_path / "out"
    root.mkdir()
    for seed in range(3):
        write_pdf(root / f"r{seed}.pdf", resume_lines(seed))
    (root / "empty.pdf").write_bytes(b"")
    code, err = run_cli(["batch", str(root), "-o", str(out), "--progress", "--jobs", "1"], capsys)
    assert code == 1
    final = err.split("\r")[-1].splitlines()[0]
    assert "4/4" in final and "1 failed" in final and "ETA" in final
    code, err = run_cli(["batch", str(root), "-o", str(out), "--progress", "--quiet"], capsys)
    assert "\r" not in err and "ETA" not in err
    assert err.startswith("gapcheck: 1 file(s) not analysed:") and "empty.pdf [failed]" in err


def test_a_batch_runs_with_the_network_unreachable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    class NoNetwork(socket.socket):
        # A subclass, not a function: modules such as ssl subclass socket.socket on import.
        # Unix sockets stay allowed: they are how the workers talk to the parent, locally.
        def __init__(self, family: int = -1, *args: object, **kwargs: object) -> None:
            if family != socket.AF_UNIX:
                raise AssertionError("gapcheck tried to open a network socket")
            super().__init__(family, *args, **kwargs)  # type: ignore[arg-type]

    def no_connection(*args: object, **kwargs: object) -> socket.socket:
        raise AssertionError("gapcheck tried to connect")

    # Forked workers inherit the patched module, so they are covered too.
    monkeypatch.setattr(socket, "socket", NoNetwork)
    monkeypatch.setattr(socket, "create_connection", no_connection)
    root, out = tmp_path / "in", tmp_path / "out"
    root.mkdir()
    for seed in range(2):
        write_pdf(root / f"r{seed}.pdf", resume_lines(seed))
    code, err = run_cli(["batch", str(root), "-o", str(out), "--jobs", "2"], capsys)
    assert code == 0, err
    assert len(list((out / "reports").iterdir())) == 2


def decompression_bomb_pdf(expanded_bytes: int) -> bytes:
    """A one-page PDF whose content stream inflates from about 1 MB to `expanded_bytes`."""
    import zlib

    packer = zlib.compressobj(9)
    chunk = b"0 0 m " * (1 << 16)
    body = bytearray()
    for _ in range(expanded_bytes // len(chunk) + 1):
        body += packer.compress(chunk)
    body += packer.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body)
        + bytes(body)
        + b"\nendstream",
    ]
    return pdfgen.build_pdf(objects)


@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the memory cap is enforced through Linux limits"
)
def test_a_decompression_bomb_fails_alone_under_the_memory_cap(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, out = tmp_path / "in", tmp_path / "out"
    root.mkdir()
    (root / "bomb.pdf").write_bytes(decompression_bomb_pdf(1 << 30))
    for seed in range(2):
        write_pdf(root / f"r{seed}.pdf", resume_lines(seed))
    code, err = run_cli(
        ["batch", str(root), "-o", str(out), "--jobs", "2", "--max-memory", "300"], capsys
    )
    assert code == 1, err
    rows = {
        r["file"]: r
        for r in csv.DictReader(io.StringIO((out / "summary.csv").read_text(encoding="utf-8")))
    }
    assert rows["r0.pdf"]["status"] == rows["r1.pdf"]["status"] == "analysed"
    assert rows["bomb.pdf"]["status"] == "failed"
    assert rows["bomb.pdf"]["error"], (
        "the reason is recorded (memory limit, or the reader's own size guard)"
    )
