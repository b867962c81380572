"""Run a batch and save screenshots of its cohort page, for the docs (docs/cohort-*.png).

    python docs/make_cohort_screenshot.py                     # made-up people and posting
    python docs/make_cohort_screenshot.py resumes/ --job posting.txt   # real files: redacted
    python docs/make_cohort_screenshot.py --full-page -o /tmp/shots

By default the batch runs over a dozen made-up text resumes and a made-up posting, twice:
two resumes are edited between the runs, so the page shows what changed. Given a folder of
real resumes, the batch always runs with --redact, so no real name appears in a picture.

Four pictures: desktop (1280 px) and phone (390 px) width, each light (the top of the page)
and dark (the skill matrix). Needs
Playwright for Python and a Chromium (Debian: `apt-get install chromium`); the browser runs
headless and offline, and any request the page makes is an error here.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "docs"))
from make_screenshot import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

SHOTS = {  # name: (width, height, dark, the element at the top: None for the page's top)
    "cohort-desktop.png": (1280, 1400, False, None),
    "cohort-desktop-dark.png": (1280, 1100, True, "matrix-title"),
    "cohort-phone.png": (390, 1400, False, None),
    "cohort-phone-dark.png": (390, 1100, True, "matrix-title"),
}

POSTING = """Machine Learning Engineer

Requirements
- Strong Python and SQL
- Experience with PyTorch or TensorFlow
- Docker and Kubernetes
- Machine learning model deployment
- Bachelor's degree in Computer Science or a related field

Nice to have
- AWS or GCP
- Apache Spark
- MLflow
"""
SKILLS = [
    "Python", "SQL", "PyTorch", "TensorFlow", "scikit-learn", "Docker", "Kubernetes", "AWS",
    "GCP", "Git", "Linux", "Pandas", "Spark", "MLflow", "Airflow", "statistics", "Tableau",
    "Excel", "Java", "model deployment",
]  # fmt: skip
FIRST = ["Avery", "Jordan", "Riley", "Morgan", "Casey", "Quinn", "Rowan", "Sasha", "Tatum",
         "Emery", "Harper", "Kai"]  # fmt: skip
LAST = ["Okafor", "Lindqvist", "Moreau", "Tanaka", "Silva", "Novak", "Haddad", "Kowalski",
        "Reyes", "Brandt", "Ivanova", "Mensah"]  # fmt: skip
DEGREES = ["BSc Computer Science, 2016", "MSc Statistics, 2019", "BA Economics, 2018",
           "BEng Software Engineering, 2014"]  # fmt: skip


def made_up_resume(seed: int, extra: tuple[str, ...] = (), drop: tuple[str, ...] = ()) -> str:
    rng = random.Random(seed)  # noqa: S311 - seeded made-up data
    name = f"{FIRST[seed % len(FIRST)]} {LAST[(seed * 5) % len(LAST)]}"
    skills = [s for s in rng.sample(SKILLS, rng.randint(4, 13)) if s not in drop]
    skills += [s for s in extra if s not in skills]
    start = 2012 + rng.randint(0, 10)
    used = skills[: max(1, len(skills) // 2)]
    lines = [
        name,
        f"{name.lower().replace(' ', '.')}@example.org",
        "",
        "Experience",
        f"Data Engineer, Example Corp ({start} - 2025)",
        *(f"- Used {skill} to ship a service for the analytics team." for skill in used),
        "",
        "Skills",
        ", ".join(skills),
        "",
        "Education",
        DEGREES[seed % len(DEGREES)],
    ]
    return "\n".join(lines) + "\n"


def made_up_cohort(folder: Path) -> tuple[Path, Path, list[tuple[Path, str]]]:
    """A dozen made-up resumes, a posting, files that are not resumes; and the edits to
    make before the second run: (file, new text)."""
    resumes = folder / "resumes"
    resumes.mkdir()
    for seed in range(12):
        name = f"{FIRST[seed % len(FIRST)]}-{LAST[(seed * 5) % len(LAST)]}.txt".lower()
        (resumes / name).write_text(made_up_resume(seed), encoding="utf-8")
    (resumes / "notes.md").write_text("# Notes\n\nApplicants for the ML role, batch two.\n")
    (resumes / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (resumes / "scan.pdf").write_bytes(b"")
    posting = folder / "ml-engineer-example-analytics.txt"
    posting.write_text(POSTING, encoding="utf-8")
    edits = [  # one person adds three skills and drops one, another adds two, drops one
        (
            resumes / "avery-okafor.txt",
            made_up_resume(0, extra=("Python", "PyTorch", "model deployment"), drop=("Tableau",)),
        ),
        (
            resumes / "riley-ivanova.txt",
            made_up_resume(2, extra=("SQL", "Kubernetes"), drop=("Pandas",)),
        ),
    ]
    return resumes, posting, edits


def run_batch(resumes: Path, posting: Path | None, out: Path, today: str, redact: bool) -> None:
    from gapcheck.batch.inputs import collect_inputs
    from gapcheck.batch.run import BatchSettings
    from gapcheck.batch.run import run_batch as run
    from gapcheck.batch.task import AnalysisOptions
    from gapcheck.options import Options

    plan = Options(job=posting, today=today).resolve()
    people = collect_inputs([str(resumes)], exclude=out)
    run(people, out, AnalysisOptions(plan, redact=redact), BatchSettings(jobs=2, timeout=120))


def screenshots(page_file: Path, folder: Path, *, full_page: bool) -> list[Path]:
    from playwright.sync_api import sync_playwright

    written = []
    outside: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, (width, height, dark, anchor) in SHOTS.items():
            page = browser.new_page(
                viewport={"width": width, "height": height},
                color_scheme="dark" if dark else "light",
                device_scale_factor=1,
            )
            page.on(
                "request",
                lambda r: outside.append(r.url) if r.url != page_file.as_uri() else None,
            )
            page.goto(page_file.as_uri())
            if anchor is not None and not full_page:
                page.evaluate(f"document.getElementById('{anchor}').scrollIntoView()")
            target = folder / name
            page.screenshot(path=str(target), full_page=full_page)
            written.append(target)
            page.close()
        browser.close()
    if outside:
        raise SystemExit(f"the cohort page tried to load: {', '.join(outside)}")
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("resumes", nargs="?", type=Path, help="a folder of resumes (redacted)")
    parser.add_argument("--job", type=Path, help="a job posting (with a folder of resumes)")
    parser.add_argument("-o", "--output", type=Path, default=REPO / "docs")
    parser.add_argument("--full-page", action="store_true")
    parser.add_argument("--date", default="2026-11-21", help="date printed on the page")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        out = folder / "out"
        if args.resumes is None:
            resumes, posting, edits = made_up_cohort(folder)
            run_batch(resumes, posting, out, args.date, redact=False)
            for path, text in edits:
                path.write_text(text, encoding="utf-8")
            run_batch(resumes, posting, out, args.date, redact=False)
        else:
            run_batch(args.resumes, args.job, out, args.date, redact=True)
        args.output.mkdir(parents=True, exist_ok=True)
        for path in screenshots(out / "index.html", args.output, full_page=args.full_page):
            print(path)


if __name__ == "__main__":
    main()
