"""Render a report and save a screenshot of it, for the README (docs/report.png).

    python docs/make_screenshot.py                      # the example resume in examples/
    python docs/make_screenshot.py other-resume.pdf     # any resume
    python docs/make_screenshot.py --sample             # the hand-made test analysis
    python docs/make_screenshot.py --full-page --dark -o report-dark.png

Needs Playwright for Python and a Chromium (Debian: `apt-get install chromium`). The
browser runs headless and offline: the report makes no requests, and any attempt would
show up as an error here.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def example_resume() -> Path:
    examples = sorted((REPO / "examples").glob("*.pdf"))
    if not examples:
        raise SystemExit("no example resume in examples/; pass one, or use --sample")
    return examples[0]


def render_report(resume: Path | None, today: str) -> str:
    """The report of `resume`, or of the hand-made strong candidate when it is None."""
    from gapcheck.api import analyse, render

    if resume is not None:
        return render(analyse(resume, today=today), "html")
    sys.path.insert(0, str(REPO))
    from tests.support.sample_analysis import strong_candidate

    return render(strong_candidate(), "html")


def screenshot(
    html: str, output: Path, *, width: int, height: int, full_page: bool, dark: bool
) -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        page_file = Path(folder) / "report.html"
        page_file.write_text(html, encoding="utf-8")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(
                viewport={"width": width, "height": height},
                color_scheme="dark" if dark else "light",
            )
            outside: list[str] = []
            page.on(
                "request", lambda r: outside.append(r.url) if r.url != page_file.as_uri() else None
            )
            page.goto(page_file.as_uri())
            output.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(output), full_page=full_page)
            browser.close()
    if outside:
        raise SystemExit(f"the report tried to load: {', '.join(outside)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("resume", nargs="?", type=Path, help="a resume (default: examples/*.pdf)")
    parser.add_argument("--sample", action="store_true", help="the hand-made test analysis")
    parser.add_argument("-o", "--output", type=Path, default=REPO / "docs" / "report.png")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=1100)
    parser.add_argument("--full-page", action="store_true")
    parser.add_argument("--dark", action="store_true", help="prefers-color-scheme: dark")
    parser.add_argument("--date", default="2026-11-21", help="date printed in the report")
    args = parser.parse_args()
    resume = None if args.sample else (args.resume or example_resume())
    html = render_report(resume, args.date)
    screenshot(
        html,
        args.output,
        width=args.width,
        height=args.height,
        full_page=args.full_page,
        dark=args.dark,
    )
    print(args.output)


if __name__ == "__main__":
    main()
