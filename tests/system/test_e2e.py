"""End to end: generated PDFs (plus portfolio files) through the CLI and the library API."""

from __future__ import annotations

import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from gapcheck import analyse, render
from gapcheck.api import analyse_documents, read_person
from gapcheck.options import Options
from tests.support import pdfgen

DATE = "2026-11-21"

ML_RESUME = [
    ("Summary", ["Machine learning engineer shipping recommendation models to production."]),
    (
        "Experience",
        [
            "Machine Learning Engineer, Example Retail — Jan 2021 – Present",
            "• Trained gradient boosting and PyTorch models in Python for demand forecasting",
            "• Deployed models with Docker and Kubernetes on AWS; cut latency by 40%",
            "• Built data pipelines with Apache Spark and SQL feeding a feature store",
        ],
    ),
    (
        "Projects",
        ["• Open-source contributor to a scikit-learn plugin: github.com/alex-example/plugin"],
    ),
    (
        "Skills",
        ["Python, SQL, PyTorch, TensorFlow, scikit-learn, pandas, NumPy, Docker, Git, Linux"],
    ),
    ("Education", ["M.S. in Computer Science, Example University, 2020"]),
]

NO_PROJECTS_RESUME = [
    (
        "Experience",
        ["Sales associate, Example Store — 2019 – 2023", "• Helped customers choose outdoor gear"],
    ),
    ("Skills", ["Customer service, Microsoft Excel"]),
    ("Education", ["B.A. in History, Example College"]),
]


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gapcheck", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=180,
    )


@pytest.fixture(scope="module")
def ml_resume(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return pdfgen.write_resume(tmp_path_factory.mktemp("resume") / "alex-resume.pdf", ML_RESUME)


def test_cli_writes_html_report_and_summary(ml_resume: Path, tmp_path: Path) -> None:
    result = run_cli(str(ml_resume), "--date", DATE, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    report = tmp_path / "alex-resume.gapcheck.html"
    assert report.is_file()
    assert "Score" in result.stdout and str(report.name) in result.stdout
    html = report.read_text(encoding="utf-8")
    parser = HTMLParser()
    parser.feed(html)  # well-formed enough to parse
    assert "alex-resume.pdf" in html
    assert str(ml_resume.parent) not in html  # the name only, never the user's path
    assert "<mark>" in html  # evidence highlights matched words


def test_json_to_stdout_carries_skills_with_evidence_and_ranked_gaps(
    ml_resume: Path, tmp_path: Path
) -> None:
    result = run_cli(str(ml_resume), "--format", "json", "-o", "-", "--date", DATE, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["source"] == "alex-resume.pdf"
    assert data["target"]["role"] == "ml-engineer"
    skills = {s["id"]: s for s in data["skills"]}
    for expected in ("python", "pytorch", "docker", "kubernetes", "aws", "sql"):
        assert skills[expected]["explicit"] is True, expected
        evidence = skills[expected]["evidence"][0]
        assert evidence["snippet"] and evidence["page"] == 1 and evidence["section"]
    pytorch = skills["pytorch"]
    assert pytorch["evidence"][0]["section"] == "experience"
    assert "deep_learning" in skills and skills["deep_learning"]["explicit"] is False
    ranks = [gap["rank"] for gap in data["gaps"]]
    assert ranks == list(range(1, len(ranks) + 1))
    assert all(gap["reason"] for gap in data["gaps"])
    assert not {gap["skill_id"] for gap in data["gaps"]} & {"python", "pytorch", "docker"}
    assert data["certifications"] and all(
        c["status"].startswith("active") for c in data["certifications"]
    )
    assert list(tmp_path.iterdir()) == []  # -o - writes nothing to disk


def test_same_input_same_bytes(ml_resume: Path, tmp_path: Path) -> None:
    for fmt in ("html", "json", "md"):
        outputs = []
        for attempt in range(2):
            out = tmp_path / f"{attempt}.{fmt}"
            result = run_cli(
                str(ml_resume), "--format", fmt, "-o", str(out), "--date", DATE, "-q", cwd=tmp_path
            )
            assert result.returncode == 0, result.stderr
            assert result.stdout == ""  # --quiet
            outputs.append(out.read_bytes())
        assert outputs[0] == outputs[1], fmt


def test_markdown_report(ml_resume: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    result = run_cli(
        str(ml_resume), "-o", str(out), "--date", DATE, cwd=tmp_path
    )  # format from suffix
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("#") and "Python" in text and "<" not in text.replace("&lt;", "")


def test_entry_and_senior_levels_rank_differently(ml_resume: Path) -> None:
    entry = analyse(ml_resume, level="entry", today=DATE)
    senior = analyse(ml_resume, level="senior", today=DATE)
    assert entry.target.level == "entry" and senior.target.level == "senior"
    assert [g.skill_id for g in entry.gaps] != [g.skill_id for g in senior.gaps]


# --------------------------------------------------------------------------- portfolio


@pytest.fixture
def portfolio(tmp_path: Path) -> tuple[Path, Path, Path]:
    resume = pdfgen.write_resume(
        tmp_path / "sam-resume.pdf",
        contact="sam@example.com",
        sections=[
            NO_PROJECTS_RESUME[0],
            ("Skills", ["Python, SQL, pandas"]),
            ("Education", ["B.S. in Statistics, Example University"]),
        ],
    )
    readme = tmp_path / "churn" / "README.md"
    readme.parent.mkdir()
    readme.write_text(
        "# Churn prediction\n\n"
        "A PyTorch model that predicts customer churn, served with FastAPI in Docker.\n"
        "Reached an AUC of 0.87 and cut false alarms by 30%.\n\n"
        "Code: https://github.com/sam-example/churn\n",
        encoding="utf-8",
    )
    page = tmp_path / "blog.html"
    page.write_text(
        "<html><head><title>Sam's blog</title><style>.x{content:'Kubernetes'}</style>"
        "<script>var skills = 'Rust Haskell';</script></head><body>"
        "<h1>Notes on MLOps</h1><p>I wrote a blog post about deploying models on Kubernetes "
        "with MLflow experiment tracking.</p></body></html>",
        encoding="utf-8",
    )
    return resume, readme.parent, page


def test_portfolio_evidence_is_merged_with_sources(portfolio: tuple[Path, Path, Path]) -> None:
    resume, project, page = portfolio
    analysis = analyse(resume, [project, page], today=DATE)
    roles = {d.source: d.role for d in analysis.documents}
    assert roles == {"sam-resume.pdf": "resume", "README.md": "portfolio", "blog.html": "portfolio"}
    skills = {s.id: s for s in analysis.detection.skills}
    # On the resume only: not flagged.
    assert skills["python"].documents == ("sam-resume.pdf",) and not skills["python"].portfolio_only
    # Only the README proves PyTorch; only the saved page proves Kubernetes.
    assert skills["pytorch"].portfolio_only and skills["pytorch"].documents == ("README.md",)
    assert skills["pytorch"].evidence[0].document == "README.md"
    assert skills["kubernetes"].portfolio_only and skills["kubernetes"].documents == ("blog.html",)
    # Scripts and styles of a saved page are not evidence.
    assert "rust" not in skills and "haskell" not in skills
    # The report says which skills only the portfolio shows.
    html = render(analysis, "html")
    assert "Only your portfolio shows" in html and "PyTorch" in html
    data = json.loads(render(analysis, "json"))
    flagged = {s["id"] for s in data["skills"] if s["portfolio_only"]}
    assert {"pytorch", "kubernetes"} <= flagged


def test_reading_apart_from_analysing_gives_the_same_analysis(
    portfolio: tuple[Path, Path, Path],
) -> None:
    resume, project, page = portfolio
    documents = read_person(resume, [project, page])
    assert [d.source for d in documents] == ["sam-resume.pdf", "README.md", "blog.html"]
    assert documents[0].role == "resume" and {d.role for d in documents[1:]} == {"portfolio"}
    apart = analyse_documents(
        documents, Options(role="data-scientist", level="entry", today=DATE).resolve()
    )
    together = analyse(resume, [project, page], role="data-scientist", level="entry", today=DATE)
    assert apart == together
    assert render(apart, "json") == render(together, "json")


def test_hands_on_section_with_projects(portfolio: tuple[Path, Path, Path]) -> None:
    resume, project, page = portfolio
    items = {i.id: i for i in analyse(resume, [project, page], today=DATE).hands_on}
    assert items["projects_with_outcomes"].present
    links = [e.matched for e in items["code_links"].evidence]
    assert "github.com/sam-example" in links  # the README's link, found as text, never fetched
    assert (
        items["publications"].present and items["publications"].evidence[0].document == "blog.html"
    )
    assert not items["competitions"].present


def test_hands_on_section_without_projects(tmp_path: Path) -> None:
    resume = pdfgen.write_resume(tmp_path / "bo.pdf", NO_PROJECTS_RESUME, contact="bo@example.com")
    analysis = analyse(resume, today=DATE)
    assert [item.present for item in analysis.hands_on] == [False] * len(analysis.hands_on)
    gap_ids = {gap.skill_id for gap in analysis.gaps}
    assert "projects_portfolio" in gap_ids  # the missing hands-on proof counts as a gap


def test_hands_on_proof_counts_in_the_gap_ranking(portfolio: tuple[Path, Path, Path]) -> None:
    resume, project, page = portfolio
    without = {gap.skill_id for gap in analyse(resume, today=DATE).gaps}
    with_portfolio = analyse(resume, [project, page], today=DATE)
    assert "projects_portfolio" in without
    assert "projects_portfolio" not in {gap.skill_id for gap in with_portfolio.gaps}


def test_cli_accepts_portfolio_arguments(
    portfolio: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    resume, project, page = portfolio
    result = run_cli(
        str(resume),
        str(project),
        str(page),
        "--format",
        "json",
        "-o",
        "-",
        "--date",
        DATE,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    sources = [d["source"] for d in json.loads(result.stdout)["documents"]]
    assert sources == ["sam-resume.pdf", "README.md", "blog.html"]
