"""The fit table and the change section in every format: posting and report text is
escaped, long tables print their head only, and the views say the same everywhere."""

from __future__ import annotations

import json
from pathlib import Path

from gapcheck import analyse, render
from gapcheck.report.fits import PRINTED_FITS, postings_view
from gapcheck.report.since import changes_view
from tests.api.test_several_postings import RESUME

HOSTILE = "<img src=x onerror=alert(1)> ML **Engineer** [x](javascript:alert(1))"


def person(where: Path) -> Path:
    resume = where / "casey.txt"
    resume.write_text(RESUME, encoding="utf-8")
    return resume


def test_posting_titles_are_escaped_in_every_format(tmp_path: Path) -> None:
    folder = tmp_path / "postings"
    folder.mkdir()
    (folder / "a.txt").write_text(f"{HOSTILE}\n\nRequirements:\n- Docker\n", encoding="utf-8")
    (folder / "b.txt").write_text(
        "Data Scientist\n\nRequirements:\n- Python, SQL\n", encoding="utf-8"
    )
    analysis = analyse(person(tmp_path), job=folder, today="2026-12-01")
    html = render(analysis, "html")
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt; ML **Engineer**" in html
    markdown = render(analysis, "md")
    assert "<img" not in markdown and "](javascript" not in markdown
    assert "ML \\*\\*Engineer\\*\\*" in markdown
    assert json.loads(render(analysis, "json"))["postings"]["fits"][1]["title"] == HOSTILE


def test_a_long_fit_table_prints_its_head_and_says_where_the_rest_is(tmp_path: Path) -> None:
    folder = tmp_path / "postings"
    folder.mkdir()
    for n in range(PRINTED_FITS + 2):
        text = f"Role {n:02d}\n\nRequirements:\n- Experience with Python\n" + "- Docker\n" * (n % 2)
        (folder / f"p{n:02d}.txt").write_text(text, encoding="utf-8")
    analysis = analyse(person(tmp_path), job=folder, today="2026-12-01")
    view = postings_view(analysis)
    assert view is not None and view.count == PRINTED_FITS + 2
    assert [r.printed for r in view.rows].count(False) == view.not_printed == 2
    assert all(r.source == f"{r.title.replace('Role ', 'p')}.txt" for r in view.rows)
    html = render(analysis, "html")
    assert html.count('class="fit-row not-printed"') == 2
    assert "2 more postings are listed in the HTML report." in html
    markdown = render(analysis, "md")
    assert f"{PRINTED_FITS + 2 - 10} more postings are ranked in the HTML and JSON reports." in (
        markdown
    )


def test_names_from_an_earlier_report_are_escaped(tmp_path: Path) -> None:
    resume = person(tmp_path)
    old = json.loads(render(analyse(resume, today="2026-11-01"), "json"))
    old["skills"].append({"id": "made_up", "name": HOSTILE, "explicit": True, "evidence": []})
    old["generated_on"] = "<b>2026-11-01</b>"
    since = tmp_path / "old.json"
    since.write_text(json.dumps(old), encoding="utf-8")
    analysis = analyse(resume, since=since, today="2026-12-01")
    view = changes_view(analysis)
    assert view is not None and view.no_longer_shown == (HOSTILE,)
    html = render(analysis, "html")
    assert "<img src=x" not in html and "<b>2026" not in html
    assert "&lt;b&gt;2026-11-01&lt;/b&gt;" in html
    markdown = render(analysis, "md")
    assert "<img" not in markdown and "<b>" not in markdown
