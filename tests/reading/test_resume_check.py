"""Is the resume a resume? (gapcheck.sections.resume_check, run by the API after sectioning.)

Every document here is made up in the test. A file that is not a resume (too little text,
a job posting, a project README, a letter, prose without any resume structure) ends in
one NotAResumeError line with exit status 1, never in a report; made-up resumes of many
shapes (tiny, in Spanish or German, with a cover letter, with "Responsibilities:" in
their roles) pass, and so do the real resumes of the corpora while the real postings are
refused as postings (skipped when ../shared is absent).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from gapcheck import analyse
from gapcheck.errors import InputError, NotAResumeError
from gapcheck.reading import read_bytes, read_document
from gapcheck.sections import resume_check
from gapcheck.sections.resume_check import check_resume, gather
from gapcheck.sections.split import sectioned
from tests.support import pdfgen

SHARED = Path(__file__).resolve().parents[3] / "shared"
REAL_RESUMES = sorted((SHARED / "corpus").glob("*.pdf")) + sorted(
    (SHARED / "corpus2").glob("*.pdf")
)
REAL_POSTINGS = sorted((SHARED / "corpus" / "postings").glob("*.txt"))
NO_CORPUS = f"the real corpora are not at {SHARED} (../shared next to the repository)"

RESUME = """Alex Example
alex@example.com | +1 555 010 0199 | github.com/alex-example

Experience
Data Analyst, Example Retail, Jan 2021 - Present
- Built weekly sales dashboards in SQL and Tableau for the buying team
- Automated the stock report with Python and pandas
Analyst Intern, Example Bank, 2019 - 2020

Education
BSc Statistics, Example University, 2016 - 2019

Skills
Python, SQL, pandas, Tableau, Excel
"""

POSTING = """Senior Data Scientist
Example Corp - Remote

We are looking for a Senior Data Scientist to join our team. You will build models
that help our customers plan their stock, and you'll work closely with our engineers.

Responsibilities
Design and evaluate forecasting models
Present results to our product team

Requirements
5+ years of experience with Python and SQL
Experience with cloud platforms

What we offer
Competitive salary, health insurance and paid time off.
Example Corp is an equal opportunity employer. Apply now!
"""

README = """# churn-predictor

Predicts customer churn from usage data with a gradient boosted model.

## Installation

```bash
pip install -r requirements.txt
```

## Usage

```bash
python -m churn.train --data data/usage.csv
```

## License

MIT
"""

LETTER = """Alex Example
alex@example.com

12 March 2026

Dear Hiring Manager,

I am writing to apply for the data analyst position at Example Corp. In my current role
I build sales dashboards and automate reports, and I would love to bring that experience
to your team. I am confident my background in statistics makes me a strong candidate.

Thank you for considering my application.

Sincerely,
Alex Example
"""

PROSE = """The best bread starts the evening before. Mix flour, water and a little yeast,
leave the dough in a cool place overnight, and let time do the work. In the morning,
shape the loaf gently, let it rise again, and bake it in a very hot oven with a tray of
water underneath, which keeps the crust thin and crisp. Let it cool before cutting it.
"""


def _check(text: str, name: str = "resume.txt", *, role: str = "resume") -> None:
    document = read_bytes(text.encode("utf-8"), name, role=role)
    check_resume(*sectioned(document))


def _refusal(text: str, name: str = "resume.txt") -> NotAResumeError:
    with pytest.raises(NotAResumeError) as caught:
        _check(text, name)
    error = caught.value
    assert isinstance(error, InputError) and error.exit_code == 1
    assert error.subject == name and "\n" not in error.message
    assert error.problem and error.advice
    return error


# --------------------------------------------------------------------------- refused


def test_hello_is_too_little_text_and_the_cli_writes_no_report(tmp_path: Path) -> None:
    (tmp_path / "hello.txt").write_text("hello", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "gapcheck", "hello.txt", "--date", "2026-11-21"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,  # a guard against a hang, not a measure
        check=False,
    )
    assert run.returncode == 1, run.stderr
    assert run.stdout == ""
    lines = run.stderr.splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("gapcheck: error: hello.txt: holds only 5 characters of text")
    assert "too little to be a resume" in lines[0] and "Score" not in run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hello.txt"]


def test_the_api_refuses_before_scoring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import gapcheck.scoring.score as scoring

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("a document that is not a resume reached scoring")

    monkeypatch.setattr(scoring, "score", never)
    path = tmp_path / "posting.txt"
    path.write_text(POSTING, encoding="utf-8")
    with pytest.raises(NotAResumeError, match="job posting"):
        analyse(path, today="2026-11-21")


@pytest.mark.parametrize(
    "text",
    ["", " ", "hello", "Alex Example", "Alex Example\nalex@example.com\nPython, SQL"],
    ids=["empty", "blank", "hello", "a-name", "name-mail-skills"],
)
def test_too_little_text(text: str) -> None:
    if not text.strip():
        with pytest.raises(InputError, match=r"empty|no text"):
            _check(text)
        return
    assert "too little to be a resume" in _refusal(text).problem


def test_a_job_posting_is_named_and_pointed_to_job() -> None:
    error = _refusal(POSTING, "senior-ds.txt")
    assert "looks like a job posting" in error.problem
    assert "--job" in error.advice


def test_a_readme_is_named_and_pointed_to_the_portfolio() -> None:
    error = _refusal(README, "README.md")
    assert "looks like a project README" in error.problem and "code" in error.problem
    assert "portfolio" in error.advice


def test_a_letter_is_named() -> None:
    error = _refusal(LETTER, "letter.txt")
    assert "looks like a letter" in error.problem
    assert "Dear Hiring Manager" in error.problem and "Sincerely" in error.problem


def test_prose_without_resume_structure() -> None:
    assert "does not look like a resume" in _refusal(PROSE, "bread.txt").problem


def test_the_same_rules_for_pdf_and_docx(tmp_path: Path) -> None:
    from tests.support.hostile_files import docx_bytes

    pdf = pdfgen.write_lines(tmp_path / "posting.pdf", POSTING.splitlines())
    with pytest.raises(NotAResumeError, match="job posting"):
        check_resume(*sectioned(read_document(pdf)))
    docx = tmp_path / "letter.docx"
    docx.write_bytes(docx_bytes(LETTER.splitlines()))
    with pytest.raises(NotAResumeError, match="letter"):
        check_resume(*sectioned(read_document(docx)))


# --------------------------------------------------------------------------- accepted

SPANISH = """Lucía Ejemplo
lucia@example.com

Experiencia
Ingeniera de datos, Empresa Ejemplo, 2020 - actualidad
Desarrollo de modelos de aprendizaje automático con Python

Formación
Grado en Ingeniería Informática, Universidad Ejemplo, 2015 - 2019

Habilidades
Python, SQL, Spark
"""

GERMAN_NO_CONTACT = """Jonas Beispiel

Berufserfahrung
Softwareentwickler bei Beispiel GmbH, 2018 bis heute
Entwicklung von Webanwendungen mit Java und Python

Ausbildung
Informatik, Technische Universität Beispielstadt, 2013 - 2018
"""

COVER_LETTER_AND_RESUME = LETTER + "\n" + RESUME

RESUME_WITH_POSTING_WORDS = RESUME.replace(
    "- Automated the stock report with Python and pandas",
    "Responsibilities:\n- Gathered requirements from the buying team\n"
    "- Our team applied forecasting models; we reduced stock-outs by 10%",
)

MINIMAL = """Sam Example
sam@example.com
Skills
Python, SQL, Excel, statistics and reporting for a small retail business team
"""


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (RESUME, "resume.txt"),
        (RESUME, "resume.md"),
        (SPANISH, "cv.txt"),
        (GERMAN_NO_CONTACT, "lebenslauf.txt"),
        (COVER_LETTER_AND_RESUME, "letter-and-resume.txt"),
        (RESUME_WITH_POSTING_WORDS, "resume.txt"),
        (MINIMAL, "minimal.txt"),
    ],
    ids=["resume", "markdown", "spanish", "german-no-contact", "with-cover-letter",
         "posting-words", "minimal"],
)  # fmt: skip
def test_made_up_resumes_pass(text: str, name: str) -> None:
    _check(text, name)


def test_made_up_pdf_resume_passes(tmp_path: Path) -> None:
    path = pdfgen.write_resume(
        tmp_path / "bo.pdf",
        [
            ("Experience", ["Sales associate, Example Store — 2019 – 2023"]),
            ("Skills", ["Customer service, Microsoft Excel"]),
            ("Education", ["B.A. in History, Example College"]),
        ],
        contact="bo@example.com",
    )
    evidence = check_resume(*sectioned(read_document(path)))
    assert evidence is not None and evidence.contact and evidence.dated_roles == 1


def test_portfolio_documents_are_not_checked() -> None:
    _check(README, "README.md", role="portfolio")
    _check("hello", "notes.txt", role="portfolio")


def test_thresholds_are_named_constants() -> None:
    for name in (
        "MIN_CHARACTERS", "MIN_WORDS", "MIN_POSTING_PHRASES", "READER_ADDRESS_SHARE",
        "POSTING_PHRASES_ALONE", "RESUME_DATED_ROLES", "README_HEADINGS",
        "README_HEADINGS_ALONE", "LETTER_RESUME_SECTIONS", "MIN_YEARS",
    ):  # fmt: skip
        assert isinstance(getattr(resume_check, name), (int, float)), name


# --------------------------------------------------------------------------- real files


@pytest.mark.corpus
@pytest.mark.skipif(len(REAL_RESUMES) < 47, reason=NO_CORPUS)
@pytest.mark.parametrize("path", REAL_RESUMES, ids=[p.name for p in REAL_RESUMES])
def test_every_real_resume_passes(path: Path) -> None:
    document, sections = sectioned(read_document(path))
    evidence = check_resume(document, sections)
    assert evidence is not None
    # With room to spare on the rules that could refuse it.
    assert evidence.characters >= 5 * resume_check.MIN_CHARACTERS
    assert len(evidence.posting_phrases) < resume_check.MIN_POSTING_PHRASES
    assert evidence.reader_address < resume_check.READER_ADDRESS_SHARE / 2
    assert not evidence.readme_headings


@pytest.mark.corpus
@pytest.mark.skipif(len(REAL_POSTINGS) < 6, reason=NO_CORPUS)
@pytest.mark.parametrize("path", REAL_POSTINGS, ids=[p.name for p in REAL_POSTINGS])
def test_every_real_posting_is_refused_as_a_posting(path: Path) -> None:
    document, sections = sectioned(read_document(path))
    assert gather(document, sections).dated_roles == 0
    with pytest.raises(NotAResumeError, match="looks like a job posting"):
        check_resume(document, sections)


@pytest.mark.parametrize(
    "row",
    ["1" * 1999, "a." * 999, "a@" + "a." * 995, "2019 - " * 280, "1 " * 999, "you will " * 220],
    ids=["digits", "dots", "at-dots", "year-ranges", "spaced-digits", "posting-words"],
)
def test_the_evidence_is_gathered_in_linear_time_on_hostile_lines(row: str) -> None:
    """A document of the largest size (100 lines of 2,000 characters) built to make the
    patterns backtrack: CPU seconds, with a wide margin (well under one today)."""
    import time
    from dataclasses import replace

    from gapcheck.records import Line

    base = read_bytes(MINIMAL.encode(), "minimal.txt")
    document = replace(base, lines=tuple(Line(text=row, page=1, number=n) for n in range(1, 101)))
    started = time.process_time()
    gather(*sectioned(document))
    assert time.process_time() - started < 10
