"""`gapcheck batch --redact --per-person` end to end, on made-up people whose names, e-mail
addresses, phone numbers (30 formats), profile links, files and folders are planted all
over their resumes: no output file (state records included) may keep any of them, and
every person keeps a label of their own ("Person 01"...) that a re-run gives again.

The same folder is also analysed without --redact, to show that the planted details do
reach the outputs when nothing removes them (the redacted run's silence is then earned).
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import phonenumbers
import pytest

from gapcheck.cli.main import main

pdfgen = pytest.importorskip("tests.support.pdfgen", reason="reportlab makes the test PDFs")

# Made-up people; every phone number is a fictional one in a format used in its country.
US = ["(555) 201-4477", "555-238-1190", "555.367.2284", "5554129963"]
US += ["+1 555 740 3318", "+1-555-862-0457", "1-555-913-6624", "+1 (555) 478-5531"]
UK = ["+44 7700 900123", "07700 900456", "+44 (0)20 7946 0321", "020 7946 0654"]
DE = ["+49 151 47382916", "0152 29384756", "0160/93847261", "+49 (0)30 8274619"]
DE += ["0049 171 5938472", "030-6618293", "+49-30-55501478"]
FR = ["06 23 45 67 81", "+33 6 34 56 78 92", "07.45.67.89.13", "+33 (0)6 56 78 91 24"]
FR += ["0687654321"]
IN = ["+91 98450 12376", "098450 65432", "9845078123", "+91-98450-34567", "022 2345 6789"]
PLAIN_INTERNATIONAL = ["+4915798765432", "+447700900789"]  # no separators at all
PHONES = US + UK + DE + FR + IN + PLAIN_INTERNATIONAL
COUNTRIES = ((US, "US"), (UK, "GB"), (DE, "DE"), (FR, "FR"), (IN, "IN"))
REGION = {phone: region for group, region in COUNTRIES for phone in group}


@dataclass(frozen=True)
class Person:
    folder: str
    resume: str  # file name; .pdf, .txt or .md
    name: str
    email: str
    phones: tuple[str, ...]
    links: tuple[str, ...]  # as written; the handle in them is a secret too
    handle: str
    layout: str


PEOPLE = [
    Person(
        "tomas echeverria",  # the folder drops the accents the resume has
        "Tomas-Echeverria-CV.pdf",
        "Tomás Echeverría",
        "tomas.echeverria@example.es",
        tuple(US[:4]),
        ("github.com/techeverria", "https://www.linkedin.com/in/tomas-echeverria-3f9a"),
        "techeverria",
        "cv-heading",
    ),
    Person(
        "Zoë Brückner",
        "zoe_brueckner_resume.txt",
        "Zoë Brückner",
        "zoe.brueckner+jobs@example.de",
        tuple(US[4:]),
        ("linkedin.com/in/zoe-brueckner-7a1b", "zoebrueckner.github.io"),
        "zoe-brueckner-7a1b",
        "title-first",
    ),
    Person(
        "priya_raghunathan",
        "Priya Raghunathan resume.md",
        "Priya Raghunathan",
        "priya.raghunathan@example.in",
        tuple(UK),
        ("https://priyaraghunathan.dev/projects", "GitHub: praghunathan"),
        "praghunathan",
        "resume-word",
    ),
    Person(
        "OKONKWO, Chidi",
        "cv.pdf",
        "Chidi Okonkwo",
        "c.okonkwo@example.ng",
        tuple(DE[:4]),
        ("GitHub: chidiokonkwo", "kaggle.com/chidiok"),
        "chidiokonkwo",
        "name-field",
    ),
    Person(
        "siobhan-omalley",
        "SiobhanOMalley.pdf",
        "Siobhán O'Malley",
        "s.omalley@example.ie",
        (*DE[4:], *FR[:3]),
        ("siobhanomalley.design", "LinkedIn: siobhan-omalley-ds"),
        "siobhanomalley",
        "signature",
    ),
    Person(
        "Amélie",
        "lefevre-cv.txt",
        "Amélie Lefèvre",
        "amelie.lefevre@example.fr",
        (FR[3], *IN[:3]),
        ("@ameliefv", "gitlab.com/alefevre"),
        "ameliefv",
        "contact-first",
    ),
    Person(
        "rahul v",
        "RV_resume.md",
        "Rahul Venkataraman",
        "rahul.venkataraman@example.in",
        (IN[3], *PLAIN_INTERNATIONAL, DE[6], FR[4], IN[4]),
        ("in/rahul-venkataraman", "https://rahulv.me"),
        "rahulv",
        "email-only",
    ),
]
NO_RESUME = "Marta Kowalczyk"  # a person folder without a resume: fails, label and all
EMPTY_RESUME = ("lena fischer", "Lena_Fischer_resume.pdf")  # an empty file: fails too


def _top(person: Person) -> list[str]:
    # The contact block names GitHub, a skill: so it is evidence, and shown unless redacted.
    github = f"github.com/{person.handle}"
    contact = f"{person.email} | {person.phones[0]} | {person.links[0]} | {github}"
    return {
        "cv-heading": ["CURRICULUM VITAE", person.name, contact],
        "title-first": ["Senior Data Scientist", person.name, contact],
        "resume-word": ["Resume", person.name, contact],
        "name-field": [
            "Personal details",
            f"Name: {person.name}",
            f"Email: {person.email}",
            f"Phone: {person.phones[0]} | {person.links[0]} | {github}",
        ],
        "signature": ["Data Engineer", contact],
        "contact-first": [contact.replace(" | ", " · "), person.name],
        "email-only": ["Machine Learning Engineer", contact],
    }[person.layout]


def resume_lines(person: Person) -> list[str]:
    first, last = person.name.split(" ", 1)
    plain_first = unicodedata.normalize("NFKD", first).encode("ascii", "ignore").decode().lower()
    lines = [
        *_top(person),
        "",
        "Experience",
        f"Built Python services at Example Corp; {first} led the Docker migration.",
        f"{last}'s team shipped PyTorch models; SQL on-call line {person.phones[1]}.",
        f"Kubernetes office hours with {person.name.upper()}: call {person.phones[2]}.",
        f"Spark pipelines documented at {person.links[1]} by {first.upper()}.",
        f"MLflow tracking server owned by {plain_first}, mail {person.email}.",
    ]
    lines += [f"Pandas and NumPy mentoring: {phone}" for phone in person.phones[3:]]
    lines += [
        "",
        "Skills",
        "Python, SQL, PyTorch, Docker, Kubernetes, Spark, MLflow, Pandas, NumPy, Git",
        "",
        "Education",
        "BSc Computer Science, 2019",
    ]
    if person.layout == "signature":
        lines += ["", "Kind regards,", person.name]
    return lines


def write_people(root: Path) -> None:
    for person in PEOPLE:
        folder = root / person.folder
        folder.mkdir(parents=True)
        lines = resume_lines(person)
        path = folder / person.resume
        if path.suffix == ".pdf":
            pdfgen.write_unicode_text(path, lines)
        else:
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # A person-named portfolio note beside the first resume, with its own details.
    first = PEOPLE[0]
    (root / first.folder / "Tomas Echeverria notes.md").write_text(
        f"# Notes by {first.name}\n\nPyTorch experiments; questions to {first.email} "
        f"or {first.phones[3]}.\n",
        encoding="utf-8",
    )
    (root / NO_RESUME).mkdir()
    (root / NO_RESUME / "about.rst").write_text(f"{NO_RESUME}, {PHONES[0]}\n", encoding="utf-8")
    (root / EMPTY_RESUME[0]).mkdir()
    (root / EMPTY_RESUME[0] / EMPTY_RESUME[1]).write_bytes(b"")


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def secret_words() -> set[str]:
    """Names, e-mails, handles, links, folder and file names, folded."""
    words: set[str] = set()
    for person in PEOPLE:
        words.add(person.name)
        words.update(re.findall(r"[^\W\d_]{3,}", fold(person.name)))  # first, last, o'malley
        words.update([person.email, person.email.split("@")[0], person.handle])
        words.update(link.split(": ")[-1] for link in person.links)
        words.update([person.folder, person.resume, Path(person.resume).stem])
    words.update([NO_RESUME, *NO_RESUME.split(), *EMPTY_RESUME, *EMPTY_RESUME[0].split()])
    words.update(["Tomas Echeverria notes", "echeverria"])
    words.discard("cv.pdf")  # Chidi's resume has a generic name: nothing to hide
    words.discard("cv")
    return {fold(w) for w in words}


def phone_digits(phone: str) -> set[str]:
    """The number's digits as written, and its national number (no country code, no 0)."""
    digits = re.sub(r"\D", "", phone)
    number = phonenumbers.parse(phone, REGION.get(phone, "DE"))
    return {digits, str(number.national_number)}


def readable(path: Path) -> str:
    """A file's text as a reader would see it: HTML and JSON escapes undone, folded."""
    text = path.read_text(encoding="utf-8")
    text = html.unescape(text).replace('\\"', '"').replace("\\\\", "\\")
    text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)
    return fold(text)


def leaks(out: Path) -> list[str]:
    found = []
    words = secret_words()
    files = sorted(p for p in out.rglob("*") if p.is_file())
    for path in files:
        text = readable(path)
        runs = {re.sub(r"\D", "", run) for run in re.findall(r"\+?\d(?:[\s().\-/]{0,3}\d)*", text)}
        where = path.relative_to(out).as_posix()
        for word in words:
            if re.search(rf"(?<![^\W\d_]){re.escape(word)}(?![^\W\d_])", text):
                found.append(f"{word!r} in {where}")
        for phone in PHONES:
            if fold(phone) in text or any(d in run for d in phone_digits(phone) for run in runs):
                found.append(f"{phone!r} in {where}")
    return found


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    try:
        main(args)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, capsys.readouterr().err


def labels_everywhere(out: Path) -> dict[str, list[str]]:
    rows = list(csv.DictReader(io.StringIO((out / "summary.csv").read_text(encoding="utf-8"))))
    results = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    states = [json.loads(p.read_text()) for p in sorted((out / ".gapcheck-state").glob("*.json"))]
    index = (out / "index.html").read_text(encoding="utf-8")
    return {
        "csv": [row["file"] for row in rows],
        "jsonl": [r["file"] for r in results],
        "state": [s["label"] for s in states],
        "index": re.findall(r'<tr data-label="([^"]*)"', index)
        + re.findall(r'<td class="label">([^<]*)</td>', index),
        "reports": sorted(p.name for p in (out / "reports").iterdir()),
        "csv_reports": [row["report"] for row in rows if row["report"]],
    }


def test_redacted_per_person_batch_leaves_no_personal_detail_in_any_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert len(set(PHONES)) == len(PHONES) >= 30
    root, out, plain = tmp_path / "people", tmp_path / "out", tmp_path / "plain"
    write_people(root)
    common = ["--per-person", "--jobs", "2", "--date", "2026-11-21", "--no-progress"]

    code, err = run_cli(["batch", str(root), "-o", str(plain), *common], capsys)
    assert code == 1, err  # the two people without a readable resume fail
    planted = leaks(plain)
    for person in PEOPLE:  # without --redact, every kind of detail shows up
        for secret in [person.email, *(fold(p) for p in person.phones), person.handle]:
            assert any(repr(fold(secret)) in item for item in planted), secret
        for word in re.findall(r"[^\W\d_]{3,}", fold(person.name)):
            assert any(repr(word) in item for item in planted), word

    code, err = run_cli(["batch", str(root), "-o", str(out), "--redact", *common], capsys)
    assert code == 1, err
    assert NO_RESUME in err and EMPTY_RESUME[0] in err, "the terminal still names the real folders"
    assert leaks(out) == []

    total = len(PEOPLE) + 2
    expected = [f"Person {n:02d}" for n in range(1, total + 1)]
    labels = labels_everywhere(out)
    assert labels["csv"] == expected and labels["jsonl"] == expected  # in input label order
    assert labels["state"] == expected
    assert sorted(set(labels["index"])) == expected
    assert labels["reports"] == sorted(r.removeprefix("reports/") for r in labels["csv_reports"])
    assert all(re.fullmatch(r"reports/person-\d\d\.html", r) for r in labels["csv_reports"])
    # Numbered by the sorted input labels: the folders' own order.
    folders = sorted([p.folder for p in PEOPLE] + [NO_RESUME, EMPTY_RESUME[0]])
    rows = list(csv.DictReader(io.StringIO((out / "summary.csv").read_text(encoding="utf-8"))))
    failed = {row["file"] for row in rows if row["status"] == "failed"}
    assert failed == {expected[folders.index(NO_RESUME)], expected[folders.index(EMPTY_RESUME[0])]}

    # A re-run (nothing changed) and a forced one give every person the same label again.
    before = {name: (out / name).read_text() for name in ("summary.csv", "results.jsonl")}
    for extra in ([], ["--force"]):
        code, err = run_cli(
            ["batch", str(root), "-o", str(out), "--redact", *common, *extra], capsys
        )
        assert code == 1, err
        assert labels_everywhere(out) == labels
        assert {name: (out / name).read_text() for name in before} == before
        assert leaks(out) == []


def test_a_redacted_run_removes_reports_an_unredacted_run_named_after_people(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, out = tmp_path / "people", tmp_path / "out"
    person = PEOPLE[6]  # a text resume: quick to analyse
    (root / person.folder).mkdir(parents=True)
    (root / person.folder / person.resume).write_text("\n".join(resume_lines(person)) + "\n")
    common = ["--per-person", "--jobs", "1", "--date", "2026-11-21", "--no-progress"]
    assert run_cli(["batch", str(root), "-o", str(out), *common], capsys)[0] == 0
    assert any("rahul" in p.name for p in (out / "reports").iterdir())
    assert run_cli(["batch", str(root), "-o", str(out), "--redact", *common], capsys)[0] == 0
    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert names == [
        ".gapcheck-lock",  # holds the process id of the last run, nothing of the person
        ".gapcheck-state/person-01.json",
        "index.html",
        "reports/person-01.html",
        "results.jsonl",
        "skills.csv",
        "summary.csv",
    ]
